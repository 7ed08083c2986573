import type { ConnectionsStore } from '../database/ConnectionsStore';
import type { SnapshotScope } from '../database/AssetsReader';

/** The latest complete run of each connection (or of one), for reads. */
export async function snapshotScope(
  connections: ConnectionsStore,
  connectionId?: string,
): Promise<SnapshotScope[]> {
  const records = connectionId
    ? [await connections.get(connectionId)].filter(r => r !== undefined)
    : await connections.list();
  return records
    .filter(r => r.latestCompleteRunId)
    .map(r => ({
      connectionId: r.id,
      connectionName: r.name,
      runId: r.latestCompleteRunId!,
    }));
}
