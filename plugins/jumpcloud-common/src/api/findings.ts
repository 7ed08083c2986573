import type { RunCoverage, UnevaluatedCheck } from './coverage';
import type { EvidenceChainVerdict } from './evidence';

/** @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** @public */
export type CheckEntityKind = 'device' | 'user' | 'group' | 'org';
/** @public */
export type CheckResultStatus =
  | 'pass'
  | 'fail'
  | 'unknown'
  | 'not_applicable'
  | 'excepted';
/** @public */
export type Framework = 'soc2' | 'iso27001' | 'cis' | 'nist';

/**
 * Metadata of one check (GET /checks).
 *
 * @public
 */
export interface CheckDefinitionInfo {
  id: string;
  title: string;
  entityKind: CheckEntityKind;
  severity: Severity;
  description: string;
  remediation: string;
  /** JumpCloud fields the check reads, e.g. `systems.fde.active`. */
  fields: string[];
  frameworks: Record<Framework, string[]>;
  enabled: boolean;
}

/** @public */
export type FindingStatus = 'open' | 'resolved' | 'excepted';

/**
 * GET /findings row.
 *
 * @public
 */
export interface Finding {
  id: string;
  connectionId: string;
  connectionName: string;
  checkId: string;
  checkTitle: string;
  severity: Severity;
  entityKind: CheckEntityKind;
  entityId: string;
  entityName: string;
  entityRef: string | null;
  status: FindingStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  reopenedAt: string | null;
  /** The fields and values the check saw. */
  evidence: Record<string, unknown>;
  message: string;
  frameworks: Record<Framework, string[]>;
  exceptionId: string | null;
}

/**
 * Risk acceptance: POST /exceptions.
 *
 * @public
 */
export interface RiskException {
  id: string;
  connectionId: string;
  checkId: string;
  /** null: the whole check for that connection. */
  entityId: string | null;
  owner: string;
  reason: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  /** Not removed and not expired. */
  active: boolean;
  /** When and by whom it was removed (removed exceptions are kept). */
  deletedAt: string | null;
  deletedBy: string | null;
}

/**
 * GET /posture?connectionId=
 *
 * @public
 */
export interface Posture {
  connectionId: string | null;
  /**
   * Checks the latest run(s) could not evaluate for want of data, and why
   * (e.g. a feature outside the organisation's plan).
   */
  unevaluatedChecks: Array<UnevaluatedCheck & { connectionId: string }>;
  runId: string | null;
  /** 0–100, severity-weighted share of applicable results passing. */
  score: number | null;
  counts: Record<CheckResultStatus, number>;
  openBySeverity: Record<Severity, number>;
  evaluatedAt: string | null;
}

/**
 * One check result of an entity (GET /posture/entity).
 *
 * @public
 */
export interface EntityCheckResult {
  checkId: string;
  severity: Severity;
  /** As of now: exceptions created or expired since the run apply. */
  status: CheckResultStatus;
  message: string;
}

/**
 * GET /posture/entity?connectionId=&entityId=: the entity's check results
 * in the latest sealed run of the connection.
 *
 * @public
 */
export interface EntityPosture {
  connectionId: string;
  entityId: string;
  entityKind: CheckEntityKind;
  entityName: string;
  runId: string;
  counts: Record<CheckResultStatus, number>;
  results: EntityCheckResult[];
}

/**
 * GET /posture/trend: one sealed run's point.
 *
 * @public
 */
export interface PostureTrendPoint {
  runId: string;
  connectionId: string;
  at: string;
  score: number | null;
  openFindings: number;
}

/**
 * A sealed run's manifest: exactly what its hash covers (see EvidenceRun for the list row).
 *
 * @public
 */
export interface EvidenceManifest {
  runId: string;
  connectionId: string;
  connectionName: string;
  orgId: string | null;
  startedAt: string;
  finishedAt: string;
  counts: Record<string, number>;
  resultsSummary: Record<CheckResultStatus, number>;
  /** sha256 of each population (devices, users, admins, groups, results, findings, exceptions). */
  hashes: Record<string, string>;
  previousHash: string | null;
  hash: string;
  sealedAt: string;
  /**
   * What the run could read and evaluate (sealed with it; absent on runs
   * sealed before coverage was recorded, which read everything).
   */
  coverage?: EvidenceCoverage;
}

/**
 * The coverage of a sealed run: an auditor's "what did this run see".
 *
 * @public
 */
export interface EvidenceCoverage {
  dataTypes: RunCoverage;
  evaluatedCheckIds: string[];
  unevaluatedChecks: UnevaluatedCheck[];
}

/** @public */
export interface EvidenceVerifyResult {
  ok: boolean;
  checkedRuns: number;
  /** Of the checked runs, those pruned by the evidence retention policy. */
  prunedRuns?: number;
  /** The first run whose stored data no longer matches its seal. */
  firstTamperedRunId: string | null;
  reason: string | null;
  /** Per connection: how far its chain verified and where it breaks. */
  connections: EvidenceChainVerdict[];
}
