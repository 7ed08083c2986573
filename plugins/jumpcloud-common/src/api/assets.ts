/**
 * Device row of GET /assets/devices (latest complete snapshot).
 *
 * @public
 */
export interface DeviceAsset {
  id: string;
  connectionId: string;
  connectionName: string;
  hostname: string;
  displayName: string;
  os: string | null;
  osFamily: 'windows' | 'darwin' | 'linux' | 'other';
  osVersion: string | null;
  agentVersion: string | null;
  lastContact: string | null;
  active: boolean;
  serialNumber: string | null;
  fdeActive: boolean | null;
  mdmVendor: string | null;
  systemInsights: string | null;
  primaryUserId: string | null;
  /** Catalog entity ref when the catalog module ingests it. */
  entityRef: string | null;
  failingChecks: number;
}

/**
 * User row of GET /assets/users.
 *
 * @public
 */
export interface UserAsset {
  id: string;
  connectionId: string;
  connectionName: string;
  username: string;
  email: string | null;
  displayName: string;
  state: string;
  mfaEnrolled: boolean;
  isAdmin: boolean;
  sudo: boolean;
  deviceCount: number;
  entityRef: string | null;
  failingChecks: number;
}

/**
 * A user↔device binding as the asset detail routes list it.
 *
 * @public
 */
export interface AssetBinding {
  /** Granted through a group rather than directly. */
  viaGroup: boolean;
  /**
   * The groups granting it (user groups, or device groups bound to the
   * user), also for a binding that is direct as well. Empty for direct-only
   * access, and for syncs stored before the groups were recorded.
   */
  viaGroups: Array<{ id: string; name: string }>;
  /** null: JumpCloud did not say. */
  sudo: boolean | null;
  sudoWithoutPassword: boolean | null;
}

/**
 * Latest result of a policy applied to a device.
 *
 * @public
 */
export interface DevicePolicyResult {
  policyId: string;
  /** The policy's name (its id when the policy itself was not read). */
  name: string;
  /** null: the policy has not reported yet. */
  success: boolean | null;
  endedAt: string | null;
}

/**
 * GET /assets/devices/:connectionId/:id: the device row with its raw
 * JumpCloud object, bound users, device groups and policy results;
 * `systemInsights` holds the System Insights rows per table here instead of
 * the list's status string.
 *
 * @public
 */
export interface DeviceAssetDetail extends Omit<DeviceAsset, 'systemInsights'> {
  raw: Record<string, unknown>;
  /** `userName`: the user's display name, null when not in the snapshot. */
  boundUsers: Array<AssetBinding & { userId: string; userName: string | null }>;
  groupIds: string[];
  policies: DevicePolicyResult[];
  systemInsights: Record<string, unknown[]>;
}

/**
 * GET /assets/users/:connectionId/:id: the user row with its raw JumpCloud
 * object, bound devices and user groups.
 *
 * @public
 */
export interface UserAssetDetail extends UserAsset {
  raw: Record<string, unknown>;
  /** `deviceName`: the device's display name, null when not in the snapshot. */
  boundDevices: Array<
    AssetBinding & { deviceId: string; deviceName: string | null }
  >;
  groupIds: string[];
}

/**
 * Group row of GET /assets/groups.
 *
 * @public
 */
export interface GroupAsset {
  id: string;
  connectionId: string;
  connectionName: string;
  name: string;
  type: 'user_group' | 'system_group';
  memberCount: number;
  entityRef: string | null;
}

/**
 * One page of GET /catalog/snapshot, read by the catalog module with a
 * service token: raw JumpCloud objects of the latest complete run.
 *
 * @public
 */
export interface SnapshotPage<T = unknown> {
  connectionId: string;
  runId: string;
  type: SnapshotReadType;
  items: T[];
  /** Opaque cursor for the next page; null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}

/** @public */
export type SnapshotReadType =
  | 'systems'
  | 'users'
  | 'userGroups'
  | 'systemGroups'
  | 'userGroupMembers'
  | 'systemGroupMembers'
  | 'userSystemBindings';
