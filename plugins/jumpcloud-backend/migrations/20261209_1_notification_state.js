// @ts-check

/**
 * What each connection's notifications last said, so that a problem is told
 * once (a key revoked for a week is one notification, not one per sync) and
 * its recovery once, by exactly one replica: a replica sends only after it
 * moved `mark` from the value it read to the new one (compare-and-set) or
 * inserted the row (insert-if-absent). One row per connection and topic:
 * `sync` (ok / failed / credentials), `data:<data type>` (readable or not)
 * and `owner:<entity ref>` (the last run whose new findings were told).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_notification_state', table => {
    table
      .string('connection_id', 64)
      .notNullable()
      .references('id')
      .inTable('jc_connections')
      .onDelete('CASCADE');
    table.string('topic', 255).notNullable();
    table.string('mark', 64).notNullable();
    table
      .string('run_id', 64)
      .nullable()
      .comment('The run whose outcome set the mark');
    table.string('changed_at', 32).notNullable();
    table.primary(['connection_id', 'topic']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jc_notification_state');
};
