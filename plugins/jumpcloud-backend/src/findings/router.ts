import type express from 'express';
import Router from 'express-promise-router';
import type { Knex } from 'knex';
import { createEvidenceRoutes } from '../evidence/evidenceRoutes';
import { createPostureRoutes } from '../posture/postureRoutes';
import type { AccessDeps } from '../routes/access';
import { createExceptionsRoutes } from './exceptionsRoutes';
import { createFindingsRoutes } from './findingsRoutes';
import type { FindingsService } from './FindingsService';

export interface FindingsRouterDeps extends AccessDeps {
  service: FindingsService;
  /** The plugin's knex client (to check that a connection exists). */
  database: Knex;
}

/**
 * Routes of checks, findings, exceptions, posture and evidence, mounted by
 * the core router at the root of /api/jumpcloud. Expects `express.json()`
 * to run before it (the core router does).
 */
export function createFindingsRouter(deps: FindingsRouterDeps): express.Router {
  const router = Router();
  router.use(createFindingsRoutes(deps));
  router.use(createExceptionsRoutes({ ...deps, knex: deps.database }));
  router.use(createPostureRoutes(deps));
  router.use(createEvidenceRoutes(deps));
  return router;
}
