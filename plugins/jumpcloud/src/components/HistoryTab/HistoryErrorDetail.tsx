import type { HistoryEntry } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { STAGE_LABELS } from '../shared/labels';
import { CountsTable } from './HistoryCounts';
import { RunCoverageDetail } from './RunCoverageDetail';

/** The expanded row: error, the stage it failed in, counts, what a sync read. */
export function HistoryErrorDetail(props: { entry: HistoryEntry }) {
  const { entry } = props;
  return (
    <Box px={4} py={2}>
      {entry.error ? (
        <>
          <Typography variant="subtitle2" component="p">
            {headingOf(entry)}
          </Typography>
          <Typography variant="body2" component="p">
            {entry.error.message}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="p">
            Kind: {entry.error.kind}
            {entry.error.capability ? ` · data: ${entry.error.capability}` : ''}
            {entry.error.status ? ` · HTTP ${entry.error.status}` : ''}
          </Typography>
        </>
      ) : (
        <Typography variant="body2">No error.</Typography>
      )}
      {entry.action === 'sync' && entry.runId && entry.status !== 'running' ? (
        <RunCoverageDetail runId={entry.runId} />
      ) : null}
      {entry.counts && Object.keys(entry.counts).length ? (
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            Counts
          </Typography>
          <CountsTable counts={entry.counts} />
        </Box>
      ) : null}
    </Box>
  );
}

function headingOf(entry: HistoryEntry): string {
  if (entry.status === 'partial')
    return 'Applied with gaps: the data below was missing from this sync';
  if (!entry.stage) return 'Failed';
  const applied =
    entry.action === 'sync' ? ': nothing was applied from this sync' : '';
  return `Failed in stage “${entry.stage}” (${
    STAGE_LABELS[entry.stage]
  })${applied}`;
}
