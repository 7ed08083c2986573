// @ts-check

/**
 * A sync degrades by data type instead of all-or-nothing:
 * - each run records, per data type, whether it was read completely or why
 *   not (not in plan, not permitted, failed this run);
 * - each posture point records the checks that run could not evaluate;
 * - each sealed run records its coverage, so an auditor sees it;
 * - `partial` now means "applied, with gaps". Runs recorded as `partial`
 *   before this change were never applied (their rows were discarded), so
 *   they become `failed`, which is what they were for everything downstream.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_sync_runs', table => {
    table.text('coverage_json').nullable();
  });
  await knex.schema.alterTable('jc_posture_points', table => {
    table.text('unevaluated_json').nullable();
  });
  await knex.schema.alterTable('jc_evidence_runs', table => {
    table.text('coverage_json').nullable();
  });
  await knex('jc_sync_runs')
    .where('status', 'partial')
    .update({ status: 'failed' });
  await knex('jc_history')
    .where({ action: 'sync', status: 'partial' })
    .update({ status: 'failed' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_evidence_runs', table => {
    table.dropColumn('coverage_json');
  });
  await knex.schema.alterTable('jc_posture_points', table => {
    table.dropColumn('unevaluated_json');
  });
  await knex.schema.alterTable('jc_sync_runs', table => {
    table.dropColumn('coverage_json');
  });
};
