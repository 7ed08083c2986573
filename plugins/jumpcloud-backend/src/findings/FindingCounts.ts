import type { Knex } from 'knex';
import type { FindingQuery } from './FindingsStore';

type CountedQuery = Omit<FindingQuery, 'limit' | 'offset' | 'sort' | 'order'>;

/**
 * Whether the findings a query matches can be counted from
 * jc_finding_counts: it filters on the stored counts' key only (no text
 * search, no single entity).
 */
export function countableFromStore(query: CountedQuery): boolean {
  return !query.q && !query.entityId;
}

/**
 * The total of GET /findings from jc_finding_counts (kept by triggers on
 * jc_findings, migration 20261209_7_finding_counts), exact as a COUNT over
 * jc_findings: the stored open findings include the excepted ones, whose
 * exceptions expire by themselves, so those are counted at read time
 * (`countExcepted`: the query's other filters, status 'excepted').
 */
export async function countFromStore(
  knex: Knex,
  query: CountedQuery,
  countExcepted: () => Promise<number>,
): Promise<number> {
  if (query.frameworkCheckIds?.length === 0) return 0;
  const wanted = new Set(
    query.status?.length ? query.status : ['open', 'excepted', 'resolved'],
  );
  const open = wanted.has('open');
  const excepted = wanted.has('excepted');
  const stored = [
    ...(wanted.has('resolved') ? ['resolved'] : []),
    ...(open ? ['open'] : []),
  ];
  const summed = async () => {
    if (stored.length === 0) return 0;
    const sum = knex('jc_finding_counts')
      .whereIn('status', stored)
      .sum({ count: 'finding_count' });
    if (query.connectionId) sum.where('connection_id', query.connectionId);
    if (query.severity?.length) sum.whereIn('severity', query.severity);
    if (query.checkId?.length) sum.whereIn('check_id', query.checkId);
    if (query.frameworkCheckIds)
      sum.whereIn('check_id', query.frameworkCheckIds);
    if (query.entityKind) sum.where('entity_kind', query.entityKind);
    const [{ count }] = await sum;
    return Number(count ?? 0);
  };
  // Open alone leaves the excepted out; both together are the stored open.
  let exceptedSign = 0;
  if (open !== excepted) exceptedSign = open ? -1 : 1;
  const [total, covered] = await Promise.all([
    summed(),
    exceptedSign ? countExcepted() : Promise.resolve(0),
  ]);
  return total + exceptedSign * covered;
}
