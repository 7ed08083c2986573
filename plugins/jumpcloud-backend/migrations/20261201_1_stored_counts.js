// @ts-check

/**
 * Counts the asset lists and the posture sort or show, stored instead of
 * counted per row and request (bench:api at size L: 20k devices and users,
 * 640k bindings, 117k findings):
 *
 * - jc_users.device_count: the user's bindings in the run. Bindings of a run
 *   never change; SnapshotWriter sets it once a run's rows are all stored.
 * - jc_devices.failing_checks, jc_users.failing_checks (SQLite only):
 *   findings of the entity (same connection, entity_id = id) with status
 *   'open', excepted or not, as the lists always counted them.
 *   SnapshotWriter sets them when a run is stored; afterwards the triggers
 *   below keep every run's rows in step with each finding inserted, deleted
 *   or changing status, in the statement (and transaction) that changes the
 *   finding. PostgreSQL keeps counting them per row: see
 *   createPostgresTriggers.
 * - jc_open_findings: findings with status 'open' per connection and
 *   severity, kept by the same triggers. GET /posture subtracts the ones an
 *   exception covers at read time (exceptions expire by themselves).
 *
 * Indexes serve the sorts by these counts, the triggers' lookups by
 * (connection_id, id), and on SQLite the searches: a covering index of the
 * searched columns is scanned instead of every wide row (raw JSON). On
 * PostgreSQL such indexes could exceed the btree row size with long names,
 * so they are SQLite only.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.dialect === 'postgresql';

  await knex.schema.alterTable('jc_users', table => {
    table
      .integer('device_count')
      .notNullable()
      .defaultTo(0)
      .comment('Bindings of the user in the run');
  });
  if (!pg) {
    for (const table of ['jc_devices', 'jc_users']) {
      await knex.schema.alterTable(table, t => {
        t.integer('failing_checks')
          .notNullable()
          .defaultTo(0)
          .comment(
            'Open findings of the entity (kept by triggers on jc_findings)',
          );
      });
    }
  }
  await knex.schema.createTable('jc_open_findings', table => {
    table.comment(
      'Findings with status open per connection and severity (kept by triggers on jc_findings)',
    );
    table.string('connection_id', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('open_count').notNullable();
    table.primary(['connection_id', 'severity']);
  });

  // Existing snapshots and findings.
  await knex.raw(
    `UPDATE jc_users SET device_count = (SELECT count(*) FROM jc_bindings b WHERE b.run_id = jc_users.run_id AND b.user_id = jc_users.id)`,
  );
  if (!pg) {
    for (const table of ['jc_devices', 'jc_users']) {
      await knex.raw(
        `UPDATE ${table} SET failing_checks = (SELECT count(*) FROM jc_findings f WHERE f.connection_id = ${table}.connection_id AND f.entity_id = ${table}.id AND f.status = 'open')`,
      );
    }
  }
  await knex.raw(
    `INSERT INTO jc_open_findings (connection_id, severity, open_count) SELECT connection_id, severity, count(*) FROM jc_findings WHERE status = 'open' GROUP BY connection_id, severity`,
  );

  await knex.schema.alterTable('jc_users', table => {
    table.index(['run_id', 'device_count', 'id'], 'jc_users_device_count_idx');
  });

  if (pg) {
    await createPostgresTriggers(knex);
    return;
  }
  await createSqliteTriggers(knex);
  for (const table of ['jc_devices', 'jc_users']) {
    const name = table.slice(3);
    await knex.schema.alterTable(table, t => {
      t.index(
        ['run_id', 'failing_checks', 'id'],
        `jc_${name}_failing_checks_idx`,
      );
      t.index(['connection_id', 'id'], `jc_${name}_entity_idx`);
    });
  }
  await knex.schema.alterTable('jc_devices', table => {
    table.index(
      ['run_id', 'hostname', 'id', 'display_name', 'serial_number', 'os'],
      'jc_devices_search_idx',
    );
  });
  await knex.schema.alterTable('jc_users', table => {
    table.index(
      ['run_id', 'username', 'id', 'email', 'display_name'],
      'jc_users_search_idx',
    );
  });
  await knex.schema.alterTable('jc_findings', table => {
    table.index(
      ['search_text', 'severity_rank', 'id'],
      'jc_findings_search_idx',
    );
  });
};

/**
 * SQLite: row triggers (an update in place costs little). The UPDATE
 * trigger fires only when one of the listed columns is assigned, and acts
 * only when the finding's count changes.
 *
 * @param {import('knex').Knex} knex
 */
