import {
  COVERAGE_STATE_LABELS,
  dataTypeLabel,
  JUMPCLOUD_SIGNAL_CHANNELS,
  type SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useEffect, useRef, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { missingDataTypes } from '../shared/CoverageList';
import { formatDuration } from '../shared/dates';
import { messageOf } from '../shared/errors';
import { STAGE_LABELS, SYNC_STAGES } from '../shared/labels';

/** How often a running run is read again in apps without signals. */
export const SYNC_POLL_INTERVAL_MS = 1000;
/** A running run signals progress every second: this long without means a signal was lost. */
export const SYNC_SILENCE_MS = 5000;

function stageProgress(run: SyncRun): number {
  if (run.status !== 'running') return 100;
  const index = run.stage ? SYNC_STAGES.indexOf(run.stage) : 0;
  return Math.max(5, (index / SYNC_STAGES.length) * 100);
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
}

/**
 * Follows a sync run until it ends: stage, progress bar, counts, outcome.
 * Reads the run again when the backend signals that it moved on (or, without
 * signals, every second).
 */
export function SyncProgress(props: {
  run: SyncRun;
  onFinished?: (run: SyncRun) => void;
}) {
  const api = useApi(jumpcloudApiRef);
  const [run, setRun] = useState(props.run);
  const [pollError, setPollError] = useState<unknown>();
  const onFinished = useRef(props.onFinished);
  onFinished.current = props.onFinished;

  useEffect(() => {
    setRun(props.run);
  }, [props.run]);

  const running = run.status === 'running';
  const stillRunning = useRef(running);
  stillRunning.current = running;
  const refresh = useCallback(async () => {
    // A signal that comes after the end has nothing new to show.
    if (!stillRunning.current) return;
    try {
      const next = await api.getRun(run.id);
      setPollError(undefined);
      setRun(next);
      if (next.status !== 'running') onFinished.current?.(next);
    } catch (e) {
      // The next signal or poll tries again: the bar must not freeze.
      setPollError(e);
    }
  }, [api, run.id]);
  const { live } = useLiveRefresh(
    JUMPCLOUD_SIGNAL_CHANNELS.run(run.id),
    refresh,
    {
      fallbackPollMs: SYNC_POLL_INTERVAL_MS,
      pollWhile: running,
      refetchAfterSilenceMs: SYNC_SILENCE_MS,
    },
  );
  // Signals sent before this view subscribed are gone: read once to catch up.
  useEffect(() => {
    if (live) refresh();
  }, [live, refresh]);

  const stageIndex = run.stage ? SYNC_STAGES.indexOf(run.stage) + 1 : 1;
  const stageText = run.stage
    ? `Stage ${stageIndex} of ${SYNC_STAGES.length}: ${STAGE_LABELS[run.stage]}`
    : 'Starting';

  if (run.status === 'running') {
    return (
      <Box mt={1}>
        <Typography variant="body2" id={`jumpcloud-sync-${run.id}`}>
          Syncing… {stageText}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={stageProgress(run)}
          aria-labelledby={`jumpcloud-sync-${run.id}`}
        />
        {Object.keys(run.counts).length ? (
          <Typography variant="caption" color="textSecondary">
            {countsText(run.counts)}
          </Typography>
        ) : null}
        {pollError ? (
          <Typography variant="caption" color="error" component="p">
            Progress unavailable: {messageOf(pollError)}
          </Typography>
        ) : null}
      </Box>
    );
  }
  const missing = missingDataTypes(run.coverage);
  const namesOf = (entries: typeof missing) =>
    entries
      .map(
        ([type, entry]) =>
          `${dataTypeLabel(type)} (${COVERAGE_STATE_LABELS[
            entry.state
          ].toLowerCase()})`,
      )
      .join(', ');
  const unavailable = namesOf(missing.filter(([, e]) => e.state !== 'failed'));
  const failedThisRun = namesOf(
    missing.filter(([, e]) => e.state === 'failed'),
  );
  const summary = `${formatDuration(run.durationMs)}${
    Object.keys(run.counts).length ? ` · ${countsText(run.counts)}` : ''
  }`;
  return (
    <Box mt={1} aria-live="polite">
      {run.status === 'succeeded' ? (
        <Alert severity="success">
          Sync succeeded ({summary})
          {unavailable.length > 0
            ? `. Not available to this connection: ${unavailable}.`
            : ''}
        </Alert>
      ) : null}
      {run.status === 'partial' ? (
        <Alert severity="warning">
          Sync applied with gaps: devices and users are up to date;{' '}
          {failedThisRun} could not be read this time. Their last complete
          values are kept, and the checks that read them were left as they were.
        </Alert>
      ) : null}
      {run.status === 'failed' ? (
        <Alert severity="error">
          Sync failed
          {run.stage
            ? ` while ${STAGE_LABELS[run.stage].toLowerCase()}`
            : ''}: {run.error?.message ?? 'unknown error'}
        </Alert>
      ) : null}
    </Box>
  );
}
