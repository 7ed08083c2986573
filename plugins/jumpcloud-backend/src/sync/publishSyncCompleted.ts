import {
  JUMPCLOUD_SYNC_COMPLETED_TOPIC,
  type SyncCompletedEventPayload,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { ConnectionRecord } from '../connections/ConnectionsStore';

/**
 * Tells the catalog module (on every replica) that a connection has a new
 * complete snapshot to read.
 */
export async function publishSyncCompleted(
  events: EventsService,
  connection: ConnectionRecord,
  runId: string,
  logger: LoggerService,
): Promise<void> {
  const payload: SyncCompletedEventPayload = {
    connectionId: connection.id,
    connectionName: connection.name,
    runId,
  };
  try {
    await events.publish({
      topic: JUMPCLOUD_SYNC_COMPLETED_TOPIC,
      eventPayload: payload,
    });
  } catch (error) {
    // The catalog module also refreshes on its own schedule.
    logger.warn(
      `Could not publish ${JUMPCLOUD_SYNC_COMPLETED_TOPIC}: ${error}`,
    );
  }
}
