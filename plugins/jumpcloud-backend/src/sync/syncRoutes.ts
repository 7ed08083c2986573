import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ConnectionsStore } from '../connections/ConnectionsStore';
import {
  actorOf,
  audited,
  requirePermission,
  type AccessDeps,
} from '../http/access';
import { idSchema, parseInput } from '../http/validation';
import { toSyncRun } from '../runs/toSyncRun';
import type { SyncScheduler } from './SyncScheduler';

export interface SyncRoutesDeps extends AccessDeps {
  connections: Pick<ConnectionsStore, 'get'>;
  syncScheduler: SyncScheduler;
}

const idParams = z.object({ id: idSchema });

/** POST /connections/:id/sync [manage]: Sync Now. */
export function createSyncRoutes(deps: SyncRoutesDeps) {
  const router = Router();
  const manage = (req: Parameters<typeof requirePermission>[1]) =>
    requirePermission(deps, req, jumpcloudConnectionManagePermission);

  router.post('/connections/:id/sync', async (req, res) => {
    const credentials = await manage(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const result = await audited(
      deps,
      req,
      'jumpcloud-sync-trigger',
      { connectionId: id },
      async () => {
        const connection = await deps.connections.get(id);
        if (!connection)
          throw new NotFoundError(`No JumpCloud connection with id ${id}`);
        const by = actorOf(credentials);
        return deps.syncScheduler.syncNow(
          connection,
          (credentials.principal as { type: string }).type === 'user'
            ? { type: 'manual', by }
            : { type: 'api', by },
        );
      },
    );
    res.status(202).json(toSyncRun(result.run));
  });

  return router;
}
