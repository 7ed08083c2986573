import {
  JUMPCLOUD_SIGNAL_CHANNELS,
  type HistoryEntry,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { useCallback, useRef, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { formatDateTime, formatDuration } from '../shared/dates';
import { ACTION_LABELS, triggerLabel } from '../shared/labels';
import {
  RemoteTableQuery,
  toListQuery,
  toTableResult,
} from '../shared/remoteTable';
import { SyncStatusLabel } from '../shared/StatusChips';
import { countsSummary } from './HistoryCounts';
import { HistoryErrorDetail } from './HistoryErrorDetail';

/** How often the table refreshes while a run is going, in apps without signals. */
export const HISTORY_REFRESH_MS = 3000;

const columns: TableColumn<HistoryEntry>[] = [
  {
    title: 'Action',
    field: 'action',
    render: row => (
      <>
        {ACTION_LABELS[row.action] ?? row.action}
        {row.detail ? (
          // Risk acceptances carry their reason: one line, whole on hover.
          <Typography
            variant="caption"
            color="textSecondary"
            display="block"
            noWrap
            title={row.detail}
            style={{ maxWidth: '28em' }}
          >
            {row.detail}
          </Typography>
        ) : null}
      </>
    ),
  },
  { title: 'Connection', field: 'connectionName' },
  {
    title: 'Status',
    field: 'status',
    render: row => <SyncStatusLabel status={row.status} />,
  },
  {
    title: 'Trigger',
    field: 'trigger',
    render: row => triggerLabel(row.trigger, row.actor),
  },
  { title: 'Who', field: 'actor', render: row => row.actor ?? '—' },
  {
    title: 'Started',
    field: 'startedAt',
    render: row => formatDateTime(row.startedAt),
  },
  {
    title: 'Duration',
    field: 'durationMs',
    render: row => formatDuration(row.durationMs),
  },
  {
    title: 'Counts',
    sorting: false,
    render: row => countsSummary(row.counts, row.findingChanges),
  },
];

/**
 * Every action with its outcome; refreshes itself when the backend signals a
 * new or finished row (or, without signals, polls while a run is going).
 */
export function HistoryTab(props: { refreshIntervalMs?: number } = {}) {
  const refreshIntervalMs = props.refreshIntervalMs ?? HISTORY_REFRESH_MS;
  const api = useApi(jumpcloudApiRef);
  const tableRef = useRef<{ onQueryChange: () => void }>();
  const [running, setRunning] = useState(false);

  const refresh = useCallback(() => tableRef.current?.onQueryChange(), []);
  useLiveRefresh(JUMPCLOUD_SIGNAL_CHANNELS.history, refresh, {
    fallbackPollMs: refreshIntervalMs,
    pollWhile: running,
  });

  return (
    <Table<HistoryEntry>
      title="History"
      tableRef={tableRef}
      columns={columns}
      options={{
        paging: true,
        pageSize: 25,
        pageSizeOptions: [25, 50, 100],
        // /history pages newest first; it has no search or sort.
        search: false,
        sorting: false,
        padding: 'dense',
        // Draggable headers wrap the sort button in another button.
        draggable: false,
        emptyRowsWhenPaging: false,
      }}
      localization={{
        body: { emptyDataSourceMessage: 'Nothing has happened yet.' },
      }}
      detailPanel={[
        {
          tooltip: 'Show details',
          render: ({ rowData }) => <HistoryErrorDetail entry={rowData} />,
        },
      ]}
      data={async (query: RemoteTableQuery) => {
        const { limit, offset } = toListQuery(query);
        const page = await api.listHistory({ limit, offset });
        setRunning(page.items.some(entry => entry.status === 'running'));
        return toTableResult(page, query);
      }}
    />
  );
}