async function createSqliteTriggers(knex) {
  /** @param {'OLD' | 'NEW'} row @param {1 | -1} delta */
  const apply = (row, delta) => `
    UPDATE jc_devices SET failing_checks = failing_checks + (${delta})
      WHERE ${row}.status = 'open' AND connection_id = ${row}.connection_id AND id = ${row}.entity_id;
    UPDATE jc_users SET failing_checks = failing_checks + (${delta})
      WHERE ${row}.status = 'open' AND connection_id = ${row}.connection_id AND id = ${row}.entity_id;
    INSERT INTO jc_open_findings (connection_id, severity, open_count)
      SELECT ${row}.connection_id, ${row}.severity, ${delta} WHERE ${row}.status = 'open'
      ON CONFLICT (connection_id, severity) DO UPDATE SET open_count = open_count + excluded.open_count;`;
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_insert AFTER INSERT ON jc_findings
    WHEN NEW.status = 'open'
    BEGIN ${apply('NEW', 1)}
    END`);
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_delete AFTER DELETE ON jc_findings
    WHEN OLD.status = 'open'
    BEGIN ${apply('OLD', -1)}
    END`);
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_update
    AFTER UPDATE OF status, connection_id, entity_id, severity ON jc_findings
    WHEN (OLD.status = 'open' OR NEW.status = 'open') AND (
      OLD.status IS NOT NEW.status OR OLD.connection_id IS NOT NEW.connection_id
      OR OLD.entity_id IS NOT NEW.entity_id OR OLD.severity IS NOT NEW.severity)
    BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)}
    END`);
}

/**
 * PostgreSQL: statement triggers over the transition tables, so a batch of
 * findings moves each count of jc_open_findings once (row triggers would
 * rewrite the same few rows once per finding). The failing checks of
 * devices and users are not stored there: each update of a wide row leaves
 * a dead copy until vacuumed, and a first seal at L left about five per
 * device, which slowed every device list.
 *
 * @param {import('knex').Knex} knex
 */
async function createPostgresTriggers(knex) {
  /** @param {string} name @param {string} delta */
  const fn = (name, delta) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      WITH d AS (${delta})
      INSERT INTO jc_open_findings AS t (connection_id, severity, open_count)
        SELECT connection_id, severity, sum(n) FROM d GROUP BY connection_id, severity HAVING sum(n) <> 0
        ON CONFLICT (connection_id, severity) DO UPDATE SET open_count = t.open_count + EXCLUDED.open_count;
      RETURN NULL;
    END
    $fn$`;
  const added = `SELECT connection_id, severity, 1 AS n FROM new_rows WHERE status = 'open'`;
  const removed = `SELECT connection_id, severity, -1 AS n FROM old_rows WHERE status = 'open'`;
  await knex.raw(fn('jc_findings_counts_insert', added));
  await knex.raw(fn('jc_findings_counts_delete', removed));
  await knex.raw(
    fn('jc_findings_counts_update', `${added} UNION ALL ${removed}`),
  );
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_insert AFTER INSERT ON jc_findings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_findings_counts_insert()`);
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_delete AFTER DELETE ON jc_findings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_findings_counts_delete()`);
  await knex.raw(`
    CREATE TRIGGER jc_findings_counts_update AFTER UPDATE ON jc_findings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jc_findings_counts_update()`);
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.dialect === 'postgresql';
  for (const name of ['insert', 'delete', 'update']) {
    await knex.raw(
      `DROP TRIGGER IF EXISTS jc_findings_counts_${name}${
        pg ? ' ON jc_findings' : ''
      }`,
    );
    if (pg)
      await knex.raw(`DROP FUNCTION IF EXISTS jc_findings_counts_${name}()`);
  }
  await knex.schema.dropTable('jc_open_findings');
  if (!pg) {
    await knex.schema.alterTable('jc_findings', table => {
      table.dropIndex([], 'jc_findings_search_idx');
    });
    for (const table of ['jc_devices', 'jc_users']) {
      const name = table.slice(3);
      await knex.schema.alterTable(table, t => {
        t.dropIndex([], `jc_${name}_search_idx`);
        t.dropIndex([], `jc_${name}_failing_checks_idx`);
        t.dropIndex([], `jc_${name}_entity_idx`);
        t.dropColumn('failing_checks');
      });
    }
  }
  await knex.schema.alterTable('jc_users', table => {
    table.dropIndex([], 'jc_users_device_count_idx');
    table.dropColumn('device_count');
  });
};
