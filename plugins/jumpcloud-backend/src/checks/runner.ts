import type {
  CheckEntityKind,
  CheckResultStatus,
  Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import { isBuiltIn, type RegisteredCheck } from './registry';
import { SnapshotIndex } from './snapshotIndex';
import type { CheckThresholds } from './thresholds';

/** One check's verdict for one entity. */
export interface CheckResult {
  checkId: string;
  severity: Severity;
  entityKind: CheckEntityKind;
  entityId: string;
  entityName: string;
  status: CheckResultStatus;
  message: string;
  evidence: Record<string, unknown>;
}

export interface CheckRunError {
  checkId: string;
  message: string;
}

export interface RunChecksOptions {
  snapshot: OrgSnapshot;
  connectionId: string;
  orgId: string | null;
  /** Evaluation time (ISO 8601). */
  now: string;
  thresholds: CheckThresholds;
  checks: RegisteredCheck[];
}

const VALID = new Set(['pass', 'fail', 'unknown', 'not_applicable']);

/**
 * Runs every enabled check over one snapshot. A check that throws (a
 * custom one, typically) yields no results and is reported in `errors`,
 * so one faulty check cannot block the evidence of a whole sync.
 */
export function runChecks(options: RunChecksOptions): {
  results: CheckResult[];
  errors: CheckRunError[];
} {
  const { snapshot, connectionId, orgId, now, thresholds, checks } = options;
  const at = DateTime.fromISO(now, { zone: 'utc' });
  const context = {
    connectionId,
    orgId,
    now,
    snapshot,
    at,
    thresholds,
    index: new SnapshotIndex(snapshot, now),
  };
  const disabled = new Set(thresholds.disabled);
  const results: CheckResult[] = [];
  const errors: CheckRunError[] = [];
  for (const check of checks) {
    if (disabled.has(check.id)) continue;
    const produced: CheckResult[] = [];
    const owned = isBuiltIn(check);
    try {
      for (const outcome of check.evaluate(context)) {
        if (
          !VALID.has(outcome.status) ||
          typeof outcome.entityId !== 'string' ||
          !outcome.entityId
        ) {
          throw new Error(
            `invalid outcome ${JSON.stringify({
              status: outcome.status,
              entityId: outcome.entityId,
            })}`,
          );
        }
        // Built-in checks already build complete results (one allocation
        // each, millions per large sync); custom outcomes are copied.
        const result: CheckResult = owned
          ? (outcome as CheckResult)
          : {
              checkId: check.id,
              severity: check.severity,
              entityKind: check.entityKind,
              entityId: outcome.entityId,
              entityName: outcome.entityName || outcome.entityId,
              status: outcome.status,
              message: outcome.message,
              evidence: outcome.evidence ?? {},
            };
        produced.push(result);
      }
      for (const result of produced) results.push(result);
    } catch (error) {
      errors.push({
        checkId: check.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { results, errors };
}
