import { StructuredMetadataTable } from '@backstage/core-components';
import type {
  DeviceAssetDetail,
  DevicePolicyResult,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { DEVICE_ENTITIES, USER_ENTITIES } from '../AssetsTab/assetEntities';
import { formatDateTime } from '../shared/dates';
import { EntityName } from '../shared/EntityName';
import { BoundAssetList } from './BoundAssets';
import { adminRights, yesNo } from '../shared/format';

function policyLine(policy: DevicePolicyResult): string {
  if (policy.success === null) return `${policy.name}: no result yet`;
  return `${policy.name}: ${policy.success ? 'applied' : 'failed'}`;
}

const orNone = (lines: string[]) => (lines.length ? lines : ['None']);

export function DeviceDetails(props: { device: DeviceAssetDetail }) {
  const { device } = props;
  return (
    <StructuredMetadataTable
      metadata={{
        Hostname: <EntityName name={device.hostname} />,
        OS: [device.os, device.osVersion].filter(Boolean).join(' ') || '—',
        Agent: device.agentVersion ?? '—',
        'Last contact': formatDateTime(device.lastContact),
        Active: yesNo(device.active),
        'Disk encryption': yesNo(device.fdeActive),
        MDM: device.mdmVendor ?? 'Not enrolled',
        'Serial number': device.serialNumber ?? '—',
        Policies: orNone((device.policies ?? []).map(policyLine)),
        Users: (
          <BoundAssetList
            assets={device.boundUsers.map(b => ({
              ...b,
              id: b.userId,
              name: b.userName,
            }))}
            kind={USER_ENTITIES}
            connection={device}
          />
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
        'Bound devices': (
          <BoundAssetList
            assets={user.boundDevices.map(b => ({
              ...b,
              id: b.deviceId,
              name: b.deviceName,
            }))}
            kind={DEVICE_ENTITIES}
            connection={user}
          />
        ),
        Groups: String((user.groupIds ?? []).length),
      }}
    />
  );
}
