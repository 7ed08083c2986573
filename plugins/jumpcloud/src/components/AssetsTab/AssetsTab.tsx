import type {
  DeviceAsset,
  UserAsset,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { formatDateTime } from '../shared/dates';
import { adminRights, yesNo } from '../shared/format';
import {
  RemoteTableQuery,
  toListQuery,
  toTableResult,
} from '../shared/remoteTable';

function entityName<T extends { entityRef: string | null }>(
  row: T,
  name: string,
) {
  return row.entityRef ? (
    <EntityRefLink entityRef={row.entityRef}>{name}</EntityRefLink>
  ) : (
    name
  );
}

const deviceColumns: TableColumn<DeviceAsset>[] = [
  {
    title: 'Device',
    field: 'displayName',
    highlight: true,
    render: row => entityName(row, row.displayName || row.hostname),
  },
  { title: 'Hostname', field: 'hostname' },
  {
    title: 'OS',
    field: 'os',
    render: row => [row.os, row.osVersion].filter(Boolean).join(' ') || '—',
  },
  {
    title: 'Agent',
    field: 'agentVersion',
    render: row => row.agentVersion ?? '—',
  },
  {
    title: 'Last contact',
    field: 'lastContact',
    render: row => formatDateTime(row.lastContact),
  },
  {
    title: 'Encrypted',
    field: 'fdeActive',
    sorting: false,
    render: row => yesNo(row.fdeActive),
  },
  { title: 'Connection', field: 'connectionName' },
  { title: 'Failing checks', field: 'failingChecks', type: 'numeric' },
];

const userColumns: TableColumn<UserAsset>[] = [
  {
    title: 'User',
    field: 'displayName',
    highlight: true,
    render: row => entityName(row, row.displayName || row.username),
  },
  { title: 'Username', field: 'username' },
  { title: 'Email', field: 'email', render: row => row.email ?? '—' },
  { title: 'State', field: 'state' },
  { title: 'MFA', field: 'mfaEnrolled', render: row => yesNo(row.mfaEnrolled) },
  {
    title: 'Admin rights',
    field: 'isAdmin',
    render: row => adminRights(row),
  },
  { title: 'Devices', field: 'deviceCount', type: 'numeric' },
  { title: 'Connection', field: 'connectionName' },
  { title: 'Failing checks', field: 'failingChecks', type: 'numeric' },
];

const tableOptions = {
  paging: true,
  pageSize: 25,
  pageSizeOptions: [25, 50, 100],
  search: true,
  debounceInterval: 400,
  sorting: true,
  padding: 'dense' as const,
  emptyRowsWhenPaging: false,
};

/** Devices and users of the latest complete sync, linked to the catalog. */
export function AssetsTab() {
  const api = useApi(jumpcloudApiRef);
  const [tab, setTab] = useState<'devices' | 'users'>('devices');

  return (
    <>
      <Box mb={2}>
        <Tabs
          value={tab}
          onChange={(_e, value) => setTab(value)}
          aria-label="Asset type"
          indicatorColor="primary"
        >
          <Tab
            value="devices"
            label="Devices"
            id="jumpcloud-assets-devices"
            aria-controls="jumpcloud-assets-panel"
          />
          <Tab
            value="users"
            label="Users"
            id="jumpcloud-assets-users"
            aria-controls="jumpcloud-assets-panel"
          />
        </Tabs>
      </Box>
      <div
        role="tabpanel"
        id="jumpcloud-assets-panel"
        aria-labelledby={`jumpcloud-assets-${tab}`}
      >
        {tab === 'devices' ? (
          <Table<DeviceAsset>
            key="devices"
            title="Devices"
            columns={deviceColumns}
            options={tableOptions}
            localization={{
              body: { emptyDataSourceMessage: 'No devices synced yet.' },
            }}
            data={async (query: RemoteTableQuery) =>
              toTableResult(await api.listDevices(toListQuery(query)), query)
            }
          />
        ) : (
          <Table<UserAsset>
            key="users"
            title="Users"
            columns={userColumns}
            options={tableOptions}
            localization={{
              body: { emptyDataSourceMessage: 'No users synced yet.' },
            }}
            data={async (query: RemoteTableQuery) =>
              toTableResult(await api.listUsers(toListQuery(query)), query)
            }
          />
        )}
      </div>
    </>
  );
}
