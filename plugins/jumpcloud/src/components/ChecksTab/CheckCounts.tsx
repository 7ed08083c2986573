import type {
  CheckConnectionCounts,
  CheckSummary,
  CheckSummaryConnection,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useJumpCloudTabPath } from '../shared/basePath';

/** The Findings tab filtered to a check's findings in one connection. */
export function findingsSearch(
  checkId: string,
  connectionId: string,
  status: 'open' | 'excepted',
): string {
  return new URLSearchParams({ checkId, connectionId, status }).toString();
}

/**
 * One connection's counts. Failing and risk-accepted results are findings,
 * so those counts link to them; passing, unknown and not applicable
 * results open no finding (there is nothing to list).
 */
function ConnectionCounts(props: {
  checkId: string;
  counts: CheckConnectionCounts;
  connectionName: string;
  showName: boolean;
}) {
  const { checkId, counts, connectionName } = props;
  const tabPath = useJumpCloudTabPath();
  const linked = (count: number, label: string, status: 'open' | 'excepted') =>
    count > 0 ? (
      <Link
        to={tabPath(
          'findings',
          findingsSearch(checkId, counts.connectionId, status),
        )}
        aria-label={`${count} ${label} for ${checkId} in ${connectionName}`}
      >
        {count} {label}
      </Link>
    ) : (
      `0 ${label}`
    );
  return (
    <Box component="li" mb={0.5}>
      <Typography variant="body2" component="span">
        {props.showName ? <strong>{connectionName}: </strong> : null}
        {counts.pass} passing · {linked(counts.fail, 'failing', 'open')} ·{' '}
        {counts.unknown} unknown · {counts.notApplicable} not applicable
        {counts.excepted > 0 ? (
          <> · {linked(counts.excepted, 'risk accepted', 'excepted')}</>
        ) : null}
      </Typography>
      {counts.topUnknownReason ? (
        <Typography variant="caption" component="p" color="textSecondary">
          Mostly unknown because: {counts.topUnknownReason.message} (
          {counts.topUnknownReason.count})
        </Typography>
      ) : null}
    </Box>
  );
}

/** A check's results in each connection's latest sealed run. */
export function CheckCounts(props: {
  check: Pick<CheckSummary, 'id' | 'enabled' | 'connections'>;
  connections: CheckSummaryConnection[];
}) {
  const { check } = props;
  if (!check.enabled)
    return (
      <Typography variant="body2" color="textSecondary">
        Switched off in jumpcloud.checks.disabled
      </Typography>
    );
  if (check.connections.length === 0)
    return (
      <Typography variant="body2" color="textSecondary">
        No results yet: run a sync.
      </Typography>
    );
  const names = new Map(
    props.connections.map(c => [c.connectionId, c.connectionName]),
  );
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {check.connections.map(counts => (
        <ConnectionCounts
          key={counts.connectionId}
          checkId={check.id}
          counts={counts}
          connectionName={names.get(counts.connectionId) ?? counts.connectionId}
          showName={props.connections.length > 1}
        />
      ))}
    </Box>
  );
}
