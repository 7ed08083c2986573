import type { DeviceAsset } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  type JcAdmin,
  type JcSystem,
  type JcSystemUser,
  jumpcloudOsFamily,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

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
    raw: JSON.stringify(system),
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
    raw: JSON.stringify(user),
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
