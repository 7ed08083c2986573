// @ts-check

/**
 * GET /findings?sort=lastSeenAt reads a finding the latest sealed run saw
 * as last seen at that run's time, not at its stored last_seen_at (sealing
 * no longer rewrites findings still failing: 20261210_2). Sorting by that
 * computed key read and sorted every finding (600 ms p95 at L). The sort is
 * now a merge of branches, each read in order from an index and cut at the
 * page's end:
 * - per connection, the findings its latest sealed run saw, all last seen
 *   at that run's time: (connection_id, seen_in_latest_run, id);
 * - every other finding, by its stored time: (seen_in_latest_run,
 *   last_seen_at, id).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table.index(
      ['connection_id', 'seen_in_latest_run', 'id'],
      'jc_findings_seen_by_connection_idx',
    );
    table.index(
      ['seen_in_latest_run', 'last_seen_at', 'id'],
      'jc_findings_seen_last_seen_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    table.dropIndex([], 'jc_findings_seen_by_connection_idx');
    table.dropIndex([], 'jc_findings_seen_last_seen_idx');
  });
};
