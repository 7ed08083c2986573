// @ts-check

/**
 * Every sort the Assets and Findings tables offer, and their free-text
 * searches, read from an index (bench:api at size L: 20k devices and users,
 * 128k findings):
 *
 * - Sorts: one index per sortable column holds the run (devices, users),
 *   the column and the tie-breaker id, so a page walks it in order and stops
 *   instead of sorting every row (some sorts took 300-600 ms at L).
 * - PostgreSQL searches: trigram GIN indexes (pg_trgm) serve the
 *   `LIKE '%term%'` of the findings' search column and of the devices' and
 *   users' joined searched columns (the same expressions AssetsReader
 *   searches). CREATE EXTENSION may be refused (no privilege, extension not
 *   installed): then the searches scan as before, and say nothing.
 * - SQLite findings search: an FTS5 trigram index of search_text (external
 *   content: the text stays in jc_findings only), kept by triggers. A
 *   substring of three characters or more is found and counted from it
 *   instead of testing every finding's text. It is keyed by jc_findings'
 *   rowid, which only VACUUM renumbers (the plugin never runs it); after a
 *   manual VACUUM, `INSERT INTO jc_findings_search(jc_findings_search)
 *   VALUES ('rebuild')` re-reads it. Its trigrams keep case (the text and
 *   the terms are both lower-cased), so it finds exactly what instr() did.
 */

/** Sortable columns (AssetsReader DEVICE_SORTS, USER_SORTS, FINDING_SORTS). */
const SORTED = {
  jc_devices: [
    'display_name',
    'os',
    'os_version',
    'agent_version',
    'last_contact',
    'active',
  ],
  jc_users: ['display_name', 'email', 'state', 'mfa_enrolled', 'is_admin'],
  jc_findings: ['first_seen_at', 'connection_name', 'check_id'],
};

/** The searched text of AssetsReader's #whereAnyContains, per table. */
const SEARCHED = {
  jc_devices: ['hostname', 'display_name', 'serial_number', 'os'],
  jc_users: ['username', 'email', 'display_name'],
};

/** @param {string} table @param {string} column */
const indexName = (table, column) => `${table}_${column}_sort_idx`;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [table, columns] of Object.entries(SORTED)) {
    await knex.schema.alterTable(table, t => {
      for (const column of columns)
        t.index(
          table === 'jc_findings' ? [column, 'id'] : ['run_id', column, 'id'],
          indexName(table, column),
        );
    });
  }
  if (knex.client.dialect === 'postgresql') {
    await postgresSearch(knex);
    await postgresEntityCounts(knex);
  } else await sqliteSearch(knex);
};

/**
 * PostgreSQL: failing checks (open findings) per entity, stored in a narrow
 * table kept by the findings' statement triggers (as jc_open_findings is),
 * instead of counted per device or user on every list: sorting 20k devices
 * by it counted every device's findings (370 ms at L). SQLite stores them
 * on the rows (20261201_1); here an update of a wide row left a dead copy.
 *
 * @param {import('knex').Knex} knex
 * @param {boolean} [perEntity]
 */
async function postgresCountTriggers(knex, perEntity = true) {
  /** @param {string} name @param {string} delta */
  const fn = (name, delta) => `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      WITH d AS (${delta}),
      s AS (
        INSERT INTO jc_open_findings AS t (connection_id, severity, open_count)
          SELECT connection_id, severity, sum(n) FROM d GROUP BY connection_id, severity HAVING sum(n) <> 0
          ON CONFLICT (connection_id, severity) DO UPDATE SET open_count = t.open_count + EXCLUDED.open_count
          RETURNING 1
      )
      ${
        perEntity
          ? `INSERT INTO jc_entity_open_findings AS e (connection_id, entity_id, open_count)
          SELECT connection_id, entity_id, sum(n) FROM d GROUP BY connection_id, entity_id HAVING sum(n) <> 0
          ON CONFLICT (connection_id, entity_id) DO UPDATE SET open_count = e.open_count + EXCLUDED.open_count`
          : 'SELECT count(*) FROM s'
      };
      RETURN NULL;
    END
    $fn$`;
  const columns = 'connection_id, severity, entity_id';
  const added = `SELECT ${columns}, 1 AS n FROM new_rows WHERE status = 'open'`;
  const removed = `SELECT ${columns}, -1 AS n FROM old_rows WHERE status = 'open'`;
  await knex.raw(fn('jc_findings_counts_insert', added));
  await knex.raw(fn('jc_findings_counts_delete', removed));
  await knex.raw(
    fn('jc_findings_counts_update', `${added} UNION ALL ${removed}`),
  );
}

