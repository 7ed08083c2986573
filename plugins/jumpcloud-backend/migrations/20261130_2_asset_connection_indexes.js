// @ts-check

/**
 * Failing-check counts (open findings per entity) correlate on the asset's
 * connection_id and id. With (run_id, connection_id, id) indexes, sorting a
 * run's devices or users by that count reads these narrow indexes instead of
 * every wide row (raw JSON) of the run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_devices', table => {
    table.index(['run_id', 'connection_id', 'id'], 'jc_devices_connection_idx');
  });
  await knex.schema.alterTable('jc_users', table => {
    table.index(['run_id', 'connection_id', 'id'], 'jc_users_connection_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_users', table => {
    table.dropIndex([], 'jc_users_connection_idx');
  });
  await knex.schema.alterTable('jc_devices', table => {
    table.dropIndex([], 'jc_devices_connection_idx');
  });
};
