/** Device row of GET /assets/devices (latest complete snapshot). */
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

/** User row of GET /assets/users. */
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

/** Group row of GET /assets/groups. */
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

export type SnapshotReadType =
  | 'systems'
  | 'users'
  | 'userGroups'
  | 'systemGroups'
  | 'userGroupMembers'
  | 'systemGroupMembers'
  | 'userSystemBindings';
