import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import { migrated } from '../evaluation/__testUtils__/harness';
import {
  FINDING_SORTS,
  FindingsStore,
  type FindingQuery,
  type FindingSort,
} from './FindingsStore';
import { SEVERITY_RANK, searchTextOf, type FindingRow } from './findingRow';

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
      // Only open findings are ever marked seen (resolving clears it).
      seen_in_latest_run: i % 4 === 2,
      message: `${host} fails`,
      evidence_json: '{}',
      frameworks_json: '{}',
      exception_id: null,
      excepted_until: null,
    };
    return { ...row, search_text: searchTextOf(row) };
  });
  await knex.batchInsert('jc_findings', rows, 200);
  // The latest sealed runs: c2's is older than some findings' stored times.
  for (const [run, connection, at] of [
    ['run-0', 'c1', '2026-12-01'],
    ['run-1', 'c1', '2026-12-09'],
    ['run-2', 'c2', '2026-12-05'],
  ])
    await knex('jc_posture_points').insert({
      run_id: run,
      connection_id: connection,
      at,
      score: null,
      weighted_pass: 0,
      weighted_applicable: 0,
      counts_json: '{}',
      open_by_severity_json: '{}',
      open_findings: 0,
    });
}

describe.each(ids)('FindingsStore search on %s', databaseId => {
  let store: FindingsStore;

  beforeAll(async () => {
    const knex = await migrated(await databases.init(databaseId));
    await seed(knex);
    store = new FindingsStore(knex);
  });

  /**
   * Every sort and order of `query`, at each offset, against the part of
   * the whole sorted list that `matches`.
   */
  async function expectPagesOfWholeList(
    query: Omit<FindingQuery, 'limit' | 'offset' | 'sort' | 'order'>,
    matches: (finding: Finding) => boolean,
    offsets: number[],
  ) {
    for (const sort of Object.keys(FINDING_SORTS) as FindingSort[]) {
      for (const order of ['asc', 'desc'] as const) {
        const whole = await store.list(
          { sort, order, limit: 4000, offset: 0 },
          NOW,
        );
        const matching = whole.items.filter(matches);
        for (const offset of offsets) {
          const page = await store.list(
            { ...query, sort, order, limit: 25, offset },
            NOW,
          );
          expect([query, sort, order, page.totalCount]).toEqual([
            query,
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

  it('pages a search in every sort as the matching part of the whole list', async () => {
    expect.hasAssertions();
    for (const term of ['macbook', 'ThinkPad-80', 'Pad']) {
      await expectPagesOfWholeList(
        { q: term },
        f =>
          `${f.entityName} ${f.entityId} ${f.checkId} ${f.checkTitle} ${f.message}`
            .toLowerCase()
            .includes(term.toLowerCase()),
        [0, 1500],
      );
    }
  });

  it('pages filtered findings in every sort as the matching part of the whole list', async () => {
    expect.hasAssertions();
    // Many matches (the sort's index is walked on SQLite) and few (sorted).
    const filters: Array<Omit<FindingQuery, 'limit' | 'offset'>> = [
      { checkId: ['DEV-01', 'DEV-02'] },
      { frameworkCheckIds: ['DEV-03', 'DEV-04', 'DEV-05'], status: ['open'] },
      { checkId: ['DEV-06'], connectionId: 'c2', status: ['resolved'] },
    ];
    for (const filter of filters) {
      const checks = filter.checkId ?? filter.frameworkCheckIds!;
      await expectPagesOfWholeList(
        filter,
        f =>
          checks.includes(f.checkId) &&
          (!filter.connectionId || f.connectionId === filter.connectionId) &&
          (!filter.status || filter.status.includes(f.status)),
        [0, 700],
      );
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

  it('reads and sorts by when findings were last seen: the latest sealed run for those it saw', async () => {
    const filterings = [
      {},
      { connectionId: 'c2' },
      { status: ['open' as const] },
    ];
    for (const order of ['asc', 'desc'] as const) {
      for (const filters of filterings) {
        const whole = await store.list(
          { ...filters, sort: 'lastSeenAt', order, limit: 4000, offset: 0 },
          NOW,
        );
        expect(whole.items).toHaveLength(whole.totalCount);
        const keys = whole.items.map(f => `${f.lastSeenAt} ${f.id}`);
        const sorted = [...keys].sort();
        expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
        for (const offset of [0, 1000, whole.totalCount - 10]) {
          const page = await store.list(
            { ...filters, sort: 'lastSeenAt', order, limit: 25, offset },
            NOW,
          );
          expect(page.items.map(f => f.id)).toEqual(
            whole.items.slice(offset, offset + 25).map(f => f.id),
          );
        }
      }
    }
    const seen = await store.list(
      { connectionId: 'c1', status: ['open'], limit: 4000, offset: 0 },
      NOW,
    );
    const times = new Set(seen.items.map(f => f.lastSeenAt));
    expect(times.has('2026-12-09')).toBe(true);
    expect(times.size).toBeGreaterThan(1); // those it did not see keep theirs
    const one = await store.get(seen.items[0].id, NOW);
    expect(one?.lastSeenAt).toBe(seen.items[0].lastSeenAt);
  });
});
