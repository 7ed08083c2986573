import type { Knex } from 'knex';
import { latestSealedRuns } from './latestSealedRuns';
import type { FindingRow } from './findingRow';

/** Per connection, when its latest sealed run evaluated. */
export type LatestSeals = ReadonlyMap<string, string>;

/** The latest sealed run's time of each connection (or of some). */
export async function latestSeals(
  db: Knex,
  connectionIds?: string[],
): Promise<LatestSeals> {
  const runs = await latestSealedRuns(db, connectionIds);
  return new Map([...runs].map(([id, run]) => [id, run.at]));
}

/**
 * When a finding was last seen failing: the time its connection's latest
 * sealed run evaluated, if that run saw it (sealing writes only the
 * findings that change); else as stored.
 */
export function lastSeenAtOf(
  row: Pick<
    FindingRow,
    'connection_id' | 'status' | 'last_seen_at' | 'seen_in_latest_run'
  >,
  seals: LatestSeals,
): string {
  const latest = seals.get(row.connection_id);
  return row.status === 'open' && row.seen_in_latest_run && latest
    ? latest
    : row.last_seen_at;
}

/**
 * The ids (and sort keys) of one page of findings sorted by when they were
 * last seen, without computing that time for every finding: a merge of
 * branches, each read in its order from an index (20261210_3) and cut at
 * the page's end. A connection's findings its latest sealed run saw all
 * share that run's time (ties by id); the others keep their stored time.
 * Only open findings of a sealed connection are ever marked seen (the seal
 * that marks them inserts the posture point `seals` are read from, and
 * resolving clears the mark), so the branches hold every finding once.
 */
export function lastSeenPageIds(
  knex: Knex,
  filtered: Knex.QueryBuilder,
  seals: LatestSeals,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
  /**
   * SQLite: walk each branch's index in order (its planner would rather
   * sort every match of a common search term: 470 ms at L).
   */
  walkIndexes = false,
): Knex.QueryBuilder {
  const { order, limit, offset } = page;
  const end = offset + limit;
  const from = (index: string) => (q: Knex.QueryBuilder) =>
    walkIndexes
      ? q.from(knex.raw('?? indexed by ??', ['jc_findings', index]))
      : q;
  const seenBy = [...seals].map(([connectionId, at]) =>
    filtered
      .clone()
      .modify(from('jc_findings_seen_by_connection_idx'))
      .where('connection_id', connectionId)
      .where('seen_in_latest_run', true)
      .select('id', knex.raw('? as sort_key', [at]))
      .orderBy('id', order)
      .limit(end),
  );
  const others = filtered
    .clone()
    .modify(from('jc_findings_seen_last_seen_idx'))
    .where('seen_in_latest_run', false)
    .select('id', { sort_key: 'last_seen_at' })
    .orderBy([
      { column: 'last_seen_at', order },
      { column: 'id', order },
    ])
    .limit(end);
  // SQLite takes no ORDER BY or LIMIT on a member of a UNION: each branch
  // is a subquery of its own.
  const [first, ...rest] = [others, ...seenBy].map((branch, i) =>
    knex.select('*').from(branch.as(`b${i}`)),
  );
  const merged = rest.length ? first.unionAll(rest) : first;
  return knex
    .select('*')
    .from(merged.as('merged'))
    .orderBy([
      { column: 'sort_key', order },
      { column: 'id', order },
    ])
    .limit(limit)
    .offset(offset);
}
