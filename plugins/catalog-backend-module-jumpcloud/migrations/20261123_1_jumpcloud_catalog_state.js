// @ts-check

/**
 * What the JumpCloud entity provider applied to the catalog, per connection,
 * so that later syncs send only what changed and names stay stable, whichever
 * replica runs the refresh.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jumpcloud_catalog_connections', table => {
    table.comment('Connections whose snapshot the JumpCloud provider applied');
    table.string('connection_id', 255).primary().notNullable();
    table.string('connection_name', 255).notNullable();
    table.string('run_id', 255).notNullable().comment('The applied sync run');
    table.string('users_mode', 16).notNullable();
    table.timestamp('applied_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('jumpcloud_catalog_entities', table => {
    table.comment('Entities the JumpCloud provider applied, one row each');
    table.string('connection_id', 255).notNullable();
    table
      .string('source_key', 255)
      .notNullable()
      .comment('The JumpCloud object, e.g. system:<id>');
    table.string('kind', 16).notNullable().comment('user, group or resource');
    table.string('base_name', 255).notNullable();
    table.string('assigned_name', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('hash', 64).notNullable();
    table.primary(['connection_id', 'source_key']);
    table.index(['entity_ref'], 'jumpcloud_catalog_entities_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('jumpcloud_catalog_entities');
  await knex.schema.dropTable('jumpcloud_catalog_connections');
};
