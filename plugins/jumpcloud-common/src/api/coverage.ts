// What a sync could read, per data type, and what a connection can read, per
// capability. Shared by the backend (which decides it), the frontend (which
// shows it) and the evidence (which seals it).

import type { ErrorDetail } from './connections';

/**
 * Why something could or could not be read:
 * - `complete`: read in full;
 * - `not_in_plan`: JumpCloud answered 402, the feature is outside the
 *   organisation's plan (a lasting state, not an alarm);
 * - `not_permitted`: JumpCloud answered 403, the key's or service account's
 *   role cannot read it (a lasting state until the role changes);
 * - `failed`: a passing failure of this run (5xx, throttling beyond retries,
 *   timeout, objects lost while paging).
 *
 * @public
 */
export type CoverageState =
  | 'complete'
  | 'not_in_plan'
  | 'not_permitted'
  | 'failed';

/**
 * How one data type of one run ended.
 *
 * @public
 */
export interface DataTypeCoverage {
  state: CoverageState;
  /** Why it was not read, when it was not. */
  error?: ErrorDetail;
  /**
   * Set when the type was not read and the rows shown for it are those of
   * an earlier run (its last complete value): that run's id.
   */
  keptFromRunId?: string;
}

/**
 * Per data type of a run (keys are the snapshot's data types).
 *
 * @public
 */
export type RunCoverage = Record<string, DataTypeCoverage>;

/**
 * A check the run could not evaluate, and why in words.
 *
 * @public
 */
export interface UnevaluatedCheck {
  checkId: string;
  /** The data types it reads that this run lacked. */
  missing: string[];
  reason: string;
}

/**
 * Lasting states a capability can be in (see CoverageState).
 *
 * @public
 */
export type CapabilityState = Exclude<CoverageState, 'complete'> | 'available';

/**
 * The lasting state an error stands for: 402 and 403 last, the rest pass.
 *
 * @public
 */
export function coverageStateOf(
  error: Pick<ErrorDetail, 'kind'>,
): Exclude<CoverageState, 'complete'> {
  if (error.kind === 'not_enabled') return 'not_in_plan';
  if (error.kind === 'forbidden') return 'not_permitted';
  return 'failed';
}

/**
 * Words an admin understands for a state, e.g. in a badge.
 *
 * @public
 */
export const COVERAGE_STATE_LABELS: Record<CoverageState, string> = {
  complete: 'Complete',
  not_in_plan: 'Not in plan',
  not_permitted: 'Not permitted for this key',
  failed: 'Failed this run',
};

/**
 * How admins read each data type a sync fetches.
 *
 * @public
 */
export const DATA_TYPE_LABELS: Record<string, string> = {
  organization: 'Organisation settings',
  systems: 'Devices',
  users: 'Users',
  admins: 'Administrators',
  userGroups: 'User groups',
  systemGroups: 'Device groups',
  userGroupMembers: 'User group members',
  systemGroupMembers: 'Device group members',
  userSystemBindings: 'Device access',
  policies: 'Policies',
  policyStatuses: 'Policy results',
  systemInsights: 'System Insights',
  applications: 'SSO applications',
  authnPolicies: 'Conditional Access policies',
  appleMdms: 'Apple MDM',
  directoryEvents: 'Directory Insights',
};

/**
 * A data type's name for an admin (its key when unknown).
 *
 * @public
 */
export function dataTypeLabel(type: string): string {
  return DATA_TYPE_LABELS[type] ?? type;
}
