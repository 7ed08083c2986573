import { jumpcloudConnectionReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { HistoryStore } from './HistoryStore';
import type { RunsStore } from './RunsStore';
import { requirePermission, type AccessDeps } from '../http/access';
import { toSyncRun } from './toSyncRun';
import { idSchema, parseInput } from '../http/validation';

export interface RunsRoutesDeps extends AccessDeps {
  runs: RunsStore;
  history: HistoryStore;
}

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  order: z.enum(['asc', 'desc']).default('desc'),
});

const runsQuery = pageSchema.extend({
  connectionId: idSchema.optional(),
  status: z.enum(['running', 'succeeded', 'partial', 'failed']).optional(),
});

const historyQuery = pageSchema.extend({
  connectionId: idSchema.optional(),
  action: z
    .enum([
      'test',
      'create',
      'update',
      'delete',
      'rotate_key',
      'sync',
      'exception_create',
      'exception_delete',
      'evidence_verify',
      'evidence_prune',
    ])
    .optional(),
});

/** /runs (sync runs with live progress) and /history (every action). */
export function createRunsRoutes(deps: RunsRoutesDeps) {
  const router = Router();

  router.get('/runs', async (req, res) => {
    await requirePermission(deps, req, jumpcloudConnectionReadPermission);
    const query = parseInput(runsQuery, req.query, 'query');
    const page = await deps.runs.list(query);
    res.json({
      items: page.items.map(toSyncRun),
      totalCount: page.totalCount,
      limit: query.limit,
      offset: query.offset,
    });
  });

  router.get('/runs/:id', async (req, res) => {
    await requirePermission(deps, req, jumpcloudConnectionReadPermission);
    const { id } = parseInput(z.object({ id: idSchema }), req.params, 'params');
    const run = await deps.runs.get(id);
    if (!run) throw new NotFoundError(`No sync run with id ${id}`);
    res.json(toSyncRun(run));
  });

  router.get('/history', async (req, res) => {
    await requirePermission(deps, req, jumpcloudConnectionReadPermission);
    const query = parseInput(historyQuery, req.query, 'query');
    const page = await deps.history.list(query);
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });

  return router;
}
