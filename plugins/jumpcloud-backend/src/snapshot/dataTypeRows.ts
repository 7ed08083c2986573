import {
  isEssentialDataType,
  type SnapshotDataType,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

/** Where a data type's rows of a run are stored. */
export interface RowsOf {
  table: string;
  /** For tables shared by several types: the type's own rows. */
  where?: Record<string, string>;
}

const orgObjects = (type: SnapshotDataType): RowsOf => ({
  table: 'jc_org_objects',
  where: { type },
});

/** The stored rows of each data type. */
export const DATA_TYPE_ROWS: Record<SnapshotDataType, RowsOf> = {
  systems: { table: 'jc_devices' },
  users: { table: 'jc_users' },
  userGroups: { table: 'jc_groups', where: { type: 'user_group' } },
  systemGroups: { table: 'jc_groups', where: { type: 'system_group' } },
  userGroupMembers: {
    table: 'jc_group_members',
    where: { group_type: 'user_group' },
  },
  systemGroupMembers: {
    table: 'jc_group_members',
    where: { group_type: 'system_group' },
  },
  userSystemBindings: { table: 'jc_bindings' },
  admins: { table: 'jc_admins' },
  policies: { table: 'jc_policies' },
  policyStatuses: { table: 'jc_policy_results' },
  systemInsights: { table: 'jc_insights' },
  organization: orgObjects('organization'),
  applications: orgObjects('applications'),
  authnPolicies: orgObjects('authnPolicies'),
  appleMdms: orgObjects('appleMdms'),
  directoryEvents: orgObjects('directoryEvents'),
};

/**
 * True for the data types whose last complete rows a run keeps when it
 * cannot read them: the supplementary ones (a run missing an essential type
 * is never applied).
 */
export function canKeepRows(type: string): boolean {
  return type in DATA_TYPE_ROWS && !isEssentialDataType(type);
}
