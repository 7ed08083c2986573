import express from 'express';
import Router from 'express-promise-router';
import type { AccessDeps } from './http/access';
import { createAssetsRoutes } from './snapshot/assetsRoutes';
import { createCatalogRoutes } from './snapshot/catalogRoutes';
import { createConnectionsRoutes } from './connections/connectionsRoutes';
import { createRunsRoutes } from './runs/runsRoutes';
import type { AssetsReader } from './snapshot/AssetsReader';
import type { CatalogSnapshotReader } from './snapshot/CatalogSnapshotReader';
import type { ConnectionsStore } from './connections/ConnectionsStore';
import type { HistoryStore } from './runs/HistoryStore';
import type { RunsStore } from './runs/RunsStore';
import type { ConnectionsService } from './connections/ConnectionsService';
import type { SyncScheduler } from './sync/SyncScheduler';
import { createSyncRoutes } from './sync/syncRoutes';
import { SyncStarter } from './sync/SyncStarter';

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
  router.use(
    createSyncRoutes({
      ...deps,
      syncStarter: new SyncStarter({
        connections: deps.connectionsStore,
        syncScheduler: deps.syncScheduler,
      }),
    }),
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
