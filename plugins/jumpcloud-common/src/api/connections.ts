import type { CapabilityState, RunCoverage } from './coverage';

// REST contract of /api/jumpcloud shared by the backend plugin (which serves
// it), the frontend plugin and the catalog module (which call it).

/** @public */
export type JumpCloudRegion = 'us' | 'eu' | 'in';

/**
 * Auto-sync: a preset, or a cron expression / ISO 8601 duration.
 *
 * @public
 */
export type SyncFrequency =
  | 'off'
  | 'hourly'
  | 'every-6-hours'
  | 'every-12-hours'
  | 'daily'
  | { cron: string }
  | { duration: string };

/** @public */
export type ConnectionStatus =
  | 'healthy'
  | 'syncing'
  | 'needs_attention'
  | 'disabled'
  | 'never_synced';

/**
 * The credential a connection reads JumpCloud with: an administrator's API
 * key, or a service account's OAuth 2.0 client credentials (recommended:
 * not tied to one administrator, whose "generate new key" would silently
 * revoke the integration).
 *
 * @public
 */
export type ConnectionAuthType = 'apiKey' | 'serviceAccount';

/**
 * How a connection's users reach the catalog.
 *
 * @public
 */
export type UserIngestionMode = 'ingest' | 'link';

/**
 * A connection as the API shows it: secrets (API key, client secret) only by
 * their last 4 characters.
 *
 * @public
 */
export interface Connection {
  id: string;
  name: string;
  region: JumpCloudRegion | null;
  apiUrl: string;
  orgId: string | null;
  orgName: string | null;
  authType: ConnectionAuthType;
  /** Last 4 characters of the API key; null for a service account. */
  apiKeyLast4: string | null;
  /** The service account's client ID (not a secret); null for an API key. */
  clientId: string | null;
  /** Last 4 characters of the service account's client secret; null for an API key. */
  clientSecretLast4: string | null;
  syncFrequency: SyncFrequency;
  users: UserIngestionMode;
  enabled: boolean;
  /** Declared in app-config.yaml: read-only in the UI and API. */
  source: 'ui' | 'config';
  status: ConnectionStatus;
  /** Why the connection needs attention, in words an admin understands. */
  statusReason: string | null;
  lastRun: SyncRunSummary | null;
  latestCompleteRunId: string | null;
  /**
   * The coverage of the latest applied run: what this connection can read,
   * and what is lastingly unavailable (not in plan, not permitted) or
   * failed in that run. Null before the first applied run.
   */
  coverage: RunCoverage | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Body of POST /connections and of POST /connections/test (unsaved values).
 *
 * @public
 */
export interface ConnectionInput {
  name?: string;
  region?: JumpCloudRegion;
  apiUrl?: string;
  orgId?: string | null;
  orgName?: string | null;
  /**
   * Default: `serviceAccount` when clientId or clientSecret is given, else
   * `apiKey` (on update: the connection's current type).
   */
  authType?: ConnectionAuthType;
  /** Write-only. Omit on update to keep the current key; set to rotate it. */
  apiKey?: string;
  /** Service account: its client ID. */
  clientId?: string;
  /**
   * Write-only. Service account: its client secret. Omit on update to keep
   * it; set it to rotate (required with a new clientId).
   */
  clientSecret?: string;
  syncFrequency?: SyncFrequency;
  users?: UserIngestionMode;
  enabled?: boolean;
}

/**
 * What Test Connection probes: each thing a sync reads.
 *
 * @public
 */
export type Capability =
  | 'users'
  | 'devices'
  | 'groups'
  /** Group members and associations, and user ↔ device associations (device access). */
  | 'associations'
  | 'policies'
  | 'systemInsights'
  | 'directoryInsights'
  | 'admins'
  | 'orgSettings'
  | 'applications'
  /** Conditional Access (authentication) policies. */
  | 'authnPolicies'
  | 'appleMdms';

/**
 * How admins read each capability.
 *
 * @public
 */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  users: 'Users',
  devices: 'Devices',
  groups: 'Groups',
  associations: 'Group members and device access',
  policies: 'Policies',
  systemInsights: 'System Insights',
  directoryInsights: 'Directory Insights',
  admins: 'Administrators',
  orgSettings: 'Organisation settings',
  applications: 'SSO applications',
  authnPolicies: 'Conditional Access policies',
  appleMdms: 'Apple MDM',
};

/**
 * A capability's state in words, as Test Connection shows it.
 *
 * @public
 */
export const CAPABILITY_STATE_LABELS: Record<CapabilityState, string> = {
  available: 'readable',
  not_in_plan: "not in the organisation's plan",
  not_permitted: 'not permitted for this key',
  failed: 'failed',
};

/**
 * Kinds of JumpCloud failure a UI can explain.
 *
 * @public
 */
export type JumpCloudErrorKind =
  | 'invalid_key'
  | 'revoked_key'
  | 'wrong_region'
  | 'org_required'
  | 'unknown_org'
  | 'forbidden'
  | 'api_access_disabled'
  | 'not_enabled'
  | 'rate_limited'
  | 'unavailable'
  | 'unreachable'
  | 'timeout'
  | 'malformed_response'
  | 'bad_request'
  | 'not_found'
  | 'cancelled'
  | 'count_mismatch'
  | 'database'
  | 'internal'
  /** Sealed evidence no longer matches its seal (evidence verification). */
  | 'tampered';

