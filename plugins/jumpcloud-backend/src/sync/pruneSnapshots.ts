import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';

/**
 * After `appliedRunId` was applied: removes the connection's rows that are
 * neither its applied ones (their label: its first applied run's id) nor a
 * running run's: those of runs that failed or were stopped without their
 * rows being deleted, and rows labelled by runs before snapshots were
 * stored as changes.
 */
export async function pruneSnapshots(
  deps: { snapshots: SnapshotWriter; runs: RunsStore },
  connection: { id: string; snapshotRunId: string | null },
  appliedRunId: string,
  logger: LoggerService,
): Promise<void> {
  const keep = connection.snapshotRunId ?? appliedRunId;
  try {
    const stored = await deps.snapshots.storedRunIds(connection.id);
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
