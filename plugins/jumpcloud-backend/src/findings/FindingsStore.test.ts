import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import { migrated } from '../evaluation/__testUtils__/harness';
import {
  FINDING_SORTS,
  FindingsStore,
  SEVERITY_RANK,
  searchTextOf,
  type FindingRow,
  type FindingSort,
} from './FindingsStore';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const NOW = '2026-12-08T12:00:00.000Z';
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * More findings match a common term than a search sorts on its own, so the
 * search walks each sort's index instead; a rare term is sorted on its own.
 */
async function seed(knex: Knex) {
  const rows: FindingRow[] = Array.from({ length: 4000 }, (_, i) => {
    const severity = SEVERITIES[i % 5];
    const host = i % 8 === 0 ? `thinkpad-${i}` : `MacBook-${i % 997}`;
    const row: FindingRow = {
      id: `f-${String((i * 7919) % 4000).padStart(5, '0')}`,
      connection_id: i % 3 ? 'c1' : 'c2',
      connection_name: i % 3 ? 'Alpha' : 'Beta',
      check_id: `DEV-0${i % 7}`,
      check_title: `Check ${i % 7}`,
      severity,
      severity_rank: SEVERITY_RANK[severity],
      entity_kind: 'device',
      entity_id: `sys-${i}`,
      entity_name: host,
      entity_ref: null,
      status: i % 4 ? 'open' : 'resolved',
      first_seen_at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      last_seen_at: `2026-12-0${1 + (i % 7)}`,
      resolved_at: null,
      reopened_at: null,
      last_run_id: 'run-1',
      message: `${host} fails`,
      evidence_json: '{}',
      frameworks_json: '{}',
      exception_id: null,
      excepted_until: null,
    };
    return { ...row, search_text: searchTextOf(row) };
  });
  await knex.batchInsert('jc_findings', rows, 200);
}

describe.each(ids)('FindingsStore search on %s', databaseId => {
  let store: FindingsStore;

  beforeAll(async () => {
    const knex = await migrated(await databases.init(databaseId));
    await seed(knex);
    store = new FindingsStore(knex);
  });

  it('pages a search in every sort as the matching part of the whole list', async () => {
    for (const term of ['macbook', 'ThinkPad-80', 'Pad']) {
      for (const sort of Object.keys(FINDING_SORTS) as FindingSort[]) {
        for (const order of ['asc', 'desc'] as const) {
          const whole = await store.list(
            { sort, order, limit: 4000, offset: 0 },
            NOW,
          );
          const matching = whole.items.filter(f =>
            `${f.entityName} ${f.entityId} ${f.checkId} ${f.checkTitle} ${f.message}`
              .toLowerCase()
              .includes(term.toLowerCase()),
          );
          for (const offset of [0, 1500]) {
            const page = await store.list(
              { q: term, sort, order, limit: 25, offset },
              NOW,
            );
            expect([term, sort, order, page.totalCount]).toEqual([
              term,
              sort,
              order,
              matching.length,
            ]);
            expect(page.items.map(f => f.id)).toEqual(
              matching.slice(offset, offset + 25).map(f => f.id),
            );
          }
        }
      }
    }
  });

  it('counts a search with other filters among the filtered findings', async () => {
    const open = await store.list(
      { q: 'macbook', status: ['open'], limit: 10, offset: 0 },
      NOW,
    );
    const all = await store.list({ q: 'macbook', limit: 10, offset: 0 }, NOW);
    expect(open.totalCount).toBeGreaterThan(3000 * 0.5);
    expect(open.totalCount).toBeLessThan(all.totalCount);
    expect(open.items.every(f => f.status === 'open')).toBe(true);
  });
});
