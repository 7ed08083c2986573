import type express from 'express';
import Router from 'express-promise-router';
import type { CheckCatalogue } from './checks/CheckCatalogue';
import type { ConnectionsStore } from './connections/ConnectionsStore';
import type { EvidenceStore } from './evidence/EvidenceStore';
import { createEvidenceRoutes } from './evidence/evidenceRoutes';
import type { PostureStore } from './posture/PostureStore';
import { createPostureRoutes } from './posture/postureRoutes';
import type { AccessDeps } from './http/access';
import { createChecksRoutes } from './findings/checksRoutes';
import type { CheckStatusCounts } from './findings/CheckStatusCounts';
import { createExceptionsRoutes } from './findings/exceptionsRoutes';
import type { ExceptionsStore } from './findings/ExceptionsStore';
import { createFindingsRoutes } from './findings/findingsRoutes';
import type { FindingsStore } from './findings/FindingsStore';
import type { Clock } from './findings/time';
import type { HistoryStore } from './runs/HistoryStore';

export interface FindingsRouterDeps extends AccessDeps {
  catalogue: CheckCatalogue;
  findings: FindingsStore;
  exceptions: ExceptionsStore;
  posture: PostureStore;
  evidence: EvidenceStore;
  /** Results per check and status of each connection's latest sealed run. */
  checkStatus: Pick<CheckStatusCounts, 'read'>;
  /** To refuse exceptions on connections that do not exist. */
  connections: Pick<ConnectionsStore, 'get'>;
  /** Evidence verifications and risk acceptances are kept in History. */
  history: Pick<HistoryStore, 'insert'>;
  clock: Clock;
}

/**
 * Routes of checks, findings, exceptions, posture and evidence, mounted by
 * the core router at the root of /api/jumpcloud, each given only the stores
 * it reads. Expects `express.json()` to run before it (the core router does).
 */
export function createFindingsRouter(deps: FindingsRouterDeps): express.Router {
  const access: AccessDeps = {
    httpAuth: deps.httpAuth,
    permissions: deps.permissions,
    auditor: deps.auditor,
  };
  const { clock } = deps;
  const router = Router();
  router.use(
    createFindingsRoutes({
      ...access,
      findings: deps.findings,
      catalogue: deps.catalogue,
      clock,
    }),
  );
  router.use(
    createChecksRoutes({
      ...access,
      catalogue: deps.catalogue,
      checkStatus: deps.checkStatus,
      clock,
    }),
  );
  router.use(
    createExceptionsRoutes({
      ...access,
      exceptions: deps.exceptions,
      catalogue: deps.catalogue,
      connections: deps.connections,
      history: deps.history,
      clock,
    }),
  );
  router.use(
    createPostureRoutes({
      ...access,
      posture: deps.posture,
      exceptions: deps.exceptions,
      clock,
    }),
  );
  router.use(
    createEvidenceRoutes({
      ...access,
      evidence: deps.evidence,
      history: deps.history,
      now: clock,
    }),
  );
  return router;
}
