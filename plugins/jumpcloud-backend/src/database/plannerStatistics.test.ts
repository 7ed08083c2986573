import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import { migrated } from '../evaluation/__testUtils__/harness';
import { analyzeFirstRunRows } from './plannerStatistics';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

/**
 * What the planner knows of a table: on PostgreSQL the rows it believes the
 * table has (-1: never analysed); on SQLite whether any statistics exist.
 */
async function statisticsOf(knex: Knex, table: string): Promise<number> {
  if (knex.client.dialect === 'postgresql') {
    const { rows } = await knex.raw(
      'SELECT reltuples FROM pg_class WHERE relname = ?',
      [table],
    );
    return Number(rows[0].reltuples);
  }
  const stats = await knex.raw(
    "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'",
  );
  return stats.length > 0 ? 1 : -1;
}

async function withResults(knex: Knex, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    run_id: 'run-1',
    check_id: 'C1',
    severity: 'high',
    entity_kind: 'device',
    entity_id: `d${i}`,
    entity_name: `d${i}`,
    status: 'fail',
    message: 'm',
  }));
  for (let i = 0; i < rows.length; i += 200)
    await knex('jc_run_results').insert(rows.slice(i, i + 200));
}

describe.each(ids)('analyzeFirstRunRows on %s', databaseId => {
  it('analyses what a first run filled, and leaves a later run to the statistics it has', async () => {
    const knex = await migrated(await databases.init(databaseId));
    await withResults(knex, 500);
    // A later run's rows are described by the statistics of the last apply.
    await analyzeFirstRunRows(knex, { baseRunId: 'run-0' }, ['jc_run_results']);
    expect(await statisticsOf(knex, 'jc_run_results')).toBe(-1);

    await analyzeFirstRunRows(knex, { baseRunId: null }, ['jc_run_results']);
    // SQLite plans these reads from its indexes: it is left without.
    expect(await statisticsOf(knex, 'jc_run_results')).toBe(
      knex.client.dialect === 'postgresql' ? 500 : -1,
    );
    await knex.destroy();
  });
});
