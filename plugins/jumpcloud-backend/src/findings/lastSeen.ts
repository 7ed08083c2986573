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

/** The same as an SQL expression over `jc_findings` (`prefix` its alias), for sorting. */
export function lastSeenAtSql(
  knex: Knex,
  seals: LatestSeals,
  prefix = '',
): Knex.Raw {
  const column = (name: string) => `${prefix}${name}`;
  if (seals.size === 0) return knex.raw('??', [column('last_seen_at')]);
  const cases = [...seals].map(() => 'WHEN ? THEN ?').join(' ');
  const bindings = [...seals].flat();
  return knex.raw(
    `CASE WHEN ?? = 'open' AND ?? THEN CASE ?? ${cases} ELSE ?? END ELSE ?? END`,
    [
      column('status'),
      column('seen_in_latest_run'),
      column('connection_id'),
      ...bindings,
      column('last_seen_at'),
      column('last_seen_at'),
    ],
  );
}
