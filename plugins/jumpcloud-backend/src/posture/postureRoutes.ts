import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { FindingsService } from '../findings/FindingsService';
import { requirePermission, type AccessDeps } from '../routes/access';
import { idSchema, parseInput } from '../routes/validation';

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
  deps: AccessDeps & { service: FindingsService },
) {
  const { service } = deps;
  const router = Router();

  router.get('/posture', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId } = parseInput(postureQuery, req.query, 'query');
    res.json(await service.postureOf(connectionId));
  });

  router.get('/posture/trend', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, limit } = parseInput(trendQuery, req.query, 'query');
    res.json(await service.trend(connectionId, limit));
  });

  router.get('/posture/entity', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const { connectionId, entityId } = parseInput(
      entityQuery,
      req.query,
      'query',
    );
    const posture = await service.entityPosture(connectionId, entityId);
    if (!posture)
      throw new NotFoundError(
        `No results for entity ${entityId} in connection ${connectionId}`,
      );
    res.json(posture);
  });

  return router;
}
