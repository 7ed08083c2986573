import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  DEVICE_SORTS,
  GROUP_SORTS,
  USER_SORTS,
  type AssetsReader,
} from './AssetsReader';
import { requirePermission, type AccessDeps } from '../http/access';
import { snapshotScope } from './snapshotScope';
import type { AppliedConnections } from './snapshotScope';
import { idSchema, listQuerySchema, parseInput } from '../http/validation';

export interface AssetsRoutesDeps extends AccessDeps {
  assets: AssetsReader;
  connections: AppliedConnections;
}

const sortsOf = (sorts: Record<string, string>) =>
  Object.keys(sorts) as [string, ...string[]];

const devicesQuery = listQuerySchema(sortsOf(DEVICE_SORTS)).extend({
  connectionId: idSchema.optional(),
  osFamily: z.enum(['windows', 'darwin', 'linux', 'other']).optional(),
});
const usersQuery = listQuerySchema(sortsOf(USER_SORTS)).extend({
  connectionId: idSchema.optional(),
});
const groupsQuery = listQuerySchema(sortsOf(GROUP_SORTS)).extend({
  connectionId: idSchema.optional(),
  type: z.enum(['user_group', 'system_group']).optional(),
});
const detailParams = z.object({ connectionId: idSchema, id: idSchema });

/** /assets: devices, users and groups of the latest complete snapshots. */
export function createAssetsRoutes(deps: AssetsRoutesDeps) {
  const router = Router();
  const page = <T>(
    items: T[],
    totalCount: number,
    q: { limit: number; offset: number },
  ) => ({
    items,
    totalCount,
    limit: q.limit,
    offset: q.offset,
  });

  router.get('/assets/devices', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(devicesQuery, req.query, 'query');
    const scope = await snapshotScope(deps.connections, query.connectionId);
    const result = await deps.assets.devices(scope, query);
    res.json(page(result.items, result.totalCount, query));
  });

  router.get('/assets/users', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(usersQuery, req.query, 'query');
    const scope = await snapshotScope(deps.connections, query.connectionId);
    const result = await deps.assets.users(scope, query);
    res.json(page(result.items, result.totalCount, query));
  });

  router.get('/assets/groups', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(groupsQuery, req.query, 'query');
    const scope = await snapshotScope(deps.connections, query.connectionId);
    const result = await deps.assets.groups(scope, query);
    res.json(page(result.items, result.totalCount, query));
  });

  router.get('/assets/devices/:connectionId/:id', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, id } = parseInput(detailParams, req.params, 'params');
    const [scope] = await snapshotScope(deps.connections, connectionId);
    const device = scope && (await deps.assets.device(scope, id));
    if (!device)
      throw new NotFoundError(`No device ${id} in connection ${connectionId}`);
    res.json(device);
  });

  router.get('/assets/users/:connectionId/:id', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, id } = parseInput(detailParams, req.params, 'params');
    const [scope] = await snapshotScope(deps.connections, connectionId);
    const user = scope && (await deps.assets.user(scope, id));
    if (!user)
      throw new NotFoundError(`No user ${id} in connection ${connectionId}`);
    res.json(user);
  });

  return router;
}
