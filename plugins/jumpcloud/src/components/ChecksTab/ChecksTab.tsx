import {
  overallStatusOf,
  type CheckFamily,
  type CheckSummary,
  type CheckSummaryConnection,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { SeverityChip } from '../shared/StatusChips';
import { CheckCounts } from './CheckCounts';
import { CheckStatusLabel } from '../shared/StatusChips';

export const FAMILY_LABELS: Record<CheckFamily, string> = {
  device: 'Device',
  user: 'User',
  group: 'Group',
  org: 'Organisation',
};

/** A `jumpcloud.checks` value as a person reads it: lists joined, maps as key=value. */
export function formatThreshold(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([key, v]) => `${key}=${formatThreshold(v)}`)
      .join('; ');
  return String(value);
}

function Thresholds(props: { thresholds: Record<string, unknown> }) {
  const entries = Object.entries(props.thresholds);
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([key, value]) => (
        <Typography key={key} variant="body2">
          <code>{key}</code>: {formatThreshold(value)}
        </Typography>
      ))}
    </>
  );
}

function columnsFor(
  connections: CheckSummaryConnection[],
): TableColumn<CheckSummary>[] {
  return [
    {
      title: 'Check',
      field: 'title',
      width: '16%',
      customFilterAndSearch: (term: string, row: CheckSummary) =>
        `${row.id} ${row.title}`.toLowerCase().includes(term.toLowerCase()),
      render: row => (
        <>
          <Typography variant="body2">
            <strong>{row.id}</strong>
          </Typography>
          <Typography variant="body2">{row.title}</Typography>
        </>
      ),
    },
    {
      title: 'Severity',
      field: 'severity',
      width: '7%',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Family',
      field: 'family',
      width: '7%',
      render: row => (
        <>
          {FAMILY_LABELS[row.family] ?? row.family}
          {row.builtIn ? null : (
            <Chip size="small" label="Custom" style={{ marginLeft: 4 }} />
          )}
        </>
      ),
    },
    {
      title: 'Reads',
      sorting: false,
      width: '24%',
      // Field paths are long and unbroken: small, and wrapped anywhere.
      render: row =>
        row.fields.map(field => (
          <Typography
            key={field}
            variant="caption"
            component="div"
            style={{ overflowWrap: 'anywhere' }}
          >
            <code>{field}</code>
          </Typography>
        )),
    },
    {
      title: 'Threshold in effect',
      sorting: false,
      width: '14%',
      render: row => <Thresholds thresholds={row.thresholds} />,
    },
    {
      title: 'Status',
      sorting: false,
      width: '8%',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => <CheckStatusLabel status={overallStatusOf(row)} />,
    },
    {
      title: 'Results (latest sealed run)',
      sorting: false,
      width: '24%',
      render: row => <CheckCounts check={row} connections={connections} />,
    },
  ];
}

/**
 * Every check (built-in and custom) with what it reads, the threshold in
 * effect, whether it is on, and per connection how many entities pass,
 * fail, are unknown or not applicable; failing counts link to the findings.
 */
export function ChecksTab() {
  const api = useApi(jumpcloudApiRef);
  const { value, loading, error } = useAsync(
    () => api.getChecksSummary(),
    [api],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const summary = value!;
  return (
    <Table<CheckSummary>
      title="Checks"
      subtitle={
        summary.connections.length
          ? `Results of each connection's latest sealed run (${summary.connections
              .map(c => c.connectionName)
              .join(', ')})`
          : 'No sealed run yet: results appear after the first sync.'
      }
      columns={columnsFor(summary.connections)}
      data={summary.checks}
      options={{
        paging: false,
        search: true,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
