import type {
  EvidenceRun,
  EvidenceVerification,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CoverageList, coverageSummary } from '../shared/CoverageList';
import { formatDateTime } from '../shared/dates';
import { prunedLine, runChainState, shortHash } from './evidenceWords';

export type EvidenceFormat = 'json' | 'csv';

// Dates, counts, hashes and states on one line each: the coverage, the run
// id (a long uuid) and the headings wrap.
const useStyles = makeStyles({
  oneLine: { whiteSpace: 'nowrap' },
  // The theme breaks words anywhere; headings break between words only.
  headings: { '& th': { wordBreak: 'normal', overflowWrap: 'normal' } },
  runId: { wordBreak: 'break-all' },
  coverage: { minWidth: 170 },
  downloads: { display: 'flex', flexDirection: 'column' },
});

/** What a run read: complete data types, or everything for older seals. */
function RunCoverage(props: { run: EvidenceRun }) {
  const coverage = props.run.coverage?.dataTypes;
  if (!coverage)
    return (
      <Typography variant="body2" color="textSecondary">
        Not recorded (sealed before coverage was kept)
      </Typography>
    );
  return (
    <>
      <Typography variant="body2">{coverageSummary(coverage)}</Typography>
      <CoverageList coverage={coverage} onlyMissing />
    </>
  );
}

function ChainState(props: {
  run: EvidenceRun;
  verification?: EvidenceVerification;
}) {
  switch (runChainState(props.run, props.verification)) {
    case 'verified':
      return <StatusOK>Verified</StatusOK>;
    case 'broken':
      return <StatusError>Breaks the chain</StatusError>;
    case 'after_break':
      return <StatusPending>After the break</StatusPending>;
    default:
      return <Typography variant="body2">Not verified yet</Typography>;
  }
}

const POPULATION_LABELS = [
  ['devices', 'devices'],
  ['users', 'users'],
  ['admins', 'admins'],
] as const;

/** "60 devices", "80 users", "13 admins": the rows the run sealed. */
function SealedPopulation(props: { run: EvidenceRun }) {
  return (
    <>
      {POPULATION_LABELS.map(([population, label]) => (
        <Typography key={population} variant="body2" display="block">
          {props.run.populationCounts[population] ?? '—'} {label}
        </Typography>
      ))}
    </>
  );
}

/** Sealed runs with what each saw, its place in the chain and its downloads. */
export function SealedRunsTable(props: {
  runs: EvidenceRun[];
  verification?: EvidenceVerification;
  downloading?: string;
  onDownload: (run: EvidenceRun, format: EvidenceFormat) => void;
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Sealed runs">
      <TableHead>
        <TableRow className={classes.headings}>
          <TableCell>Sealed</TableCell>
          <TableCell>Connection</TableCell>
          <TableCell>Coverage</TableCell>
          <TableCell>Sealed population</TableCell>
          <TableCell align="right">Open findings</TableCell>
          <TableCell>Hash / previous</TableCell>
          <TableCell>Chain</TableCell>
          <TableCell>Download</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => (
          <TableRow key={run.runId} data-run-id={run.runId}>
            <TableCell>
              <Typography variant="body2" className={classes.oneLine}>
                {formatDateTime(run.sealedAt)}
              </Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                className={classes.runId}
              >
                Run {run.runId}
              </Typography>
            </TableCell>
            <TableCell className={classes.oneLine}>
              {run.connectionName}
            </TableCell>
            <TableCell className={classes.coverage}>
              <RunCoverage run={run} />
            </TableCell>
            <TableCell className={classes.oneLine}>
              <SealedPopulation run={run} />
            </TableCell>
            <TableCell align="right">{run.openFindings ?? '—'}</TableCell>
            <TableCell className={classes.oneLine}>
              <code title={run.hash}>{shortHash(run.hash)}</code>
              <Typography variant="caption" component="p" color="textSecondary">
                {run.previousHash ? (
                  <>
                    after{' '}
                    <code title={run.previousHash}>
                      {shortHash(run.previousHash)}
                    </code>
                  </>
                ) : (
                  'first of its chain'
                )}
              </Typography>
            </TableCell>
            <TableCell className={classes.oneLine}>
              <ChainState run={run} verification={props.verification} />
            </TableCell>
            <TableCell>
              <RunDownloads
                run={run}
                downloading={props.downloading}
                onDownload={props.onDownload}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A run's JSON and CSV downloads; a run pruned by the retention policy has
 * no populations left to download, so it says so instead.
 */
function RunDownloads(props: {
  run: EvidenceRun;
  downloading?: string;
  onDownload: (run: EvidenceRun, format: EvidenceFormat) => void;
}) {
  const classes = useStyles();
  const { run } = props;
  return (
    <div className={classes.downloads}>
      {run.prunedAt ? (
        <Typography
          variant="caption"
          color="textSecondary"
          title={run.prunedReason ?? undefined}
        >
          {prunedLine(run.prunedAt)}
        </Typography>
      ) : null}
      {(['json', 'csv'] as const).map(format => (
        <Button
          key={format}
          size="small"
          disabled={
            Boolean(run.prunedAt) ||
            props.downloading === `${run.runId}:${format}`
          }
          aria-label={`Download run ${run.runId} as ${
            format === 'json' ? 'JSON' : 'CSV zip'
          }`}
          onClick={() => props.onDownload(run, format)}
        >
          {format === 'json' ? 'JSON' : 'CSV zip'}
        </Button>
      ))}
    </div>
  );
}
