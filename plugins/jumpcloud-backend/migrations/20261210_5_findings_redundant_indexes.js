// @ts-check

/**
 * Drops the findings indexes that a later, wider index begins with: every
 * query they served is served by the wider one, and each index is written
 * for every finding a seal opens or changes (a first seal at L opens 107k
 * findings into 24 indexes on SQLite).
 *
 * - (first_seen_at) ← (first_seen_at, id)
 * - (last_seen_at) ← (last_seen_at, id)
 * - (check_id) ← (check_id, id)
 * - (status, severity_rank) ← (status, severity_rank, id, severity, excepted_until)
 * - SQLite only: (severity_rank, id) ← (severity_rank, id, search_text); on
 *   PostgreSQL it is the default sort's index and stays.
 */
const BOTH = [
  ['jc_findings_first_seen_idx', ['first_seen_at']],
  ['jc_findings_last_seen_idx', ['last_seen_at']],
  ['jc_findings_check_idx', ['check_id']],
  ['jc_findings_status_idx', ['status', 'severity_rank']],
];
const SQLITE_ONLY = [['jc_findings_severity_idx', ['severity_rank', 'id']]];

/** @param {import('knex').Knex} knex */
const redundant = knex =>
  knex.client.dialect === 'postgresql' ? BOTH : [...BOTH, ...SQLITE_ONLY];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    for (const [name] of redundant(knex)) table.dropIndex([], String(name));
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('jc_findings', table => {
    for (const [name, columns] of redundant(knex))
      table.index(/** @type {string[]} */ (columns), String(name));
  });
};
