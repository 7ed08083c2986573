import { SnapshotChangedError } from './RestSnapshotSource';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  SnapshotReadOptions,
  SnapshotSource,
} from './types';

/**
 * Reads a connection's latest complete snapshot; when a newer run completes
 * mid-read, reads that one instead (once). Rejects on any other failure.
 */
export async function readLatestSnapshot(
  source: SnapshotSource,
  connection: JumpCloudCatalogConnection,
  options: SnapshotReadOptions,
): Promise<JumpCloudCatalogSnapshot> {
  try {
    return await source.readSnapshot(connection, options);
  } catch (error) {
    if (error instanceof SnapshotChangedError) {
      return source.readSnapshot(connection, options);
    }
    throw error;
  }
}
