import { StructuredMetadataTable } from '@backstage/core-components';
import type {
  AssetBinding,
  DeviceAssetDetail,
  DevicePolicyResult,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { formatDateTime } from '../shared/dates';
import { adminRights, yesNo } from '../shared/format';

function policyLine(policy: DevicePolicyResult): string {
  if (policy.success === null) return `${policy.name}: no result yet`;
  return `${policy.name}: ${policy.success ? 'applied' : 'failed'}`;
}

function bindingLine(id: string, binding: AssetBinding): string {
  const notes = [
    binding.viaGroup ? 'via group' : 'direct',
    binding.sudo ? 'sudo' : null,
    binding.sudoWithoutPassword ? 'no password' : null,
  ].filter(Boolean);
  return `${id} (${notes.join(', ')})`;
}

const orNone = (lines: string[]) => (lines.length ? lines : ['None']);

export function DeviceDetails(props: { device: DeviceAssetDetail }) {
  const { device } = props;
  return (
    <StructuredMetadataTable
      metadata={{
        Hostname: device.hostname,
        OS: [device.os, device.osVersion].filter(Boolean).join(' ') || '—',
        Agent: device.agentVersion ?? '—',
        'Last contact': formatDateTime(device.lastContact),
        Active: yesNo(device.active),
        'Disk encryption': yesNo(device.fdeActive),
        MDM: device.mdmVendor ?? 'Not enrolled',
        'Serial number': device.serialNumber ?? '—',
        Policies: orNone((device.policies ?? []).map(policyLine)),
        Users: orNone(
          (device.boundUsers ?? []).map(b => bindingLine(b.userId, b)),
        ),
      }}
    />
  );
}

export function UserDetails(props: { user: UserAssetDetail }) {
  const { user } = props;
  return (
    <StructuredMetadataTable
      metadata={{
        Username: user.username,
        Email: user.email ?? '—',
        State: user.state,
        MFA: user.mfaEnrolled ? 'Enrolled' : 'Not enrolled',
        'Admin rights': adminRights(user),
        'Bound devices': orNone(
          (user.boundDevices ?? []).map(b => bindingLine(b.deviceId, b)),
        ),
        Groups: String((user.groupIds ?? []).length),
      }}
    />
  );
}
