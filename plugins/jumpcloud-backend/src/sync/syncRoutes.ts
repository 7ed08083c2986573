import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { audited, requirePermission, type AccessDeps } from '../http/access';
import { idSchema, parseInput } from '../http/validation';
import type { SyncStarter } from './SyncStarter';

export interface SyncRoutesDeps extends AccessDeps {
  syncStarter: SyncStarter;
}

const idParams = z.object({ id: idSchema });

/** POST /connections/:id/sync [manage]: Sync Now. */
export function createSyncRoutes(deps: SyncRoutesDeps) {
  const router = Router();

  router.post('/connections/:id/sync', async (req, res) => {
    const credentials = await requirePermission(
      deps,
      req,
      jumpcloudConnectionManagePermission,
    );
    const { id } = parseInput(idParams, req.params, 'params');
    const run = await audited(
      deps,
      req,
      'jumpcloud-sync-trigger',
      { connectionId: id },
      () => deps.syncStarter.start(id, credentials),
    );
    res.status(202).json(run);
  });

  return router;
}
