import { StructuredMetadataTable } from '@backstage/core-components';
import type { DeviceAssetDetail, UserAssetDetail } from '../../api';
import { formatDateTime } from '../shared/dates';
import { adminRights, yesNo } from '../shared/format';

function relatedList(
  items:
    | Array<{ id: string; name?: string; status?: string | null }>
    | undefined,
): string[] {
  if (!items || items.length === 0) return ['None'];
  return items.map(
    item => `${item.name ?? item.id}${item.status ? ` (${item.status})` : ''}`,
  );
}

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
        Policies: relatedList(device.policies),
        Groups: relatedList(device.groups),
      }}
    />
  );
}

export function UserDetails(props: { user: UserAssetDetail }) {
  const { user } = props;
  const devices =
    user.boundDevices ??
    (user.boundDeviceIds ?? []).map(id => ({ id, name: id }));
  return (
    <StructuredMetadataTable
      metadata={{
        Username: user.username,
        Email: user.email ?? '—',
        State: user.state,
        MFA: user.mfaEnrolled ? 'Enrolled' : 'Not enrolled',
        'Admin rights': adminRights(user),
        'Bound devices': relatedList(devices),
        Groups: relatedList(user.groups),
      }}
    />
  );
}
