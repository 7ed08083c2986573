import type { CheckResultStatus } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { CheckResult } from '../checks';
import { migrated } from '../evaluation/__testUtils__/harness';
import {
  resultsInMemory,
  StoredRunResults,
  type RunResults,
} from './RunResults';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const STATUSES: CheckResultStatus[] = [
  'pass',
  'fail',
  'unknown',
  'not_applicable',
  'excepted',
];

/** Checks over entities, interleaved as chunked evaluation produces them. */
function someResults(): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of ['C1', 'C2', 'C3'])
    for (const entity of ['e3', 'e1', 'e2', 'e1b'])
      results.push({
        checkId: check,
        severity: 'high',
        entityKind: 'device',
        entityId: entity,
        entityName: `name of ${entity}`,
        status: STATUSES[results.length % STATUSES.length],
        message: `${check} on ${entity}`,
        evidence: { n: results.length },
      });
  return results;
}

async function collect(iterable: AsyncIterable<CheckResult>) {
  const out: CheckResult[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** What a stored result reads back as: passing results lose their evidence. */
const asStored = (r: CheckResult) =>
  r.status === 'pass' ? { ...r, evidence: {} } : r;

describe.each(ids)('StoredRunResults on %s', databaseId => {
  it.each([1, 2, 5, 100])(
    'reads back every result in order, by entity and not passing, in pages of %i',
    async pageSize => {
      const knex = await migrated(await databases.init(databaseId));
      const results = someResults();
      const stored = new StoredRunResults('run-1', pageSize, 3);
      await stored.add(knex, results.slice(0, 7));
      await stored.add(knex, results.slice(7));
      // Another run's rows are never read.
      await new StoredRunResults('run-2').add(knex, results.slice(0, 4));
      const memory: RunResults = resultsInMemory(results.map(asStored));

      expect(await collect(stored.all(knex))).toEqual(
        await collect(memory.all(knex)),
      );
      const notPassing = await collect(stored.notPassing(knex));
      expect(notPassing).toEqual(await collect(memory.notPassing(knex)));
      expect(notPassing.map(r => r.status)).not.toContain('pass');
      expect(notPassing.map(r => r.status)).not.toContain('not_applicable');

      const byEntity = await collect(stored.byEntity(knex));
      expect(byEntity).toHaveLength(results.length);
      // Each entity's results together, in evaluation order within it.
      const entities = byEntity.map(r => r.entityId);
      const runs = entities.filter((e, i) => e !== entities[i - 1]);
      expect(new Set(runs).size).toBe(runs.length);
      for (const entity of new Set(entities))
        expect(byEntity.filter(r => r.entityId === entity)).toEqual(
          results.filter(r => r.entityId === entity).map(asStored),
        );

      await stored.discard(knex, 'C2');
      expect(
        (await collect(stored.all(knex))).map(r => r.checkId),
      ).not.toContain('C2');
      await knex.destroy();
    },
  );
});
