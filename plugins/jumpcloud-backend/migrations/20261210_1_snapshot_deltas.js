// @ts-check

/**
 * Snapshots stored as changes (see src/snapshot/RunDelta.ts): a connection's
 * rows carry one label, `jc_connections.snapshot_run_id`, for as long as it
 * exists. A run stores only the rows its base lacks (under its own run id)
 * and marks the base rows it no longer has (`superseded_by`); applying it
 * deletes the marked rows and relabels its own. `row_hash` identifies a
 * row's content; rows stored before this migration have none, so the first
 * run after it stores everything once.
 */
const TABLES = [
  'jc_devices',
  'jc_users',
  'jc_groups',
  'jc_group_members',
  'jc_bindings',
  'jc_policies',
  'jc_policy_results',
  'jc_insights',
  'jc_admins',
  'jc_org_objects',
  'jc_run_results',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const name of TABLES) {
    await knex.schema.alterTable(name, table => {
      table.string('row_hash', 16).nullable();
      table.string('superseded_by', 64).nullable();
      table.index(['run_id', 'row_hash'], `${name}_hash_idx`);
      // Only a run in progress marks rows: the index stays tiny.
      table.index(['superseded_by'], `${name}_superseded_idx`, {
        predicate: knex.whereNotNull('superseded_by'),
      });
    });
  }
  await knex.schema.alterTable('jc_connections', table => {
    table.string('snapshot_run_id', 64).nullable();
  });
  await knex('jc_connections').update({
    snapshot_run_id: knex.ref('latest_complete_run_id'),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Back to rows labelled with the latest complete run, as readers then expect.
  const moved = await knex('jc_connections')
    .whereNotNull('snapshot_run_id')
    .whereRaw('snapshot_run_id <> latest_complete_run_id')
    .select('snapshot_run_id', 'latest_complete_run_id');
  for (const connection of moved) {
    for (const name of TABLES) {
      await knex(name)
        .where('run_id', connection.snapshot_run_id)
        .update({ run_id: connection.latest_complete_run_id });
    }
  }
  // Plain DROP COLUMN: knex would rebuild SQLite tables, breaking the
  // triggers on jc_findings that name them.
  await knex.raw('ALTER TABLE jc_connections DROP COLUMN snapshot_run_id');
  for (const name of TABLES) {
    await knex.schema.alterTable(name, table => {
      table.dropIndex([], `${name}_superseded_idx`);
      table.dropIndex([], `${name}_hash_idx`);
    });
    await knex.raw(`ALTER TABLE ${name} DROP COLUMN superseded_by`);
    await knex.raw(`ALTER TABLE ${name} DROP COLUMN row_hash`);
  }
};
