import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RunRecord, RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';

/**
 * Keeps the latest complete snapshot and the one before it (a catalog
 * reader may still be paging through it); removes older runs' rows.
 */
export async function pruneSnapshots(
  deps: { snapshots: SnapshotWriter; runs: RunsStore },
  connectionId: string,
  logger: LoggerService,
): Promise<void> {
  try {
    const stored = await deps.snapshots.storedRunIds(connectionId);
    if (stored.length <= 2) return;
    const runs = await Promise.all(stored.map(id => deps.runs.get(id)));
    const keep = new Set(
      runs
        .filter(
          (r): r is RunRecord =>
            Boolean(r) &&
            (r!.status === 'succeeded' || r!.status === 'running'),
        )
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        .slice(0, 2)
        .map(r => r.id),
    );
    for (const runId of stored) {
      if (!keep.has(runId)) await deps.snapshots.deleteRun(runId);
    }
  } catch (error) {
    logger.warn(`Could not prune old JumpCloud snapshots: ${error}`);
  }
}
