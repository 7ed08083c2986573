import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';

/**
 * Removes a connection's rows that are neither its applied ones (`keep`,
 * their label) nor a running run's: those of runs that failed or were
 * stopped without their rows being deleted, and rows labelled by runs
 * before snapshots were stored as changes.
 */
export async function pruneSnapshots(
  deps: { snapshots: SnapshotWriter; runs: RunsStore },
  connectionId: string,
  keep: string,
  logger: LoggerService,
): Promise<void> {
  try {
    const stored = await deps.snapshots.storedRunIds(connectionId);
    for (const runId of stored) {
      if (runId === keep) continue;
      const run = await deps.runs.get(runId);
      if (run?.status === 'running') continue;
      await deps.snapshots.deleteRun(runId);
    }
  } catch (error) {
    logger.warn(`Could not prune old JumpCloud snapshots: ${error}`);
  }
}
