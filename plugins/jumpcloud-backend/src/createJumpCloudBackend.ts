import type {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { JumpCloudCheck } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type express from 'express';
import type { Knex } from 'knex';
import type { JumpCloudConfig } from './config/readJumpCloudConfig';
import { AssetsReader } from './snapshot/AssetsReader';
import { CatalogSnapshotReader } from './snapshot/CatalogSnapshotReader';
import { getMigratedClient } from './database/migrateDatabase';
import { createFindingsRouter } from './findingsRouter';
import {
  createFindingsUnits,
  type FindingsUnits,
} from './evaluation/createFindingsUnits';
import { EntityFactsReader } from './facts/EntityFactsReader';
import { createFactsRoutes } from './facts/factsRoutes';
import { EntityPostureService } from './posture/EntityPostureService';
import { SyncStarter } from './sync/SyncStarter';
import { systemClock } from './findings/time';
import { createRouter } from './router';
import { scheduleEvidenceRetention } from './evidence/EvidenceRetention';
import { readEvidenceRetention } from './evidence/retentionPolicy';
import { createSyncCore } from './createSyncCore';
import type { ConnectionsStore } from './connections/ConnectionsStore';
import type { HistoryStore } from './runs/HistoryStore';
import type { ConnectionsService } from './connections/ConnectionsService';
import type { RunsStore } from './runs/RunsStore';
import type { ClientGatewayOptions } from './jumpcloud/ClientJumpCloudGateway';
import type { JumpCloudGateway } from './jumpcloud/JumpCloudGateway';
import type { RunEvaluator } from './evaluation/RunEvaluator';
import {
  DEFAULT_SYNC_ENGINE_OPTIONS,
  type SyncEngineOptions,
} from './sync/engineOptions';
import { SyncScheduler } from './sync/SyncScheduler';
import { chooseRunExecutor } from './sync/worker/chooseRunExecutor';
import { isSqlite, useWriteAheadLog } from './sync/worker/sqliteSharing';
import { WorkerRunExecutor } from './sync/worker/WorkerRunExecutor';
import { EntityOwners } from './notifications/EntityOwners';
import { SyncNotifier } from './notifications/SyncNotifier';

export interface JumpCloudBackendDeps {
  config: RootConfigService;
  jumpcloudConfig: JumpCloudConfig;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  events: EventsService;
  /** Live updates for open browsers; see JUMPCLOUD_SIGNAL_CHANNELS. */
  signals?: SignalsService;
  gateway: JumpCloudGateway;
  /**
   * Set when `gateway` is the standard client built with these options:
   * syncs can then run in worker threads (`jumpcloud.sync.worker`).
   */
  clientOptions?: Omit<ClientGatewayOptions, 'logger'>;
  /** Checks added through jumpcloudChecksExtensionPoint. */
  customChecks?: JumpCloudCheck[];
  engineOptions?: Partial<SyncEngineOptions>;
  instanceId?: string;
  /**
   * Backstage notifications (`jumpcloud.notifications`), with the catalog
   * that names the owners of devices and users; none without them.
   */
  notifications?: {
    service: NotificationService;
    catalog: CatalogService;
    auth: AuthService;
  };
}

/**
 * Wires the stores, services, sync engine and router. Separate from the
 * plugin so benchmarks and tests can build the same graph.
 */
export async function createJumpCloudBackend(deps: JumpCloudBackendDeps) {
  const { jumpcloudConfig: cfg, logger } = deps;
  // Validated before anything starts: a bad policy must not prune evidence.
  const retentionPolicy = readEvidenceRetention(deps.config);
  const knex = await getMigratedClient(deps.database);

  const {
    connections: connectionsStore,
    runs,
    history,
    snapshots,
    connectionsService,
    createEngine,
  } = createSyncCore({
    knex,
    gateway: deps.gateway,
    events: deps.events,
    signals: deps.signals,
    logger,
    encryptionSecret: cfg.encryptionSecret,
    allowedHosts: cfg.allowedHosts,
    batchSize: cfg.sync.batchSize,
  });
  await connectionsService.applyConfiguredConnections(cfg.connections);

  const { evaluator, routers, units } = createFindings({
    ...deps,
    knex,
    connections: connectionsStore,
    history,
  });

  const syncLogger = logger.child({ component: 'jumpcloud-sync' });
  const executor = chooseRunExecutor({
    knex,
    jumpcloudConfig: cfg,
    config: deps.config,
    clientOptions: deps.clientOptions,
    hasCustomChecks: (deps.customChecks ?? []).length > 0,
    inProcess: { snapshots, gateway: deps.gateway, evaluator, runs },
    timing: { ...DEFAULT_SYNC_ENGINE_OPTIONS, ...deps.engineOptions },
    logger: syncLogger,
  });
  if (
    executor instanceof WorkerRunExecutor &&
    isSqlite(knex.client.config as Knex.Config)
  ) {
    await useWriteAheadLog(knex);
  }
  const engine = createEngine({
    logger: syncLogger,
    executor,
    instanceId: deps.instanceId,
    options: deps.engineOptions,
    notifier: createNotifier(deps, knex),
  });
  const syncScheduler = new SyncScheduler({
    scheduler: deps.scheduler,
    engine,
    connections: connectionsStore,
    logger,
    timeout: cfg.sync.timeout,
    maxConcurrentRuns: cfg.sync.maxConcurrentRuns,
    initialDelay:
      cfg.sync.initialDelay.as('milliseconds') > 0
        ? cfg.sync.initialDelay
        : undefined,
  });
  await syncScheduler.follow(deps.events);

  await engine.closeStaleRuns();
  await syncScheduler.reconcile();
  // Catches connections changed on other replicas and runs whose process died.
  const maintenance = new AbortController();
  await deps.scheduler.scheduleTask({
    id: 'jumpcloud-maintenance',
    scope: 'local',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { minutes: 1 },
    signal: maintenance.signal,
    fn: async () => {
      await engine.closeStaleRuns();
      await syncScheduler.reconcile();
    },
  });
  await scheduleEvidenceRetention({
    knex,
    scheduler: deps.scheduler,
    logger: logger.child({ component: 'jumpcloud-evidence-retention' }),
    policy: retentionPolicy,
    signal: maintenance.signal,
    history,
  });

  const { router, actionServices } = createApi(deps, {
    knex,
    routers,
    units,
    connectionsStore,
    connectionsService,
    runs,
    history,
    syncScheduler,
  });

  return {
    router,
    knex,
    engine,
    syncScheduler,
    connectionsService,
    actionServices,
    stop: async () => {
      maintenance.abort();
      syncScheduler.stopAll();
    },
  };
}

/** Tells managers and owners what runs mean, when configured to. */
function createNotifier(
  deps: JumpCloudBackendDeps,
  knex: Knex,
): SyncNotifier | undefined {
  const options = deps.jumpcloudConfig.notifications;
  if (!deps.notifications || !options.enabled) return undefined;
  return new SyncNotifier({
    knex,
    notifications: deps.notifications.service,
    owners: new EntityOwners({
      catalog: deps.notifications.catalog,
      auth: deps.notifications.auth,
      knex,
    }),
    options,
    logger: deps.logger.child({ component: 'jumpcloud-notifications' }),
  });
}

/** Checks, findings, exceptions, posture and evidence: the evaluation and the routes. */
function createFindings(
  deps: JumpCloudBackendDeps & {
    knex: Knex;
    connections: Pick<ConnectionsStore, 'get'>;
    history: HistoryStore;
  },
): {
  evaluator: RunEvaluator;
  routers: express.Router[];
  units: FindingsUnits;
} {
  const units = createFindingsUnits({
    knex: deps.knex,
    logger: deps.logger.child({ component: 'jumpcloud-findings' }),
    config: deps.config,
    checks: deps.customChecks,
  });
  const router = createFindingsRouter({
    httpAuth: deps.httpAuth,
    permissions: deps.permissions,
    auditor: deps.auditor,
    ...units,
    connections: deps.connections,
    history: deps.history,
    clock: systemClock,
  });
  return { evaluator: units.evaluation, routers: [router], units };
}

/**
 * The REST API, GET /facts (what Tech Insights reads) included, and the
 * services the actions for agents call: the ones the routes use.
 */
function createApi(
  deps: Pick<JumpCloudBackendDeps, 'httpAuth' | 'permissions' | 'auditor'>,
  parts: {
    knex: Knex;
    routers: express.Router[];
    units: FindingsUnits;
    connectionsStore: ConnectionsStore;
    connectionsService: ConnectionsService;
    runs: RunsStore;
    history: HistoryStore;
    syncScheduler: SyncScheduler;
  },
) {
  const { units, connectionsStore, syncScheduler } = parts;
  const access = {
    httpAuth: deps.httpAuth,
    permissions: deps.permissions,
    auditor: deps.auditor,
  };
  const assets = new AssetsReader(parts.knex);
  const entityPosture = new EntityPostureService({
    posture: units.posture,
    exceptions: units.exceptions,
    clock: systemClock,
  });
  const factsRouter = createFactsRoutes({
    ...access,
    facts: new EntityFactsReader({
      connections: connectionsStore,
      assets,
      entityPosture,
    }),
  });
  const router = createRouter({
    ...access,
    connectionsService: parts.connectionsService,
    connectionsStore,
    syncScheduler,
    runs: parts.runs,
    history: parts.history,
    assets,
    catalogReader: new CatalogSnapshotReader(parts.knex),
    extraRouters: [...parts.routers, factsRouter],
  });
  const actionServices = {
    connections: connectionsStore,
    connectionsService: parts.connectionsService,
    runs: parts.runs,
    findings: units.findings,
    catalogue: units.catalogue,
    entityPosture,
    syncStarter: new SyncStarter({
      connections: connectionsStore,
      syncScheduler,
    }),
    clock: systemClock,
  };
  return { router, actionServices };
}
