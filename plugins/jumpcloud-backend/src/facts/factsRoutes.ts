import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requirePermission, type AccessDeps } from '../http/access';
import { idSchema, parseInput } from '../http/validation';
import type { EntityFactsReader } from './EntityFactsReader';

const factsQuery = z
  .object({
    connectionId: idSchema,
    kind: z.enum(['device', 'user']),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

/**
 * GET /facts: per device or user, what Tech Insights scorecards read. The
 * same permission as the entity tab's reads (assets and entity posture).
 */
export function createFactsRoutes(
  deps: AccessDeps & { facts: EntityFactsReader },
) {
  const router = Router();
  router.get('/facts', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(factsQuery, req.query, 'query');
    const page = await deps.facts.page(query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
  return router;
}
