import type {
  CheckEntityKind,
  CheckResultStatus,
  Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import { isBuiltIn, type RegisteredCheck } from './registry';
import {
  SnapshotIndex,
  type BindingLookups,
  type Directory,
} from './snapshotIndex';
import type { CheckThresholds } from './thresholds';
import type { BuiltInCheckContext } from './types';

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
  /** Bindings per user and device, when the snapshot's were streamed to the store. */
  access?: BindingLookups;
  /** Every device id and user, when the snapshot's are in the store. */
  directory?: Directory;
}

const VALID = new Set(['pass', 'fail', 'unknown', 'not_applicable']);

/** The context every check of one evaluation shares, but for its snapshot. */
export function checkContext(
  options: Omit<RunChecksOptions, 'checks'>,
): BuiltInCheckContext {
  const { snapshot, connectionId, orgId, now, thresholds } = options;
  const { access, directory } = options;
  return {
    connectionId,
    orgId,
    now,
    snapshot,
    at: DateTime.fromISO(now, { zone: 'utc' }),
    thresholds,
    index: new SnapshotIndex(snapshot, now, { access, directory }),
  };
}

/**
 * One copy of each distinct message across an evaluation: a large org has
 * hundreds of thousands of results but only thousands of distinct messages.
 */
export function messageInterner(): (message: string) => string {
  const seen = new Map<string, string>();
  return message => {
    const known = seen.get(message);
    if (known !== undefined) return known;
    seen.set(message, message);
    return message;
  };
}

/** One check's results over one context; throws on an invalid outcome. */
export function resultsOf(
  check: RegisteredCheck,
  context: BuiltInCheckContext,
  intern: (message: string) => string = m => m,
): CheckResult[] {
  const produced: CheckResult[] = [];
  const owned = isBuiltIn(check);
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
    if (owned) {
      const result = outcome as CheckResult;
      result.message = intern(result.message);
      produced.push(result);
      continue;
    }
    produced.push({
      checkId: check.id,
      severity: check.severity,
      entityKind: check.entityKind,
      entityId: outcome.entityId,
      entityName: outcome.entityName || outcome.entityId,
      status: outcome.status,
      message:
        typeof outcome.message === 'string'
          ? intern(outcome.message)
          : outcome.message,
      evidence: outcome.evidence ?? {},
    });
  }
  return produced;
}

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs every enabled check over one snapshot. A check that throws (a
 * custom one, typically) yields no results and is reported in `errors`,
 * so one faulty check cannot block the evidence of a whole sync.
 */
export function runChecks(options: RunChecksOptions): {
  results: CheckResult[];
  errors: CheckRunError[];
} {
  const context = checkContext(options);
  const intern = messageInterner();
  const disabled = new Set(options.thresholds.disabled);
  const results: CheckResult[] = [];
  const errors: CheckRunError[] = [];
  for (const check of options.checks) {
    if (disabled.has(check.id)) continue;
    try {
      for (const result of resultsOf(check, context, intern))
        results.push(result);
    } catch (error) {
      errors.push({ checkId: check.id, message: errorMessage(error) });
    }
  }
  return { results, errors };
}
