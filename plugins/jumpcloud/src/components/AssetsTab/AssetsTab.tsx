import type {
  DeviceAsset,
  UserAsset,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useMemo, useState } from 'react';
import { EntityName } from '../shared/EntityName';
import { useEntityPath } from '../shared/useEntityLink';
import { jumpcloudApiRef } from '../../api';
import { formatDateTime } from '../shared/dates';
import { adminRights, yesNo } from '../shared/format';
import {
  RemoteTableQuery,
  toListQuery,
  toTableResult,
} from '../shared/remoteTable';
import {
  DEVICE_ENTITIES,
  linkAssetsToEntities,
  USER_ENTITIES,
} from './assetEntities';

type EntityPath = (entityRef: string) => string | undefined;

function entityName(
  entityPath: EntityPath,
  row: { entityRef: string | null },
  name: string,
) {
  const path = row.entityRef ? entityPath(row.entityRef) : undefined;
  return <EntityName name={name} path={path} />;
}

const deviceColumns = (entityPath: EntityPath): TableColumn<DeviceAsset>[] => [
  {
    title: 'Device',
    field: 'displayName',
    highlight: true,
    render: row => entityName(entityPath, row, row.displayName || row.hostname),
  },
  {
    title: 'Hostname',
    field: 'hostname',
    render: row => <EntityName name={row.hostname} />,
  },
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

const userColumns = (entityPath: EntityPath): TableColumn<UserAsset>[] => [
  {
    title: 'User',
    field: 'displayName',
    highlight: true,
    render: row => entityName(entityPath, row, row.displayName || row.username),
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
  // Draggable headers wrap the sort button in another button (axe: nested-interactive).
  draggable: false,
  emptyRowsWhenPaging: false,
};

/**
 * Devices and users of the latest complete sync. Each page's rows link to
 * their catalog entities, found by JumpCloud id annotation in one catalog
 * request per page.
 */
export function AssetsTab() {
  const api = useApi(jumpcloudApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [tab, setTab] = useState<'devices' | 'users'>('devices');
  const entityPath = useEntityPath();
  const devicesColumns = useMemo(() => deviceColumns(entityPath), [entityPath]);
  const usersColumns = useMemo(() => userColumns(entityPath), [entityPath]);

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
            columns={devicesColumns}
            options={tableOptions}
            localization={{
              body: { emptyDataSourceMessage: 'No devices synced yet.' },
            }}
            data={async (query: RemoteTableQuery) => {
              const page = await api.listDevices(toListQuery(query));
              const items = await linkAssetsToEntities(
                catalogApi,
                DEVICE_ENTITIES,
                page.items,
              );
              return toTableResult({ ...page, items }, query);
            }}
          />
        ) : (
          <Table<UserAsset>
            key="users"
            title="Users"
            columns={usersColumns}
            options={tableOptions}
            localization={{
              body: { emptyDataSourceMessage: 'No users synced yet.' },
            }}
            data={async (query: RemoteTableQuery) => {
              const page = await api.listUsers(toListQuery(query));
              const items = await linkAssetsToEntities(
                catalogApi,
                USER_ENTITIES,
                page.items,
              );
              return toTableResult({ ...page, items }, query);
            }}
          />
        )}
      </div>
    </>
  );
}
