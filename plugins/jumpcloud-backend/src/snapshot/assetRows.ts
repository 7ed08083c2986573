import type {
  DeviceAsset,
  UserAsset,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { toBool, toNullableBool } from '../database/util';
import type { SnapshotScope } from './AssetsReader';

// Device and user rows become the same assets in a list and in a detail
// page; the mapping lives here so both read them alike.

export function nameOf(scope: SnapshotScope[], connectionId: string): string {
  return scope.find(s => s.connectionId === connectionId)?.connectionName ?? '';
}

export function toDevice(
  r: Record<string, any>,
  scope: SnapshotScope[],
): DeviceAsset {
  return {
    id: r.id,
    connectionId: r.connection_id,
    connectionName: nameOf(scope, r.connection_id),
    hostname: r.hostname,
    displayName: r.display_name,
    os: r.os,
    osFamily: r.os_family,
    osVersion: r.os_version,
    agentVersion: r.agent_version,
    lastContact: r.last_contact,
    active: toBool(r.active),
    serialNumber: r.serial_number,
    fdeActive: toNullableBool(r.fde_active),
    mdmVendor: r.mdm_vendor,
    systemInsights: r.system_insights,
    primaryUserId: r.primary_user_id,
    entityRef: null,
    failingChecks: Number(r.failing_checks ?? 0),
  };
}

export function toUser(
  r: Record<string, any>,
  scope: SnapshotScope[],
): UserAsset {
  return {
    id: r.id,
    connectionId: r.connection_id,
    connectionName: nameOf(scope, r.connection_id),
    username: r.username,
    email: r.email,
    displayName: r.display_name,
    state: r.state,
    mfaEnrolled: toBool(r.mfa_enrolled),
    isAdmin: toBool(r.is_admin),
    sudo: toBool(r.sudo),
    deviceCount: Number(r.device_count ?? 0),
    entityRef: null,
    failingChecks: Number(r.failing_checks ?? 0),
  };
}
