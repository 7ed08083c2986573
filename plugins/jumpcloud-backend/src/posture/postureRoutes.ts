import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ExceptionsStore } from '../findings/ExceptionsStore';
import { toIsoUtc, type Clock } from '../findings/time';
import { requirePermission, type AccessDeps } from '../http/access';
import { idSchema, parseInput } from '../http/validation';
import { EntityPostureService } from './EntityPostureService';
import type { PostureStore } from './PostureStore';

const postureQuery = z.object({ connectionId: idSchema.optional() }).strict();
const trendQuery = z
  .object({
    connectionId: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
const entityQuery = z
  .object({ connectionId: idSchema, entityId: z.string().min(1).max(255) })
  .strict();

/** GET /posture, /posture/trend, /posture/entity */
export function createPostureRoutes(
  deps: AccessDeps & {
    posture: PostureStore;
    exceptions: Pick<ExceptionsStore, 'active'>;
    clock: Clock;
  },
) {
  const { posture } = deps;
  const entityPosture = new EntityPostureService(deps);
  const now = () => toIsoUtc(deps.clock());
  const router = Router();

  router.get('/posture', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId } = parseInput(postureQuery, req.query, 'query');
    res.json(await posture.current(connectionId, now()));
  });

  router.get('/posture/trend', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, limit } = parseInput(trendQuery, req.query, 'query');
    res.json(await posture.trend(connectionId, limit));
  });

  router.get('/posture/entity', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, entityId } = parseInput(
      entityQuery,
      req.query,
      'query',
    );
    res.json(await entityPosture.read(connectionId, entityId));
  });

  return router;
}