/** @param {import('knex').Knex} knex */
async function postgresEntityCounts(knex) {
  await knex.schema.createTable('jc_entity_open_findings', table => {
    table.comment(
      'Findings with status open per connection and entity (kept by triggers on jc_findings)',
    );
    table.string('connection_id', 64).notNullable();
    table.string('entity_id', 255).notNullable();
    table.integer('open_count').notNullable();
    table.primary(['connection_id', 'entity_id']);
  });
  await knex.raw(
    `INSERT INTO jc_entity_open_findings (connection_id, entity_id, open_count) SELECT connection_id, entity_id, count(*) FROM jc_findings WHERE status = 'open' GROUP BY connection_id, entity_id`,
  );
  await postgresCountTriggers(knex);
}

/** @param {import('knex').Knex} knex */
async function postgresSearch(knex) {
  // A refused CREATE EXTENSION aborts the statement only within its savepoint.
  const trigrams = await knex
    .transaction(async trx => {
      await trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      return true;
    })
    .catch(() => false);
  if (!trigrams) return;
  await knex.raw(
    'CREATE INDEX jc_findings_search_trgm_idx ON jc_findings USING gin (search_text gin_trgm_ops)',
  );
  for (const [table, columns] of Object.entries(SEARCHED)) {
    const joined = columns
      .map(c => `coalesce(${c}, '')`)
      .join(` || '\u0001' || `);
    await knex.raw(
      `CREATE INDEX ${table}_search_trgm_idx ON ${table} USING gin ((lower(${joined})) gin_trgm_ops)`,
    );
  }
}

/** @param {import('knex').Knex} knex */
async function sqliteSearch(knex) {
  await knex.raw(`
    CREATE VIRTUAL TABLE jc_findings_search USING fts5(
      search_text, content='jc_findings', content_rowid='rowid',
      tokenize='trigram case_sensitive 1'
    )`);
  // SELECT … WHERE: the update trigger's rows may have no text on one side.
  /** @param {string} when */
  const remove =
    when => `INSERT INTO jc_findings_search (jc_findings_search, rowid, search_text)
      SELECT 'delete', OLD.rowid, OLD.search_text WHERE ${when};`;
  /** @param {string} when */
  const add = when => `INSERT INTO jc_findings_search (rowid, search_text)
      SELECT NEW.rowid, NEW.search_text WHERE ${when};`;
  await knex.raw(`CREATE TRIGGER jc_findings_search_insert AFTER INSERT ON jc_findings
    BEGIN ${add('NEW.search_text IS NOT NULL')} END`);
  await knex.raw(`CREATE TRIGGER jc_findings_search_delete AFTER DELETE ON jc_findings
    BEGIN ${remove('OLD.search_text IS NOT NULL')} END`);
  await knex.raw(`CREATE TRIGGER jc_findings_search_update AFTER UPDATE OF search_text ON jc_findings
    WHEN OLD.search_text IS NOT NEW.search_text BEGIN
      ${remove('OLD.search_text IS NOT NULL')}
      ${add('NEW.search_text IS NOT NULL')}
    END`);
  await knex.raw(
    `INSERT INTO jc_findings_search (jc_findings_search) VALUES ('rebuild')`,
  );
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.dialect === 'postgresql') {
    await postgresCountTriggers(knex, false);
    await knex.schema.dropTable('jc_entity_open_findings');
    for (const table of ['jc_findings', 'jc_devices', 'jc_users'])
      await knex.raw(`DROP INDEX IF EXISTS ${table}_search_trgm_idx`);
  } else {
    for (const name of ['insert', 'delete', 'update'])
      await knex.raw(`DROP TRIGGER IF EXISTS jc_findings_search_${name}`);
    await knex.raw('DROP TABLE IF EXISTS jc_findings_search');
  }
  for (const [table, columns] of Object.entries(SORTED)) {
    await knex.schema.alterTable(table, t => {
      for (const column of columns) t.dropIndex([], indexName(table, column));
    });
  }
};
