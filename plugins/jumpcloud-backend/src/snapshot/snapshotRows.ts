import type { DeviceAsset } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  type JcAdmin,
  type JcPolicyResult,
  type JcSystem,
  type JcSystemInsightsRow,
  type JcSystemUser,
  type OrgSnapshot,
  type UserSystemBinding,
  jumpcloudOsFamily,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { canonicalJson } from '../evidence/canonical';

// Mapping of JumpCloud objects to the normalised snapshot columns. The raw
// object is always kept beside them for evidence and the catalog module.

/**
 * The stored `os_family` (so the Assets API and tab) keeps its four values,
 * JumpCloud's names: the one classification of the plugins, with the mobile
 * families under 'other'.
 */
export function osFamilyOf(system: JcSystem): DeviceAsset['osFamily'] {
  const family = jumpcloudOsFamily(system);
  return family === 'ios' || family === 'android' ? 'other' : family;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function deviceRow(
  runId: string,
  connectionId: string,
  system: JcSystem,
) {
  const id = system._id ?? system.id;
  return {
    run_id: runId,
    connection_id: connectionId,
    id,
    hostname: str(system.hostname) ?? str(system.displayName) ?? id,
    display_name: str(system.displayName) ?? str(system.hostname) ?? id,
    os: str(system.os),
    os_family: osFamilyOf(system),
    os_version: str(system.version) ?? str(system.osVersionDetail?.version),
    agent_version: str(system.agentVersion),
    last_contact: str(system.lastContact),
    active: system.active === true,
    serial_number: str(system.serialNumber),
    fde_active:
      typeof system.fde?.active === 'boolean' ? system.fde.active : null,
    mdm_vendor: str(system.mdm?.vendor),
    system_insights: str(system.systemInsights?.state),
    primary_user_id: str(system.primarySystemUser?.id),
    // Canonical: sealed evidence packs the stored text as it is.
    raw: canonicalJson(system),
  };
}

export function userDisplayName(user: JcSystemUser): string {
  const full = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return (
    str(user.displayname) ?? (full || null) ?? str(user.username) ?? user._id
  );
}

function userState(user: JcSystemUser): string {
  if (str(user.state)) return user.state as string;
  if (user.suspended) return 'SUSPENDED';
  return user.activated ? 'ACTIVATED' : 'STAGED';
}

export function userRow(
  runId: string,
  connectionId: string,
  user: JcSystemUser,
) {
  const email = str(user.email);
  return {
    run_id: runId,
    connection_id: connectionId,
    id: user._id ?? user.id,
    username: str(user.username) ?? user._id,
    email,
    display_name: userDisplayName(user),
    state: userState(user),
    mfa_enrolled:
      user.mfaEnrollment?.overallStatus === 'ENROLLED' ||
      user.totp_enabled === true ||
      user.mfa?.configured === true,
    // Set when the run is applied, from the console admins read beside it.
    is_admin: false,
    sudo: user.sudo === true || user.passwordless_sudo === true,
    // Canonical: sealed evidence packs the stored text as it is.
    raw: canonicalJson(user),
  };
}

export function adminRow(runId: string, admin: JcAdmin) {
  return {
    run_id: runId,
    id: admin._id,
    email: str(admin.email),
    role: str(admin.roleName) ?? str(admin.role),
    mfa_enabled:
      typeof admin.enableMultiFactor === 'boolean'
        ? admin.enableMultiFactor
        : null,
    raw: JSON.stringify(admin),
  };
}

/**
 * Rows are built as they are inserted, one batch at a time, so a large
 * organisation never holds a second copy of its snapshot as rows.
 */
export function* lazy<T, R>(items: T[], toRow: (item: T) => R): Generator<R> {
  for (const item of items) yield toRow(item);
}

/** Like lazy, skipping repeated ids (a page boundary can repeat an object). */
export function* unique<T, R>(
  items: T[],
  key: (item: T) => string,
  toRow: (item: T) => R,
): Generator<R> {
  const seen = new Set<string>();
  for (const item of items) {
    const id = key(item);
    if (seen.has(id)) continue;
    seen.add(id);
    yield toRow(item);
  }
}

export function groupRow(
  runId: string,
  connectionId: string,
  type: 'user_group' | 'system_group',
  group: { id: string; name?: string },
) {
  return {
    run_id: runId,
    connection_id: connectionId,
    id: group.id,
    type,
    name: group.name ?? group.id,
    raw: JSON.stringify(group),
  };
}

export function memberRow(
  runId: string,
  groupType: 'user_group' | 'system_group',
  member: { groupId: string; memberId: string; memberType: string },
) {
  return {
    run_id: runId,
    group_type: groupType,
    group_id: member.groupId,
    member_id: member.memberId,
    member_type: member.memberType,
  };
}

export function bindingRow(runId: string, binding: UserSystemBinding) {
  return {
    run_id: runId,
    user_id: binding.userId,
    system_id: binding.systemId,
    via_group: binding.viaGroup,
    via_group_ids: binding.viaGroupIds?.length
      ? JSON.stringify(binding.viaGroupIds)
      : null,
    sudo_enabled: binding.sudo?.enabled ?? null,
    sudo_without_password: binding.sudo?.withoutPassword ?? null,
  };
}

export function policyResultRow(runId: string, result: JcPolicyResult) {
  return {
    run_id: runId,
    policy_id: result.policyID,
    system_id: result.systemID,
    success: typeof result.success === 'boolean' ? result.success : null,
    ended_at: result.endedAt ?? null,
    raw: JSON.stringify(result),
  };
}

export function insightRow(
  runId: string,
  table: string,
  row: JcSystemInsightsRow,
) {
  return {
    run_id: runId,
    table_name: table,
    system_id: row.system_id,
    raw: JSON.stringify(row),
  };
}

export function* insightRows(runId: string, snapshot: OrgSnapshot) {
  for (const [tableName, rows] of Object.entries(snapshot.systemInsights)) {
    for (const row of rows ?? []) yield insightRow(runId, tableName, row);
  }
}

export function* orgObjectRows(runId: string, snapshot: OrgSnapshot) {
  const row = (type: string, id: string, value: unknown) => ({
    run_id: runId,
    type,
    id,
    raw: JSON.stringify(value),
  });
  if (snapshot.organization) {
    yield row('organization', snapshot.organization._id, snapshot.organization);
  }
  for (const app of snapshot.applications)
    yield row('applications', app._id ?? app.id ?? '', app);
  for (const policy of snapshot.authnPolicies)
    yield row('authnPolicies', policy.id, policy);
  for (const mdm of snapshot.appleMdms) yield row('appleMdms', mdm.id, mdm);
  for (const event of snapshot.directoryEvents)
    yield row('directoryEvents', event.id, event);
}
