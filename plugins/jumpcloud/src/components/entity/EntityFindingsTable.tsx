import type {
  CheckDefinitionInfo,
  Finding,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatDateTime } from '../shared/dates';
import { EvidenceTable } from '../shared/EvidenceTable';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';

const columns: TableColumn<Finding>[] = [
  {
    title: 'Severity',
    field: 'severity',
    render: row => <SeverityChip severity={row.severity} />,
  },
  { title: 'Check', field: 'checkTitle', highlight: true },
  { title: 'Finding', field: 'message' },
  {
    title: 'Status',
    field: 'status',
    render: row => <FindingStatusLabel status={row.status} />,
  },
  {
    title: 'Last seen',
    field: 'lastSeenAt',
    render: row => formatDateTime(row.lastSeenAt),
  },
];

/** The findings of one entity, with evidence and remediation on expand. */
export function EntityFindingsTable(props: {
  findings: Finding[];
  checks: Map<string, CheckDefinitionInfo>;
}) {
  return (
    <Table<Finding>
      title="Findings"
      columns={columns}
      data={props.findings}
      options={{
        paging: props.findings.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        // Draggable headers wrap the sort button in another button.
        draggable: false,
        emptyRowsWhenPaging: false,
      }}
      localization={{
        body: { emptyDataSourceMessage: 'No findings: every check passes.' },
      }}
      detailPanel={[
        {
          tooltip: 'Show evidence and remediation',
          render: ({ rowData: row }) => (
            <Box px={4} py={2}>
              <Typography variant="subtitle2" component="h4">
                Evidence
              </Typography>
              <EvidenceTable evidence={row.evidence} />
              <Typography
                variant="subtitle2"
                component="h4"
                style={{ marginTop: 12 }}
              >
                Remediation
              </Typography>
              <Typography variant="body2">
                {props.checks.get(row.checkId)?.remediation ?? '—'}
              </Typography>
            </Box>
          ),
        },
      ]}
    />
  );
}
