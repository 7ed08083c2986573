import type { Knex } from 'knex';

/**
 * Brings `failing_checks` (the entity's open findings) of a connection's
 * device and user rows up to date with its findings, inside the seal's
 * transaction that changed them. SQLite's triggers on jc_findings keep the
 * stored rows in step finding by finding (migration
 * 20261201_1_stored_counts). PostgreSQL's keep the narrow
 * jc_entity_open_findings instead (a wide row rewritten per finding left a
 * dead copy each time), and its counts are copied here in one pass, onto
 * the rows whose count changed only (migration
 * 20261210_4_postgres_failing_checks).
 */
export async function storeFailingChecks(
  trx: Knex.Transaction,
  connectionId: string,
  runId: string,
): Promise<void> {
  if (trx.client.dialect !== 'postgresql') return;
  // The connection's applied rows and the sealed run's own (applied next).
  const connection = await trx('jc_connections')
    .where('id', connectionId)
    .first('snapshot_run_id', 'latest_complete_run_id');
  const runIds = [
    runId,
    connection?.snapshot_run_id ?? connection?.latest_complete_run_id,
  ].filter((id): id is string => Boolean(id));
  const count = `coalesce((SELECT e.open_count FROM jc_entity_open_findings e WHERE e.connection_id = t.connection_id AND e.entity_id = t.id), 0)`;
  for (const table of ['jc_devices', 'jc_users']) {
    await trx.raw(
      `UPDATE ${table} t SET failing_checks = ${count} WHERE t.run_id IN (${runIds
        .map(() => '?')
        .join(', ')}) AND t.failing_checks <> ${count}`,
      runIds,
    );
  }
}
