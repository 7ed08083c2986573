import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  DEVICE_SORTS,
  GROUP_SORTS,
  USER_SORTS,
  type AssetsReader,
  type SnapshotScope,
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

  /** A list of the latest complete snapshots: its query schema and reader. */
  const listRoute = <
    Query extends { connectionId?: string; limit: number; offset: number },
  >(
    path: string,
    schema: z.ZodType<Query, z.ZodTypeDef, unknown>,
    read: (
      scope: SnapshotScope[],
      query: Query,
    ) => Promise<{ items: unknown[]; totalCount: number }>,
  ) =>
    router.get(path, async (req, res) => {
      await requirePermission(deps, req, jumpcloudReadPermission);
      const query = parseInput(schema, req.query, 'query');
      const scope = await snapshotScope(deps.connections, query.connectionId);
      const result = await read(scope, query);
      res.json(page(result.items, result.totalCount, query));
    });

  listRoute('/assets/devices', devicesQuery, (scope, q) =>
    deps.assets.devices(scope, q),
  );
  listRoute('/assets/users', usersQuery, (scope, q) =>
    deps.assets.users(scope, q),
  );
  listRoute('/assets/groups', groupsQuery, (scope, q) =>
    deps.assets.groups(scope, q),
  );

  // One device or user of a connection's latest complete snapshot.
  for (const kind of ['device', 'user'] as const) {
    router.get(`/assets/${kind}s/:connectionId/:id`, async (req, res) => {
      await requirePermission(deps, req, jumpcloudReadPermission);
      const { connectionId, id } = parseInput(
        detailParams,
        req.params,
        'params',
      );
      const [scope] = await snapshotScope(deps.connections, connectionId);
      const asset = scope && (await deps.assets[kind](scope, id));
      if (!asset)
        throw new NotFoundError(
          `No ${kind} ${id} in connection ${connectionId}`,
        );
      res.json(asset);
    });
  }

  return router;
}
