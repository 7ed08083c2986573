import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import type { ConnectionsStore } from '../connections/ConnectionsStore';
import { actorOf } from '../http/access';
import { toSyncRun } from '../runs/toSyncRun';
import type { SyncScheduler } from './SyncScheduler';

/**
 * Sync Now, for the REST route and the start-sync action alike: the caller
 * has been authorised and the call is audited by whoever calls this.
 */
export class SyncStarter {
  constructor(
    private readonly deps: {
      connections: Pick<ConnectionsStore, 'get'>;
      syncScheduler: Pick<SyncScheduler, 'syncNow'>;
    },
  ) {}

  async start(
    connectionId: string,
    credentials: BackstageCredentials,
  ): Promise<SyncRun> {
    const connection = await this.deps.connections.get(connectionId);
    if (!connection)
      throw new NotFoundError(
        `No JumpCloud connection with id ${connectionId}`,
      );
    const by = actorOf(credentials);
    // A person pressing Sync Now is "manual"; a service calling is "api".
    const trigger =
      (credentials.principal as { type: string }).type === 'user'
        ? { type: 'manual' as const, by }
        : { type: 'api' as const, by };
    const result = await this.deps.syncScheduler.syncNow(connection, trigger);
    return toSyncRun(result.run);
  }
}
