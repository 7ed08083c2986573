import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { RunRecord } from './RunsStore';

/** The API view of a run (without internal claim bookkeeping). */
export function toSyncRun(run: RunRecord): SyncRun {
  const { claimedBy: _claimedBy, heartbeatAt: _heartbeatAt, ...rest } = run;
  return rest;
}
