import type {
  CheckEntityKind,
  Finding,
  FindingStatus,
  Framework,
  Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { lastSeenAtOf, type LatestSeals } from './lastSeen';

/** A finding as stored in `jc_findings`, and how readers see it. */
export interface FindingRow {
  id: string;
  connection_id: string;
  connection_name: string;
  check_id: string;
  check_title: string;
  severity: Severity;
  severity_rank: number;
  entity_kind: CheckEntityKind;
  entity_id: string;
  entity_name: string;
  entity_ref: string | null;
  status: 'open' | 'resolved';
  first_seen_at: string;
  /**
   * When a run last saw it failing; for a finding the latest sealed run
   * still sees (`seen_in_latest_run`), that run's time is read instead.
   */
  last_seen_at: string;
  seen_in_latest_run?: boolean | number;
  resolved_at: string | null;
  reopened_at: string | null;
  last_run_id: string;
  message: string;
  evidence_json: string;
  frameworks_json: string;
  exception_id: string | null;
  excepted_until: string | null;
  search_text?: string | null;
}

/** What `q` searches: lower-cased, in one column so one LIKE does it. */
export function searchTextOf(
  row: Pick<
    FindingRow,
    'entity_name' | 'entity_id' | 'check_id' | 'check_title' | 'message'
  >,
): string {
  return [
    row.entity_name,
    row.entity_id,
    row.check_id,
    row.check_title,
    row.message,
  ]
    .join(' ')
    .toLowerCase();
}

export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  info: 1,
};

/** The status a reader sees: an exception counts only until it expires. */
export function effectiveStatus(
  row: Pick<FindingRow, 'status' | 'excepted_until'>,
  now: string,
): FindingStatus {
  if (row.status === 'resolved') return 'resolved';
  return row.excepted_until && row.excepted_until > now ? 'excepted' : 'open';
}

export function toFinding(
  row: FindingRow,
  now: string,
  seals: LatestSeals,
): Finding {
  const status = effectiveStatus(row, now);
  // An exception that ran out reopened the finding at its expiry.
  const lapsed =
    row.status === 'open' && row.excepted_until && row.excepted_until <= now
      ? row.excepted_until
      : null;
  const reopenedAt =
    [row.reopened_at, lapsed]
      .filter((v): v is string => Boolean(v))
      .sort()
      .pop() ?? null;
  return {
    id: row.id,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    checkId: row.check_id,
    checkTitle: row.check_title,
    severity: row.severity,
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    entityName: row.entity_name,
    entityRef: row.entity_ref,
    status,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: lastSeenAtOf(row, seals),
    resolvedAt: row.resolved_at,
    reopenedAt,
    evidence: JSON.parse(row.evidence_json),
    message: row.message,
    frameworks: JSON.parse(row.frameworks_json) as Record<Framework, string[]>,
    exceptionId: status === 'excepted' ? row.exception_id : null,
  };
}
