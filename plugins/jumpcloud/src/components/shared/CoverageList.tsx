import {
  COVERAGE_STATE_LABELS,
  dataTypeLabel,
  type CoverageState,
  type RunCoverage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** The state of one data type, coloured by what it asks of an admin. */
export function CoverageStateLabel(props: { state: CoverageState }) {
  const text = COVERAGE_STATE_LABELS[props.state] ?? props.state;
  switch (props.state) {
    case 'complete':
      return <StatusOK>{text}</StatusOK>;
    case 'failed':
      return <StatusError>{text}</StatusError>;
    case 'not_in_plan':
    case 'not_permitted':
      return <StatusPending>{text}</StatusPending>;
    default:
      return <StatusWarning>{text}</StatusWarning>;
  }
}

/** Data types that were not read completely, in a stable order. */
export function missingDataTypes(coverage: RunCoverage | null | undefined) {
  return Object.entries(coverage ?? {})
    .filter(([, entry]) => entry.state !== 'complete')
    .sort(([a], [b]) => a.localeCompare(b));
}

/** One line: "14 of 16 data types complete". */
export function coverageSummary(coverage: RunCoverage): string {
  const all = Object.keys(coverage).length;
  const complete = all - missingDataTypes(coverage).length;
  return `${complete} of ${all} data types read completely`;
}

/**
 * Per data type: complete, not available (why) or failed this run (why).
 * `onlyMissing` lists only what was not read completely.
 */
export function CoverageList(props: {
  coverage: RunCoverage;
  onlyMissing?: boolean;
}) {
  const entries = props.onlyMissing
    ? missingDataTypes(props.coverage)
    : Object.entries(props.coverage);
  if (entries.length === 0) return null;
  return (
    <ul
      aria-label="Data read by the sync"
      style={{ margin: 0, paddingLeft: 16, listStyle: 'none' }}
    >
      {entries.map(([type, entry]) => (
        <li key={type}>
          <Typography variant="body2" component="span">
            {dataTypeLabel(type)}:{' '}
          </Typography>
          <CoverageStateLabel state={entry.state} />
          {entry.error && entry.state !== 'complete' ? (
            <Typography variant="caption" color="textSecondary">
              {' '}
              — {entry.error.message}
              {entry.keptFromRunId ? ' (last complete value kept)' : ''}
            </Typography>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
