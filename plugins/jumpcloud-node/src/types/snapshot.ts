import type {
  JcAdmin,
  JcAppleMdm,
  JcApplication,
  JcAuthnPolicy,
  JcDirectoryEvent,
  JcGroup,
  JcOrganization,
  JcPolicy,
  JcPolicyResult,
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
} from './objects';

/**
 * System Insights tables the product reads.
 *
 * @public
 */
export const SYSTEM_INSIGHTS_TABLES = [
  'disk_encryption',
  'bitlocker_info',
  'alf',
  'windows_security_center',
  'windows_security_products',
  'os_version',
  'system_info',
  'managed_policies',
  'patches',
  'secureboot',
  'sip_config',
  'users',
  'apps',
  'programs',
] as const;
/** @public */
export type SystemInsightsTable = (typeof SYSTEM_INSIGHTS_TABLES)[number];

/**
 * The data types a sync fetches. Each can fail on its own (see
 * isEssentialDataType for which failures hold a sync back).
 *
 * @public
 */
export const SNAPSHOT_DATA_TYPES = [
  'organization',
  'systems',
  'users',
  'admins',
  'userGroups',
  'systemGroups',
  'userGroupMembers',
  'systemGroupMembers',
  'userSystemBindings',
  'policies',
  'policyStatuses',
  'systemInsights',
  'applications',
  'authnPolicies',
  'appleMdms',
  'directoryEvents',
] as const;
/** @public */
export type SnapshotDataType = (typeof SNAPSHOT_DATA_TYPES)[number];

/**
 * The data the catalog and the asset lists are built from: devices and
 * users, with the groups, memberships and access between them. A sync that
 * could not read all of them changes nothing downstream. Every other type
 * is supplementary: its failure never holds devices and users back, it only
 * leaves the checks that read it unevaluated.
 */
const ESSENTIAL_DATA_TYPES: readonly SnapshotDataType[] = [
  'systems',
  'users',
  'userGroups',
  'systemGroups',
  'userGroupMembers',
  'systemGroupMembers',
  'userSystemBindings',
];

/** @public */
export function isEssentialDataType(type: string): boolean {
  return (ESSENTIAL_DATA_TYPES as readonly string[]).includes(type);
}

/**
 * A direct member of a group.
 *
 * @public
 */
export interface GroupMember {
  groupId: string;
  memberId: string;
  memberType: 'user' | 'system' | 'user_group' | 'system_group';
}

/**
 * Effective access of a user to a device, directly or through groups.
 *
 * @public
 */
export interface UserSystemBinding {
  userId: string;
  systemId: string;
  /** True when granted through a group rather than directly. */
  viaGroup: boolean;
  /**
   * The groups granting it (user groups, or device groups bound to the
   * user), when any does; a direct binding may also be granted by groups.
   */
  viaGroupIds?: string[];
  /** Administrator/sudo rights on that device, from the binding attributes. */
  sudo?: { enabled?: boolean; withoutPassword?: boolean };
}

/**
 * Everything one sync reads from one JumpCloud organisation.
 *
 * @public
 */
export interface OrgSnapshot {
  /** When the fetch started (ISO 8601). */
  fetchedAt: string;
  organization: JcOrganization | null;
  systems: JcSystem[];
  users: JcSystemUser[];
  admins: JcAdmin[];
  userGroups: JcGroup[];
  systemGroups: JcGroup[];
  userGroupMembers: GroupMember[];
  systemGroupMembers: GroupMember[];
  userSystemBindings: UserSystemBinding[];
  policies: JcPolicy[];
  policyStatuses: JcPolicyResult[];
  systemInsights: Partial<Record<SystemInsightsTable, JcSystemInsightsRow[]>>;
  applications: JcApplication[];
  authnPolicies: JcAuthnPolicy[];
  appleMdms: JcAppleMdm[];
  directoryEvents: JcDirectoryEvent[];
}

/**
 * An empty snapshot, the start of a fetch.
 *
 * @public
 */
export function emptySnapshot(fetchedAt: string): OrgSnapshot {
  return {
    fetchedAt,
    organization: null,
    systems: [],
    users: [],
    admins: [],
    userGroups: [],
    systemGroups: [],
    userGroupMembers: [],
    systemGroupMembers: [],
    userSystemBindings: [],
    policies: [],
    policyStatuses: [],
    systemInsights: {},
    applications: [],
    authnPolicies: [],
    appleMdms: [],
    directoryEvents: [],
  };
}
