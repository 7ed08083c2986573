import type {
  CheckEntityKind,
  CheckResultStatus,
  Framework,
  Severity,
} from '../api/findings';

/**
 * The families checks are grouped in (one module per family in the backend).
 *
 * @public
 */
export type CheckFamily = 'device' | 'user' | 'group' | 'org';

/**
 * Framework references of a check: control ids per framework.
 *
 * @public
 */
export type FrameworkRefs = Record<Framework, string[]>;

/**
 * Static description of a check: what it looks at and why. Built-in and
 * custom checks share it; `CheckDefinitionInfo` adds the runtime `enabled`.
 *
 * @public
 */
export interface CheckMetadata {
  /** Stable id, e.g. `DEV-01`; custom checks should use their own prefix. */
  id: string;
  title: string;
  family: CheckFamily;
  entityKind: CheckEntityKind;
  severity: Severity;
  /** What is checked and why it matters. */
  description: string;
  /** What an admin does to make it pass. */
  remediation: string;
  /** JumpCloud fields the check reads, e.g. `systems.fde.active`. */
  fields: string[];
  frameworks: FrameworkRefs;
}

/**
 * The results a check can produce itself (`excepted` is applied later).
 *
 * @public
 */
export type CheckOutcomeStatus = Exclude<CheckResultStatus, 'excepted'>;

/**
 * Every result status, in display order.
 *
 * @public
 */
export const CHECK_RESULT_STATUSES: readonly CheckResultStatus[] = [
  'pass',
  'fail',
  'unknown',
  'not_applicable',
  'excepted',
];

/**
 * Every severity, most severe first.
 *
 * @public
 */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

/**
 * Every framework a check maps to.
 *
 * @public
 */
export const FRAMEWORKS: readonly Framework[] = [
  'soc2',
  'iso27001',
  'cis',
  'nist',
];

/**
 * Human names of the frameworks, for tables and exports.
 *
 * @public
 */
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  soc2: 'SOC 2 (2017 TSC)',
  iso27001: 'ISO/IEC 27001:2022 Annex A',
  cis: 'CIS Controls v8',
  nist: 'NIST SP 800-53 r5',
};

/**
 * Weight of each severity in the posture score: a failing critical check
 * weighs as much as ten failing low ones.
 *
 * @public
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0.5,
};
