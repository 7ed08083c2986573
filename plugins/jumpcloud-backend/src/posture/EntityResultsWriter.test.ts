import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import type { CheckResult } from '../checks';
import { migrated } from '../evaluation/__testUtils__/harness';
import { CheckStatusTally } from '../findings/CheckStatusCounts';
import { EntityResultsWriter } from './EntityResultsWriter';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const result = (entityId: string, checkId: string, status: string) =>
  ({
    checkId,
    severity: 'high',
    entityKind: 'device',
    entityId,
    entityName: entityId,
    status,
    message: status,
    evidence: {},
  } as CheckResult);

/** Stores a run's results per entity and its counts per check, as sealing does. */
async function record(knex: Knex, runId: string, results: CheckResult[][]) {
  await knex.transaction(async trx => {
    const run = { connectionId: 'c1', runId, evaluatedAt: runId };
    const writer = new EntityResultsWriter(trx, run, r => ({ n: r.length }));
    const tally = new CheckStatusTally();
    for (const entity of results) {
      await writer.add(entity);
      entity.forEach(r => tally.add(r));
    }
    await writer.finish();
    await tally.replace(trx, run);
  });
  const runOf = async (table: string, key: string) =>
    Object.fromEntries(
      (await knex(table).where('connection_id', 'c1')).map(row => [
        row[key] + (row.status ? `/${row.status}` : ''),
        row.run_id,
      ]),
    );
  return {
    entities: await runOf('jc_check_entity_results', 'entity_id'),
    counts: await runOf('jc_check_status_counts', 'check_id'),
  };
}

describe.each(ids)('per-entity results and counts on %s', databaseId => {
  it('are written only where a run changed them', async () => {
    const knex = await migrated(await databases.init(databaseId));
    await record(knex, 'run1', [
      [result('d1', 'A', 'pass'), result('d1', 'B', 'fail')],
      [result('d2', 'A', 'fail')],
      [result('d3', 'A', 'pass')],
    ]);
    const second = await record(knex, 'run2', [
      [result('d1', 'A', 'pass'), result('d1', 'B', 'fail')],
      [result('d2', 'A', 'pass')],
      [result('d4', 'A', 'pass')],
    ]);
    // d1 unchanged (still run 1's row), d2 changed, d3 gone, d4 new.
    expect(second.entities).toEqual({ d1: 'run1', d2: 'run2', d4: 'run2' });
    // B failing once: unchanged; A: 2 passes → 3, 1 fail → none.
    expect(second.counts).toEqual({ 'B/fail': 'run1', 'A/pass': 'run2' });
    expect(
      Number(
        (
          await knex('jc_check_status_counts')
            .where({ connection_id: 'c1', check_id: 'A', status: 'pass' })
            .first()
        ).result_count,
      ),
    ).toBe(3);
    await knex.destroy();
  });
});
