import type {
  JumpCloudRegion,
  UserIngestionMode,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { SnapshotScope } from './AssetsReader';

/** What snapshot readers need to know of a connection: the run in force. */
export interface AppliedConnection {
  id: string;
  name: string;
  orgId: string | null;
  region: JumpCloudRegion | null;
  apiUrl: string;
  users: UserIngestionMode;
  latestCompleteRunId: string | null;
  /** The label its applied rows carry (see RunView); null on the first run's. */
  snapshotRunId: string | null;
}

/** The connections, as the connections store lists them. */
export interface AppliedConnections {
  list(): Promise<AppliedConnection[]>;
  get(id: string): Promise<AppliedConnection | undefined>;
}

/**
 * The rows of the latest complete run of each connection (or of one), for
 * reads: `runId` is the label they carry.
 */
export async function snapshotScope(
  connections: AppliedConnections,
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
      runId: rowsLabelOf(r)!,
      appliedRunId: r.latestCompleteRunId!,
    }));
}

/** The label the applied rows of a connection carry, if it has any. */
export function rowsLabelOf(connection: AppliedConnection): string | null {
  if (!connection.latestCompleteRunId) return null;
  return connection.snapshotRunId ?? connection.latestCompleteRunId;
}
