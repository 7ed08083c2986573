// Child process of the replicas benchmark: one backend replica's sync side
// (stores, connection service, sync engine, SyncScheduler on Backstage's
// DefaultSchedulerService) on the shared PostgreSQL database. It takes due
// connections as the plugin does until it is told to stop or is killed.
import type {
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import knexFactory, { type Knex } from 'knex';
import { Duration } from 'luxon';
import { createSyncCore } from '../../src/createSyncCore';
import { createFindingsUnits } from '../../src/evaluation/createFindingsUnits';
import { ClientJumpCloudGateway } from '../../src/jumpcloud/ClientJumpCloudGateway';
import { InProcessRunExecutor } from '../../src/sync/RunPipeline';
import { SyncScheduler } from '../../src/sync/SyncScheduler';

export interface ReplicaRequest {
  name: string;
  database: Knex.Config;
  /** Requests per second and concurrency of each connection's client. */
  requestsPerSecond: number;
  maxConcurrency: number;
  allowedHosts: string[];
  encryptionSecret: string;
  maxConcurrentRuns: number;
  pollMs: number;
  staleAfterMs: number;
  heartbeatMs: number;
}

function stderrLogger(name: string): LoggerService {
  const logger: LoggerService = {
    debug() {},
    info() {},
    warn(message) {
      process.stderr.write(`${name} warn: ${message}\n`);
    },
    error(message) {
      process.stderr.write(`${name} error: ${message}\n`);
    },
    child: () => logger,
  };
  return logger;
}

/**
 * The scheduler's run counters have nowhere to go in a bare process; the
 * scheduling itself is Backstage's.
 */
const uncountedMetrics = {
  createCounter: () => ({ add() {} }),
  createUpDownCounter: () => ({ add() {} }),
  createHistogram: () => ({ record() {} }),
  createGauge: () => ({ record() {} }),
  createObservableCounter: () => ({ addCallback() {}, removeCallback() {} }),
  createObservableUpDownCounter: () => ({
    addCallback() {},
    removeCallback() {},
  }),
  createObservableGauge: () => ({ addCallback() {}, removeCallback() {} }),
} as unknown as MetricsService;

function lifecycle(): RootLifecycleService & { shutdown(): Promise<void> } {
  const hooks: Array<() => void | Promise<void>> = [];
  return {
    addStartupHook() {},
    addBeforeShutdownHook() {},
    addShutdownHook(hook) {
      hooks.push(hook);
    },
    async shutdown() {
      for (const hook of hooks) await hook();
    },
  };
}

async function main() {
  const request = JSON.parse(process.argv[2]) as ReplicaRequest;
  const knex = knexFactory(request.database);
  const logger = stderrLogger(request.name);
  const events = { publish: async () => {}, subscribe: async () => {} };
  const gateway = new ClientJumpCloudGateway({
    logger,
    requestsPerSecond: request.requestsPerSecond,
    maxConcurrency: request.maxConcurrency,
  });
  const { connections, runs, snapshots, createEngine } = createSyncCore({
    knex,
    gateway,
    events,
    logger,
    encryptionSecret: request.encryptionSecret,
    allowedHosts: request.allowedHosts,
    batchSize: 500,
  });
  const timing = {
    staleAfterMs: request.staleAfterMs,
    heartbeatMs: request.heartbeatMs,
    progressIntervalMs: 1_000,
  };
  // In the backend's thread: the spread is the scheduler's doing, and
  // worker threads would only add their start-up to every small sync.
  const engine = createEngine({
    instanceId: request.name,
    options: timing,
    executor: new InProcessRunExecutor({
      runs,
      timing,
      logger,
      snapshots,
      gateway,
      evaluator: createFindingsUnits({ knex, logger }).evaluation,
    }),
  });
  const rootLifecycle = lifecycle();
  const scheduler = DefaultSchedulerService.create({
    database: { getClient: async () => knex },
    logger,
    metrics: uncountedMetrics,
    rootLifecycle,
    httpRouter: { use() {}, addAuthPolicy() {} },
    pluginMetadata: { getId: () => 'jumpcloud' },
  });
  const syncScheduler = new SyncScheduler({
    scheduler,
    engine,
    connections,
    logger,
    timeout: Duration.fromObject({ minutes: 10 }),
    maxConcurrentRuns: request.maxConcurrentRuns,
    pollInterval: Duration.fromMillis(request.pollMs),
  });
  process.on('message', async (message: { type?: string }) => {
    // Every replica is up before the connections come due, as in a running
    // deployment: the round measures the syncs, not the processes' start-up.
    if (message?.type === 'start') await syncScheduler.reconcile();
    if (message?.type !== 'stop') return;
    // Where the round's time went: this process's CPU over it.
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', seconds: (user + system) / 1e6 });
    syncScheduler.stopAll();
    await rootLifecycle.shutdown();
    await knex.destroy().catch(() => {});
    process.exit(0);
  });
}

main().then(
  () => process.send!({ type: 'ready' }),
  error => {
    process.stderr.write(`replica failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
