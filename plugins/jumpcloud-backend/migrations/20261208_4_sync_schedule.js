// @ts-check

/**
 * When each connection's next scheduled sync is due. Every replica claims due
 * connections from here itself (moving next_run_at on with a compare-and-set
 * update, so exactly one replica wins each turn) as it has free sync slots:
 * syncs spread over the replicas instead of following one replica's task
 * lock. Timestamps are ISO 8601 UTC strings, compared as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_sync_schedule', table => {
    table
      .string('connection_id', 64)
      .primary()
      .references('id')
      .inTable('jc_connections')
      .onDelete('CASCADE');
    table
      .text('frequency')
      .notNullable()
      .comment('JSON of the frequency next_run_at was computed for');
    table.string('next_run_at', 32).notNullable();
    table.index(['next_run_at'], 'jc_sync_schedule_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jc_sync_schedule');
};
