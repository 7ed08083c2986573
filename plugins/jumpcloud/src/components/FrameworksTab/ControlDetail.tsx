import {
  overallStatusOf,
  type CheckSummary,
  type CheckSummaryConnection,
  type Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { InfoCard, Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CheckCounts } from '../ChecksTab/CheckCounts';
import { CheckStatusLabel } from '../shared/StatusChips';
import { useJumpCloudTabPath } from '../shared/basePath';
import { FRAMEWORK_LABELS } from '../shared/labels';
import { SeverityChip } from '../shared/StatusChips';
import { controlFindingsSearch, type ControlView } from './frameworkView';

function CheckRow(props: {
  check: CheckSummary;
  connections: CheckSummaryConnection[];
}) {
  const { check } = props;
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2">
          <strong>{check.id}</strong>
        </Typography>
        <Typography variant="body2">{check.title}</Typography>
      </TableCell>
      <TableCell>
        <SeverityChip severity={check.severity} />
      </TableCell>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <CheckStatusLabel status={overallStatusOf(check)} />
      </TableCell>
      <TableCell>
        <CheckCounts check={check} connections={props.connections} />
      </TableCell>
    </TableRow>
  );
}

/** One control: its checks, their status, and its open findings one click away. */
export function ControlDetail(props: {
  framework: Framework;
  view: ControlView;
  connections: CheckSummaryConnection[];
}) {
  const { framework, view } = props;
  const tabPath = useJumpCloudTabPath();
  const name = `${FRAMEWORK_LABELS[framework]} ${view.control}`;
  return (
    <InfoCard
      title={name}
      subheader={`${view.checks.length} mapped check${
        view.checks.length === 1 ? '' : 's'
      }`}
    >
      <Typography variant="body1" paragraph>
        {view.failing > 0 ? (
          <Link
            to={tabPath(
              'findings',
              controlFindingsSearch(framework, view.control),
            )}
          >
            {view.failing} failing result{view.failing === 1 ? '' : 's'}: show
            the open findings of {view.control}
          </Link>
        ) : (
          `No failing results for ${view.control}.`
        )}
      </Typography>
      <Table size="small" aria-label={`Checks mapped to ${name}`}>
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Results (latest sealed run)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {view.checks.map(check => (
            <CheckRow
              key={check.id}
              check={check}
              connections={props.connections}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
