// @ts-check

const KEY = 'connection_id, check_id, severity, entity_kind, status';
const NAMES = ['insert', 'delete', 'update'];

/**
 * GET /findings answers a page and the total the filters match. Counting
 * that total read every matching finding (at L, 128k findings: up to
 * 700 ms p95 on PostgreSQL under bench:api's load, where the count of
 * every findings page was the main cost). The filters the Findings and
 * Frameworks tabs combine (connection, check or framework, severity,
 * entity kind, status) are counted here instead, per finding as stored,
 * by triggers on jc_findings in the statement that changes a finding, so
 * the total stays exact: FindingCounts sums the few rows that match.
 * Exceptions expire by themselves, so an open finding's exception is not
 * stored here: the excepted findings are counted at read time (few, from
 * jc_findings_excepted_idx).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('jc_finding_counts', table => {
    table.comment(
      'Findings per connection, check, severity, entity kind and stored status (kept by triggers on jc_findings)',
    );
    table.string('connection_id', 64).notNullable();
    table.string('check_id', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.string('entity_kind', 16).notNullable();
    table.string('status', 16).notNullable();
    table.integer('finding_count').notNullable();
    table.primary([
      'connection_id',
      'check_id',
      'severity',
      'entity_kind',
      'status',
    ]);
  });
  await knex.raw(
    `INSERT INTO jc_finding_counts (${KEY}, finding_count) SELECT ${KEY}, count(*) FROM jc_findings GROUP BY ${KEY}`,
  );
  if (knex.client.dialect === 'postgresql') await postgresTriggers(knex);
  else await sqliteTriggers(knex);
};

/**
 * SQLite: row triggers, as the other counts (20261201_1_stored_counts).
 *
 * @param {import('knex').Knex} knex
 */
async function sqliteTriggers(knex) {
  /** @param {'OLD' | 'NEW'} row @param {1 | -1} delta */
  const apply = (row, delta) => `
    INSERT INTO jc_finding_counts (${KEY}, finding_count)
      VALUES (${KEY.split(', ')
        .map(c => `${row}.${c}`)
        .join(', ')}, ${delta})
      ON CONFLICT (${KEY}) DO UPDATE SET finding_count = finding_count + excluded.finding_count;`;
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_insert AFTER INSERT ON jc_findings
    BEGIN ${apply('NEW', 1)} END`);
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_delete AFTER DELETE ON jc_findings
    BEGIN ${apply('OLD', -1)} END`);
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_update
    AFTER UPDATE OF ${KEY} ON jc_findings
    WHEN ${KEY.split(', ')
      .map(c => `OLD.${c} IS NOT NEW.${c}`)
      .join(' OR ')}
    BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)} END`);
}

/**
 * PostgreSQL: statement triggers over the transition tables, so a batch
 * of findings moves each count once (as jc_open_findings' triggers do).
 *
 * @param {import('knex').Knex} knex
 */
async function postgresTriggers(knex) {
  /** @param {string} name @param {string} delta */
  const fn = (name, delta) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      WITH d AS (${delta})
      INSERT INTO jc_finding_counts AS t (${KEY}, finding_count)
        SELECT ${KEY}, sum(n) FROM d GROUP BY ${KEY} HAVING sum(n) <> 0
        ON CONFLICT (${KEY}) DO UPDATE SET finding_count = t.finding_count + EXCLUDED.finding_count;
      RETURN NULL;
    END
    $fn$`;
  const added = `SELECT ${KEY}, 1 AS n FROM new_rows`;
  const removed = `SELECT ${KEY}, -1 AS n FROM old_rows`;
  await knex.raw(fn('jc_finding_counts_insert', added));
  await knex.raw(fn('jc_finding_counts_delete', removed));
  await knex.raw(
    fn('jc_finding_counts_update', `${added} UNION ALL ${removed}`),
  );
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_insert AFTER INSERT ON jc_findings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_finding_counts_insert()`);
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_delete AFTER DELETE ON jc_findings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_finding_counts_delete()`);
  await knex.raw(`
    CREATE TRIGGER jc_finding_counts_update AFTER UPDATE ON jc_findings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_finding_counts_update()`);
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.dialect === 'postgresql';
  for (const name of NAMES) {
    await knex.raw(
      `DROP TRIGGER IF EXISTS jc_finding_counts_${name}${
        pg ? ' ON jc_findings' : ''
      }`,
    );
    if (pg)
      await knex.raw(`DROP FUNCTION IF EXISTS jc_finding_counts_${name}()`);
  }
  await knex.schema.dropTable('jc_finding_counts');
};
