import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { FindingStatus } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { migrated } from '../evaluation/__testUtils__/harness';
import { countFromStore } from './FindingCounts';
import { FindingsStore, type FindingQuery } from './FindingsStore';
import { SEVERITY_RANK, searchTextOf, type FindingRow } from './findingRow';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const NOW = '2026-12-08T12:00:00.000Z';
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Some open findings excepted until later, some until a past date. */
function exceptedUntil(i: number): string | null {
  if (i % 11 === 1) return '2027-01-01T00:00:00.000Z';
  if (i % 13 === 1) return '2026-12-01T00:00:00.000Z';
  return null;
}

function finding(i: number): FindingRow {
  const severity = SEVERITIES[i % 5];
  const row: FindingRow = {
    id: `f-${i}`,
    connection_id: i % 3 ? 'c1' : 'c2',
    connection_name: i % 3 ? 'Alpha' : 'Beta',
    check_id: `CHK-${i % 7}`,
    check_title: `Check ${i % 7}`,
    severity,
    severity_rank: SEVERITY_RANK[severity],
    entity_kind: i % 2 ? 'device' : 'user',
    entity_id: `e-${i}`,
    entity_name: `entity ${i}`,
    entity_ref: null,
    status: i % 4 ? 'open' : 'resolved',
    first_seen_at: '2026-11-01',
    last_seen_at: '2026-12-01',
    resolved_at: null,
    reopened_at: null,
    last_run_id: 'run-1',
    message: 'fails',
    evidence_json: '{}',
    frameworks_json: '{}',
    exception_id: null,
    excepted_until: exceptedUntil(i),
  };
  return { ...row, search_text: searchTextOf(row) };
}

/** Filters the tabs combine, each with every status combination. */
const FILTERS: Array<Omit<FindingQuery, 'limit' | 'offset'>> = [
  {},
  { connectionId: 'c1' },
  { severity: ['critical', 'high'] },
  { checkId: ['CHK-1'] },
  { frameworkCheckIds: ['CHK-2', 'CHK-3'] },
  { frameworkCheckIds: [] },
  { entityKind: 'user', connectionId: 'c2' },
];
const STATUSES: FindingStatus[][] = [
  [],
  ['open'],
  ['excepted'],
  ['resolved'],
  ['open', 'excepted'],
  ['open', 'resolved'],
  ['excepted', 'resolved'],
];

describe.each(ids)('finding counts on %s', databaseId => {
  let knex: Knex;
  let store: FindingsStore;

  beforeAll(async () => {
    knex = await migrated(await databases.init(databaseId));
    store = new FindingsStore(knex);
    await knex.batchInsert(
      'jc_findings',
      Array.from({ length: 600 }, (_, i) => finding(i)),
      100,
    );
  });

  async function listedExcepted(query: Omit<FindingQuery, 'limit' | 'offset'>) {
    const { items } = await store.list(
      { ...query, status: ['excepted'], limit: 1000, offset: 0 },
      NOW,
    );
    return items.length;
  }

  /** Each filter's total from the stored counts, and by the listed findings. */
  async function totals() {
    const stored: number[] = [];
    const counted: number[] = [];
    for (const filter of FILTERS) {
      for (const status of STATUSES) {
        const query = { ...filter, status };
        stored.push(
          await countFromStore(knex, query, () => listedExcepted(query)),
        );
        // The page's rows are read from jc_findings itself.
        const all = await store.list({ ...query, limit: 1000, offset: 0 }, NOW);
        counted.push(all.items.length);
      }
    }
    return { stored, counted };
  }

  it('matches a count of the findings as they are inserted, changed and deleted', async () => {
    let { stored, counted } = await totals();
    expect(stored).toEqual(counted);
    expect(counted.some(n => n > 0)).toBe(true);

    // Resolved, moved to another check, severity changed, deleted.
    await knex('jc_findings')
      .whereIn('id', ['f-1', 'f-2', 'f-5'])
      .update({ status: 'resolved', resolved_at: NOW });
    await knex('jc_findings')
      .where('id', 'f-7')
      .update({ check_id: 'CHK-3', severity: 'critical' });
    await knex('jc_findings').where('connection_id', 'c2').delete();
    await knex('jc_findings')
      .where('id', 'f-4')
      .update({ status: 'open', last_seen_at: NOW });
    ({ stored, counted } = await totals());
    expect(stored).toEqual(counted);
  });

  it('answers GET /findings totals equal to the items of an unpaged list', async () => {
    for (const filter of FILTERS) {
      const page = await store.list({ ...filter, limit: 5, offset: 0 }, NOW);
      const all = await store.list({ ...filter, limit: 1000, offset: 0 }, NOW);
      expect(page.totalCount).toBe(all.items.length);
    }
  });
});
