// @ts-check

/**
 * PostgreSQL stores a device's and a user's failing checks on its row, as
 * SQLite does (20261201_1_stored_counts), so the asset lists sort by them
 * from an index: counting them per read joined every device of the run
 * with jc_entity_open_findings and sorted the lot (155 ms p95 at L for a
 * deep page). They are copied from jc_entity_open_findings, where
 * PostgreSQL's triggers keep them, at the end of each seal and only where
 * they changed (storeFailingChecks): a sync rewrites the rows of the
 * entities whose findings changed, not a wide row per finding.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  for (const table of ['jc_devices', 'jc_users']) {
    await knex.schema.alterTable(table, t => {
      t.integer('failing_checks')
        .notNullable()
        .defaultTo(0)
        .comment('Open findings of the entity (copied at each seal)');
      t.index(
        ['run_id', 'failing_checks', 'id'],
        `${table}_failing_checks_idx`,
      );
    });
    await knex.raw(
      `UPDATE ${table} t SET failing_checks = e.open_count FROM jc_entity_open_findings e
        WHERE e.connection_id = t.connection_id AND e.entity_id = t.id`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  for (const table of ['jc_devices', 'jc_users']) {
    await knex.schema.alterTable(table, t => {
      t.dropIndex([], `${table}_failing_checks_idx`);
      t.dropColumn('failing_checks');
    });
  }
};
