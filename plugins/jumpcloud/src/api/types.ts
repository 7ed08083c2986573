import type {
  CheckResultStatus,
  DeviceAsset,
  FindingStatus,
  Framework,
  HistoryAction,
  ListQuery,
  RiskException,
  Severity,
  UserAsset,
  CheckEntityKind,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

// Query and body shapes the contract describes in words but the common
// package does not type; derived from the common types where possible.

/** Filters of GET /findings and GET /findings/export.csv. */
export interface FindingsQuery extends ListQuery {
  severity?: Severity;
  status?: FindingStatus;
  checkId?: string;
  connectionId?: string;
  entityKind?: CheckEntityKind;
  entityId?: string;
  entityRef?: string;
  framework?: Framework;
}

/** Filters of GET /assets/devices and /assets/users. */
export interface AssetsQuery extends ListQuery {
  connectionId?: string;
  osFamily?: DeviceAsset['osFamily'];
}

/** Filters of GET /runs. */
export interface RunsQuery extends ListQuery {
  connectionId?: string;
}

/** Filters of GET /history. */
export interface HistoryQuery extends ListQuery {
  connectionId?: string;
  action?: HistoryAction;
}

/** Body of POST /exceptions: accept the risk of one finding until a date. */
export type RiskExceptionInput = Pick<
  RiskException,
  'connectionId' | 'checkId' | 'entityId' | 'owner' | 'reason' | 'expiresAt'
>;

/** A user↔device binding as the asset detail routes list it. */
export interface AssetBinding {
  viaGroup: boolean;
  /** null: JumpCloud did not say. */
  sudo: boolean | null;
  sudoWithoutPassword: boolean | null;
}

/** Latest result of a policy applied to a device. */
export interface DevicePolicyResult {
  policyId: string;
  name: string;
  /** null: the policy has not reported yet. */
  success: boolean | null;
  endedAt: string | null;
}

/**
 * GET /assets/devices/:connectionId/:id; `systemInsights` holds the System
 * Insights rows per table here instead of the list's status string.
 */
export interface DeviceAssetDetail extends Omit<DeviceAsset, 'systemInsights'> {
  raw: Record<string, unknown>;
  boundUsers: Array<AssetBinding & { userId: string }>;
  groupIds: string[];
  policies: DevicePolicyResult[];
  systemInsights: Record<string, unknown[]>;
}

/** GET /assets/users/:connectionId/:id */
export interface UserAssetDetail extends UserAsset {
  raw: Record<string, unknown>;
  boundDevices: Array<AssetBinding & { deviceId: string }>;
  groupIds: string[];
}

/** One check result of an entity (GET /posture/entity). */
export interface EntityCheckResult {
  checkId: string;
  checkTitle?: string;
  severity?: Severity;
  status: CheckResultStatus;
  message?: string;
}

/** GET /posture/entity?connectionId=&entityId= */
export interface EntityPosture {
  counts: Partial<Record<CheckResultStatus, number>>;
  results: EntityCheckResult[];
}
