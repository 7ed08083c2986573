// @ts-check

/**
 * A device's or user's own groups (the entity tab: GET /assets/devices/…
 * and /assets/users/…) are read by (run_id, member_id, group_type). SQLite
 * chose jc_group_members_run_idx (run_id, group_type) for it and scanned
 * every member of that type in the run (16 ms at L, 28k system group
 * members, under load) over jc_group_members_member_idx (run_id,
 * member_id). This index holds every column of that read, so it is found
 * and answered from the index alone on both databases.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_group_members', table => {
    table.index(
      ['run_id', 'member_id', 'group_type', 'group_id'],
      'jc_group_members_member_type_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_group_members', table => {
    table.dropIndex([], 'jc_group_members_member_type_idx');
  });
};
