// @ts-check

/**
 * Indexes for the slowest read routes at size L (bench:api):
 * - member counts of groups (GET /assets/groups?sort=memberCount) count
 *   jc_group_members by (run_id, group_id, group_type) from the index alone;
 * - failing checks of devices and users (open findings per entity) count
 *   jc_findings by (connection_id, entity_id, status) from the index alone;
 * - GET /findings?sort=lastSeenAt orders by (last_seen_at, id): one index
 *   serves the sort and its tie-breaker.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_group_members', table => {
    table.index(
      ['run_id', 'group_id', 'group_type'],
      'jc_group_members_group_type_idx',
    );
  });
  await knex.schema.alterTable('jc_findings', table => {
    table.index(
      ['connection_id', 'entity_id', 'status'],
      'jc_findings_connection_entity_idx',
    );
    table.index(['last_seen_at', 'id'], 'jc_findings_last_seen_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table.dropIndex([], 'jc_findings_connection_entity_idx');
    table.dropIndex([], 'jc_findings_last_seen_id_idx');
  });
  await knex.schema.alterTable('jc_group_members', table => {
    table.dropIndex([], 'jc_group_members_group_type_idx');
  });
};
