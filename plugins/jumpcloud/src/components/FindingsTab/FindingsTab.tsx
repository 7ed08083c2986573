import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import MuiLink from '@material-ui/core/Link';
import { MouseEvent, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { useCanManage } from '../../hooks/useCanManage';
import { formatDateTime } from '../shared/dates';
import { downloadBlob } from '../shared/download';
import { messageOf } from '../shared/errors';
import {
  RemoteTableQuery,
  toListQuery,
  toTableResult,
} from '../shared/remoteTable';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';
import { FindingDetailPanel } from './FindingDetailPanel';
import { FindingsFilters } from './FindingsFilters';
import { useFindingFilters } from './useFindingFilters';

function buildColumns(
  onOpen: (finding: Finding) => void,
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
      render: row =>
        row.entityRef ? (
          <EntityRefLink entityRef={row.entityRef}>
            {row.entityName}
          </EntityRefLink>
        ) : (
          row.entityName
        ),
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

/** Server-side paginated, filtered, searchable list of findings. */
export function FindingsTab() {
  const api = useApi(jumpcloudApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canManage } = useCanManage();
  const [filters, setFilter] = useFindingFilters();
  const [selected, setSelected] = useState<Finding>();
  const [reloads, setReloads] = useState(0);
  const [exporting, setExporting] = useState(false);

  const lookups = useAsync(async () => {
    const [checks, connections] = await Promise.all([
      api.listChecks(),
      api.listConnections(),
    ]);
    return { checks, connections };
  }, [api]);

  const columns = useMemo(() => buildColumns(setSelected), []);
  const checksById = useMemo(
    () => new Map((lookups.value?.checks ?? []).map(c => [c.id, c])),
    [lookups.value],
  );

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportFindingsCsv(filters);
      downloadBlob(blob, 'jumpcloud-findings.csv');
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${messageOf(e)}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  // The filters' options load beside the first page of findings, so the
  // rows never wait for them.

  return (
    <>
      {lookups.error ? (
        <Box mb={2}>
          <ResponseErrorPanel error={lookups.error} />
        </Box>
      ) : null}
      <Box mb={2} display="flex" alignItems="center" gridGap={16}>
        <Box flexGrow={1}>
          <FindingsFilters
            filters={filters}
            onChange={setFilter}
            checks={lookups.value?.checks ?? []}
            connections={lookups.value?.connections ?? []}
          />
        </Box>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={exporting}
        >
          Export CSV
        </Button>
      </Box>
      <Table<Finding>
        // A new key when the filters change makes the table fetch page 1.
        key={`${JSON.stringify(filters)}:${reloads}`}
        title="Findings"
        columns={columns}
        options={{
          paging: true,
          pageSize: 25,
          pageSizeOptions: [25, 50, 100],
          search: true,
          debounceInterval: 400,
          sorting: true,
          padding: 'dense',
          emptyRowsWhenPaging: false,
        }}
        localization={{
          body: { emptyDataSourceMessage: 'No findings match these filters.' },
        }}
        onRowClick={(_event, row) => setSelected(row)}
        data={async (query: RemoteTableQuery) => {
          const page = await api.listFindings({
            ...filters,
            ...toListQuery(query),
          });
          return toTableResult(page, query);
        }}
      />
      <FindingDetailPanel
        finding={selected}
        check={selected ? checksById.get(selected.checkId) : undefined}
        canManage={canManage}
        onClose={() => setSelected(undefined)}
        onChanged={() => {
          setSelected(undefined);
          setReloads(n => n + 1);
          alertApi.post({
            message: 'Risk accepted',
            severity: 'success',
            display: 'transient',
          });
        }}
      />
    </>
  );
}
