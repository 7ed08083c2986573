import express from 'express';
import Router from 'express-promise-router';
import type { AccessDeps } from './routes/access';
import { createAssetsRoutes } from './routes/assetsRoutes';
import { createCatalogRoutes } from './routes/catalogRoutes';
import { createConnectionsRoutes } from './routes/connectionsRoutes';
import { createRunsRoutes } from './routes/runsRoutes';
import type { AssetsReader } from './database/AssetsReader';
import type { CatalogSnapshotReader } from './database/CatalogSnapshotReader';
import type { ConnectionsStore } from './database/ConnectionsStore';
import type { HistoryStore } from './database/HistoryStore';
import type { RunsStore } from './database/RunsStore';
import type { ConnectionsService } from './service/connections/ConnectionsService';
import type { SyncScheduler } from './sync/SyncScheduler';

export interface RouterDeps extends AccessDeps {
  connectionsService: ConnectionsService;
  connectionsStore: ConnectionsStore;
  syncScheduler: SyncScheduler;
  runs: RunsStore;
  history: HistoryStore;
  assets: AssetsReader;
  catalogReader: CatalogSnapshotReader;
  /** Routers of other concerns mounted at the root (findings, evidence…). */
  extraRouters?: express.Router[];
}

/** The REST API of /api/jumpcloud (see src/schema/openapi.yaml). */
export function createRouter(deps: RouterDeps): express.Router {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(
    createConnectionsRoutes({ ...deps, connections: deps.connectionsService }),
  );
  router.use(createRunsRoutes(deps));
  router.use(
    createAssetsRoutes({
      ...deps,
      assets: deps.assets,
      connections: deps.connectionsStore,
    }),
  );
  router.use(
    createCatalogRoutes({
      ...deps,
      connections: deps.connectionsStore,
      reader: deps.catalogReader,
    }),
  );
  for (const extra of deps.extraRouters ?? []) {
    router.use(extra);
  }
  return router;
}