/** @public */
export interface ErrorDetail {
  kind: JumpCloudErrorKind;
  message: string;
  /** The capability or data type the error concerns, if any. */
  capability?: string;
  status?: number;
}

/** @public */
export interface CapabilityResult {
  ok: boolean;
  /**
   * `available`, or why not: `not_in_plan` (JumpCloud answered 402),
   * `not_permitted` (403: the key's role), `failed` (anything else, e.g.
   * unavailable or throttled: may pass).
   */
  state: CapabilityState;
  count?: number;
  error?: ErrorDetail;
}

/**
 * Result of Test Connection.
 *
 * @public
 */
export interface ConnectionTestResult {
  /** The key works: it reads users and devices of the organisation. */
  ok: boolean;
  /**
   * The key works, but some capabilities are not available (not in the
   * plan, not permitted for the key, or failed): a sync will leave those
   * data types out. Never true when `ok` is false.
   */
  limited: boolean;
  /**
   * The verdict in one line of words, e.g. "The connection works, with
   * limits. Directory Insights: not in the organisation's plan. A sync
   * leaves it out."
   */
  summary: string;
  /** Set when the key itself failed (nothing could be read). */
  error?: ErrorDetail;
  /** Every organisation the key sees (all pages of /api/organizations). */
  organizations: Array<{ id: string; name: string }>;
  /** True when the key sees several organisations and one must be picked. */
  multiTenant: boolean;
  capabilities: Partial<Record<Capability, CapabilityResult>>;
  durationMs: number;
}

/** @public */
export type SyncStage = 'fetch' | 'store' | 'evaluate' | 'seal' | 'publish';
/**
 * - `succeeded`: applied; everything the organisation lets the credential
 *   read was read (features outside the plan or the role are coverage, not
 *   failures);
 * - `partial`: applied, with gaps: some supplementary data failed this run
 *   (its checks stay as they were, see the run's coverage);
 * - `failed`: nothing changed downstream (devices or users could not be
 *   read completely, or the sync stopped).
 *
 * @public
 */
export type SyncStatus = 'running' | 'succeeded' | 'partial' | 'failed';
/** @public */
export type SyncTrigger =
  | { type: 'scheduled' }
  | { type: 'manual'; by: string }
  | { type: 'api'; by: string };

/** @public */
export interface SyncRunSummary {
  id: string;
  connectionId: string;
  status: SyncStatus;
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

/**
 * What sealing a run did to its connection's findings.
 *
 * @public
 */
export interface RunFindingChanges {
  /** Findings opened, or reopened after they were resolved. */
  opened: number;
  resolved: number;
}

/** @public */
export interface SyncRun extends SyncRunSummary {
  connectionName: string;
  /** Current stage while running; the failing stage when failed. */
  stage: SyncStage | null;
  /** Objects fetched/stored so far (live) or in total, per data type. */
  counts: Record<string, number>;
  /** Data types that could not be read, and why (partial or failed runs). */
  failedDataTypes: Record<string, ErrorDetail>;
  /**
   * Per data type: complete, not available (not in plan, not permitted) or
   * failed this run. Empty for runs that never finished reading, and for
   * runs recorded before coverage was.
   */
  coverage: RunCoverage;
  error: ErrorDetail | null;
  requests: number;
  /**
   * What sealing the run did to the findings; null for runs that were not
   * sealed (failed) and for runs recorded before this was.
   */
  findingChanges?: RunFindingChanges | null;
}

/** @public */
export type HistoryAction =
  | 'test'
  | 'create'
  | 'update'
  | 'delete'
  | 'rotate_key'
  | 'sync'
  | 'exception_create'
  | 'exception_delete'
  | 'evidence_verify'
  | 'evidence_prune';

/**
 * One row of the History table.
 *
 * @public
 */
export interface HistoryEntry {
  id: string;
  connectionId: string | null;
  connectionName: string;
  action: HistoryAction;
  actor: string | null;
  trigger: SyncTrigger['type'] | null;
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, number> | null;
  error: ErrorDetail | null;
  /** The stage a failed sync stopped in. */
  stage: SyncStage | null;
  runId: string | null;
  /**
   * What an action other than a sync did, in words (which risk was
   * accepted, for what, until when and why). Absent or null for syncs.
   */
  detail?: string | null;
  /** A sync's changes to the findings (see SyncRun). */
  findingChanges?: RunFindingChanges | null;
}

/**
 * Published on the events service after a complete sync (topic below).
 *
 * @public
 */
export const JUMPCLOUD_SYNC_COMPLETED_TOPIC = 'jumpcloud.sync.completed';
/**
 * Published when a connection is deleted (its entities must go).
 *
 * @public
 */
export const JUMPCLOUD_CONNECTION_DELETED_TOPIC =
  'jumpcloud.connection.deleted';
/**
 * Published when a connection is created or changed (its schedule follows).
 *
 * @public
 */
export const JUMPCLOUD_CONNECTION_CHANGED_TOPIC =
  'jumpcloud.connection.changed';

/**
 * Payload of the connection topics.
 *
 * @public
 */
export interface ConnectionEventPayload {
  connectionId: string;
  connectionName: string;
}

/** @public */
export interface SyncCompletedEventPayload {
  connectionId: string;
  connectionName: string;
  runId: string;
}
