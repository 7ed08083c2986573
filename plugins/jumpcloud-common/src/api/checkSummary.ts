import type { CheckFamily } from '../checks/types';
import type { CheckDefinitionInfo, Framework } from './findings';

/**
 * How many entities a check's latest sealed results put in each status.
 *
 * @public
 */
export interface CheckStatusCounts {
  pass: number;
  fail: number;
  unknown: number;
  notApplicable: number;
  /** Failing, with an accepted risk. */
  excepted: number;
}

/**
 * One check's results in one connection's latest sealed run.
 *
 * @public
 */
export interface CheckConnectionCounts extends CheckStatusCounts {
  connectionId: string;
  /** The message most `unknown` results share, and how many share it. */
  topUnknownReason: { message: string; count: number } | null;
}

/**
 * A check as GET /checks/summary describes it.
 *
 * @public
 */
export interface CheckSummary extends CheckDefinitionInfo {
  family: CheckFamily;
  /** False for checks an adopter added through the extension point. */
  builtIn: boolean;
  /** The `jumpcloud.checks` settings the check reads, with their values in effect. */
  thresholds: Record<string, unknown>;
  /** One entry per connection with sealed results for this check. */
  connections: CheckConnectionCounts[];
}

/**
 * A connection whose latest sealed results the summary counts.
 *
 * @public
 */
export interface CheckSummaryConnection {
  connectionId: string;
  connectionName: string;
  runId: string;
  evaluatedAt: string;
}

/**
 * GET /checks/summary
 *
 * @public
 */
export interface ChecksSummary {
  connections: CheckSummaryConnection[];
  checks: CheckSummary[];
}

/**
 * A check's status in a framework's request list, across connections: the
 * worst of its results (an unknown is not a pass).
 *
 * @public
 */
export type CheckOverallStatus =
  | 'failing'
  | 'unknown'
  | 'excepted'
  | 'passing'
  | 'not_applicable'
  | 'not_evaluated'
  | 'disabled';

/** @public */
export const CHECK_OVERALL_STATUS_LABELS: Record<CheckOverallStatus, string> = {
  failing: 'Failing',
  unknown: 'Unknown',
  excepted: 'Risk accepted',
  passing: 'Passing',
  not_applicable: 'Not applicable',
  not_evaluated: 'Not evaluated',
  disabled: 'Switched off',
};

/**
 * The counts of a check summed over its connections.
 *
 * @public
 */
export function totalCounts(
  connections: readonly CheckStatusCounts[],
): CheckStatusCounts {
  const total: CheckStatusCounts = {
    pass: 0,
    fail: 0,
    unknown: 0,
    notApplicable: 0,
    excepted: 0,
  };
  for (const counts of connections) {
    total.pass += counts.pass;
    total.fail += counts.fail;
    total.unknown += counts.unknown;
    total.notApplicable += counts.notApplicable;
    total.excepted += counts.excepted;
  }
  return total;
}

/** @public */
export function overallStatusOf(
  check: Pick<CheckSummary, 'enabled' | 'connections'>,
): CheckOverallStatus {
  if (!check.enabled) return 'disabled';
  const total = totalCounts(check.connections);
  if (total.fail > 0) return 'failing';
  if (total.unknown > 0) return 'unknown';
  if (total.excepted > 0) return 'excepted';
  if (total.pass > 0) return 'passing';
  if (total.notApplicable > 0) return 'not_applicable';
  return 'not_evaluated';
}

/**
 * A framework control and the checks mapped to it.
 *
 * @public
 */
export interface FrameworkControl {
  framework: Framework;
  control: string;
  checkIds: string[];
}

/**
 * The controls of a framework that checks map to, in natural order (CC6.2
 * before CC6.10), each with its checks in catalogue order.
 *
 * @public
 */
export function frameworkControls(
  checks: ReadonlyArray<Pick<CheckDefinitionInfo, 'id' | 'frameworks'>>,
  framework: Framework,
): FrameworkControl[] {
  const byControl = new Map<string, string[]>();
  for (const check of checks) {
    for (const control of check.frameworks[framework] ?? []) {
      const ids = byControl.get(control) ?? [];
      if (!ids.includes(check.id)) ids.push(check.id);
      byControl.set(control, ids);
    }
  }
  return [...byControl.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([control, checkIds]) => ({ framework, control, checkIds }));
}
