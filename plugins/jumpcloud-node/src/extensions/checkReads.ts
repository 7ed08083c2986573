import { SNAPSHOT_DATA_TYPES, type SnapshotDataType } from '../types/snapshot';
import type { JumpCloudCheck } from './checks';

/**
 * The data types behind each JumpCloud route a check's `fields` name (the
 * part before the first `.`, e.g. `systeminsights` in
 * `systeminsights.sip_config.enabled`). Sources outside JumpCloud (`hr`)
 * need nothing from a sync.
 */
const FIELD_SOURCES: Record<string, readonly SnapshotDataType[]> = {
  organization: ['organization'],
  systems: ['systems'],
  'systems/{id}/users': ['userSystemBindings'],
  systemusers: ['users'],
  admins: ['admins'],
  usergroups: ['userGroups'],
  'usergroups/{id}/members': ['userGroups', 'userGroupMembers'],
  'systemgroups/{id}/members': ['systemGroups', 'systemGroupMembers'],
  groups: ['userGroups', 'systemGroups'],
  policies: ['policies'],
  policystatuses: ['policies', 'policyStatuses'],
  systeminsights: ['systemInsights'],
  applications: ['applications'],
  'authn/policies': ['authnPolicies'],
  applemdms: ['appleMdms'],
  directoryevents: ['directoryEvents'],
  hr: [],
};

/** The route part of a field, e.g. `systeminsights` or `usergroups/{id}/members`. */
function sourceOf(field: string): string {
  return field.split(/[.([ ]/)[0].toLowerCase();
}

/**
 * The data types a check's `fields` name, or undefined when one of them
 * names no known source (the check must then be taken to read everything).
 *
 * @public
 */
export function dataTypesOfFields(
  fields: readonly string[],
): SnapshotDataType[] | undefined {
  const types = new Set<SnapshotDataType>();
  for (const field of fields) {
    const known = FIELD_SOURCES[sourceOf(field)];
    if (!known) return undefined;
    known.forEach(type => types.add(type));
  }
  return [...types];
}

/**
 * What a check reads: its declared `reads`, else what its `fields` name,
 * else (a field of an unknown source) every data type.
 *
 * @public
 */
export function dataTypesReadBy(
  check: Pick<JumpCloudCheck, 'reads' | 'fields'>,
): readonly SnapshotDataType[] {
  if (check.reads) return check.reads;
  return dataTypesOfFields(check.fields ?? []) ?? SNAPSHOT_DATA_TYPES;
}
