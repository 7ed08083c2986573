import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import MuiLink from '@material-ui/core/Link';
import { memo, MouseEvent, useCallback, useMemo } from 'react';
import { jumpcloudApiRef } from '../../api';
import { formatDateTime } from '../shared/dates';
import {
  RemoteTableQuery,
  toListQuery,
  toTableResult,
} from '../shared/remoteTable';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';
import { useEntityPath } from '../shared/useEntityLink';
import type { FindingFilters } from './useFindingFilters';

function buildColumns(
  onOpen: (finding: Finding) => void,
  entityPath: (entityRef: string) => string | undefined,
): TableColumn<Finding>[] {
  return [
    {
      title: 'Severity',
      field: 'severity',
      width: '110px',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Check',
      field: 'checkTitle',
      highlight: true,
      // The API sorts by check id, not title; a title sort would mislead.
      sorting: false,
      // A real button, so the detail panel opens from the keyboard too.
      render: row => (
        <MuiLink
          component="button"
          variant="body2"
          onClick={(event: MouseEvent) => {
            event.stopPropagation();
            onOpen(row);
          }}
          aria-haspopup="dialog"
          style={{ textAlign: 'left' }}
        >
          {row.checkTitle}
        </MuiLink>
      ),
    },
    {
      title: 'Entity',
      field: 'entityName',
      render: row => {
        const path = row.entityRef ? entityPath(row.entityRef) : undefined;
        return path ? <Link to={path}>{row.entityName}</Link> : row.entityName;
      },
    },
    { title: 'Connection', field: 'connectionName' },
    {
      title: 'Status',
      field: 'status',
      render: row => <FindingStatusLabel status={row.status} />,
    },
    {
      title: 'First seen',
      field: 'firstSeenAt',
      render: row => formatDateTime(row.firstSeenAt),
    },
    {
      title: 'Last seen',
      field: 'lastSeenAt',
      render: row => formatDateTime(row.lastSeenAt),
    },
    {
      title: 'Frameworks',
      sorting: false,
      render: row =>
        Object.entries(row.frameworks ?? {})
          .filter(([, refs]) => refs.length > 0)
          .map(([framework]) => framework.toUpperCase())
          .join(', ') || '—',
    },
  ];
}

const options = {
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

const localization = {
  body: { emptyDataSourceMessage: 'No findings match these filters.' },
};

/**
 * One server-side page of findings at a time. Memoised with stable props so
 * the filters' options or the permission arriving later do not re-render
 * (or refetch) the rows.
 */
export const FindingsTable = memo(function FindingsPage(props: {
  filters: FindingFilters;
  /** Changes when the rows must be fetched again (e.g. a risk accepted). */
  reloadKey: number;
  onOpen: (finding: Finding) => void;
}) {
  const { filters, onOpen } = props;
  const api = useApi(jumpcloudApiRef);
  const entityPath = useEntityPath();
  const columns = useMemo(
    () => buildColumns(onOpen, entityPath),
    [onOpen, entityPath],
  );
  const data = useCallback(
    async (query: RemoteTableQuery) =>
      toTableResult(
        await api.listFindings({ ...filters, ...toListQuery(query) }),
        query,
      ),
    [api, filters],
  );
  return (
    <Table<Finding>
      // A new key when the filters change makes the table fetch page 1.
      key={`${JSON.stringify(filters)}:${props.reloadKey}`}
      title="Findings"
      columns={columns}
      options={options}
      localization={localization}
      onRowClick={(_event, row) => row && onOpen(row)}
      data={data}
    />
  );
});
