// Child process of the sync benchmark: the backend's sync path (connection
// service, sync engine with the real JumpCloud client, snapshot store,
// findings evaluate + seal) on one database, measured on its own: wall
// time, requests, rows written and peak RSS over the process's baseline.
import type { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { migrateDatabase } from '../../src/database/migrateDatabase';
import { createSyncCore } from '../../src/createSyncCore';
import { SNAPSHOT_TABLES } from '../../src/snapshot/SnapshotWriter';
import { createFindingsUnits } from '../../src/evaluation/createFindingsUnits';
import { ClientJumpCloudGateway } from '../../src/jumpcloud/ClientJumpCloudGateway';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../../src/sync/engineOptions';
import {
  InProcessRunExecutor,
  type RunExecutor,
} from '../../src/sync/RunPipeline';
import { WorkerRunExecutor } from '../../src/sync/worker/WorkerRunExecutor';
import { tableFiguresFrom, type TableFigures } from '../storage/tableFigures';
import type { Worker } from 'node:worker_threads';

export interface SyncRequest {
  database: Knex.Config;
  simulatorUrl: string;
  apiKey: string;
  requestsPerSecond: number;
  maxConcurrency: number;
  batchSize: number;
  /** Syncs of the same connection, one after the other (the second is the steady state). */
  runs: number;
  /** Percent of devices and users the simulator changes before each later sync. */
  mutatePercent: number;
  /**
   * A worker's heap limit, unset for the plugin's default (sized from the
   * org), or null: the backend's thread.
   */
  workerHeapMb?: number | null;
  /**
   * Also report the database's own counts of rows each sync wrote and the
   * tables' bytes after it (bench:storage); needs workerHeapMb null, so
   * SQLite's counts come from the connection the sync writes through.
   */
  tableFigures?: boolean;
}

export interface SyncReport {
  status: string;
  error: unknown;
  failed: string[];
  wallMs: number;
  requests: number;
  rowsWritten: number;
  counts: Record<string, number>;
  baselineRssMb: number;
  peakRssMb: number;
  peakRssMbByStage: Record<string, number>;
  /** Wall seconds spent in each stage. */
  secondsByStage: Record<string, number>;
  /**
   * Per stage, the largest V8 heap in use, heap reserved, and memory
   * outside the heap (Buffers, native), sampled every 250 ms: where the
   * RSS is. The backend thread's, and the sync worker's when there is one.
   */
  memoryMbByStage: Record<string, HeapFigures>;
  /** The worker's heap, its external memory (Buffers) and what V8 mallocs itself. */
  workerHeapMbByStage: Record<string, HeapFigures & { malloced: number }>;
  /**
   * How long the backend's thread was kept from its other work during the
   * sync (its event loop's delay, in ms): what requests served meanwhile wait.
   */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Finding changes the seal logged, when it did. */
  findings?: { opened: number; reopened: number; resolved: number };
  /** What changed in the simulator before this sync (later syncs only). */
  mutation?: string;
  /** When asked for (tableFigures). */
  tables?: TableFigures;
}

interface HeapFigures {
  heapUsed: number;
  heapTotal: number;
  external: number;
}

let lastSeal: SyncReport['findings'];

/** The stage running now, for per-stage peak RSS. */
let currentStage = 'fetch';
let onStageChange: (previous: string) => void = () => {};
function enterStage(stage: string) {
  onStageChange(currentStage);
  currentStage = stage;
}

function quietLogger(): LoggerService {
  const logger: LoggerService = {
    debug() {},
    info(message) {
      // Where evaluation and sealing spend their time.
      if (/^(Evaluated|Sealed run) /.test(message))
        process.stderr.write(`info: ${message}\n`);
      const m =
        /^Sealed run .*?: (\d+) opened, (\d+) reopened, (\d+) resolved/.exec(
          message,
        );
      if (m)
        lastSeal = {
          opened: Number(m[1]),
          reopened: Number(m[2]),
          resolved: Number(m[3]),
        };
    },
    warn(message) {
      process.stderr.write(`warn: ${message}\n`);
    },
    error(message) {
      process.stderr.write(`error: ${message}\n`);
    },
    child: () => logger,
  };
  return logger;
}

/** Follows the run's stage through the progress it reports, wherever it runs. */
function stageTracking(executor: RunExecutor): RunExecutor {
  return {
    execute: (input, hooks) =>
      executor.execute(input, {
        ...hooks,
        onProgress: progress => {
          if (progress.stage !== currentStage) enterStage(progress.stage);
          hooks.onProgress(progress);
        },
      }),
  };
}

const mb = (bytes: number) => bytes / 2 ** 20;

async function main() {
  const request = JSON.parse(process.argv[2]) as SyncRequest;
  if (request.tableFigures && request.workerHeapMb !== null)
    throw new Error(
      'tableFigures needs the sync in this thread (workerHeapMb null)',
    );
  let worker: Worker | undefined;
  const knex = knexFactory(request.database);
  await migrateDatabase(knex);
  const logger = quietLogger();
  const events = { publish: async () => {}, subscribe: async () => {} };
  const gateway = new ClientJumpCloudGateway({
    logger,
    requestsPerSecond: request.requestsPerSecond,
    maxConcurrency: request.maxConcurrency,
  });
  const { connections, runs, snapshots, connectionsService, createEngine } =
    createSyncCore({
      knex,
      gateway,
      events,
      logger,
      encryptionSecret: 'bench-secret-bench-secret-bench',
      allowedHosts: [new URL(request.simulatorUrl).host],
      batchSize: request.batchSize,
    });
  const engine = createEngine({
    executor: stageTracking(
      request.workerHeapMb === null
        ? new InProcessRunExecutor({
            runs,
            timing: DEFAULT_SYNC_ENGINE_OPTIONS,
            logger,
            snapshots,
            gateway,
            evaluator: createFindingsUnits({ knex, logger }).evaluation,
          })
        : new WorkerRunExecutor({
            database: request.database,
            batchSize: request.batchSize,
            gateway: {
              requestsPerSecond: request.requestsPerSecond,
              maxConcurrency: request.maxConcurrency,
            },
            checksConfig: null,
            maxHeapMb: request.workerHeapMb,
            timing: DEFAULT_SYNC_ENGINE_OPTIONS,
            logger,
            onWorkerStarted: started => {
              worker = started;
            },
          }),
    ),
  });
  const created = await connectionsService.create(
    {
      name: 'bench',
      apiUrl: request.simulatorUrl,
      apiKey: request.apiKey,
      syncFrequency: 'off',
    },
    'bench',
  );
  const connection = (await connections.get(created.id))!;

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  // The OS's high-water mark (maxRSS) catches peaks a timer would miss while
  // synchronous SQLite work blocks the event loop; it is read at each stage
  // change, so each stage's figure is the peak up to its end.
  const maxRss = () => process.resourceUsage().maxRSS * 1024;

  const measure = async (
    mutation: string | undefined,
    last: boolean,
  ): Promise<SyncReport> => {
    const tablesAfter = request.tableFigures
      ? await tableFiguresFrom(knex)
      : undefined;
    const peakByStage: Record<string, number> = {};
    const secondsByStage: Record<string, number> = {};
    let stageStarted = performance.now();
    const memoryByStage: SyncReport['memoryMbByStage'] = {};
    const workerHeapByStage: SyncReport['workerHeapMbByStage'] = {};
    worker = undefined;
    const sampler = setInterval(() => {
      worker?.getHeapStatistics().then(
        heap => {
          const entry = (workerHeapByStage[currentStage] ??= {
            heapUsed: 0,
            heapTotal: 0,
            external: 0,
            malloced: 0,
          });
          const figures = {
            heapUsed: heap.used_heap_size,
            heapTotal: heap.total_heap_size,
            external: heap.external_memory,
            malloced: heap.peak_malloced_memory,
          };
          for (const [key, bytes] of Object.entries(figures))
            entry[key as keyof typeof figures] = Math.max(
              entry[key as keyof typeof figures],
              Math.round(mb(bytes)),
            );
        },
        () => {}, // the worker ended meanwhile
      );
      const usage = process.memoryUsage();
      const entry = (memoryByStage[currentStage] ??= {
        heapUsed: 0,
        heapTotal: 0,
        external: 0,
      });
      entry.heapUsed = Math.max(entry.heapUsed, Math.round(mb(usage.heapUsed)));
      entry.heapTotal = Math.max(
        entry.heapTotal,
        Math.round(mb(usage.heapTotal)),
      );
      entry.external = Math.max(
        entry.external,
        Math.round(mb(usage.external + usage.arrayBuffers)),
      );
    }, 250);
    currentStage = 'fetch';
    onStageChange = previous => {
      peakByStage[previous] = maxRss();
      const now = performance.now();
      const seconds =
        (secondsByStage[previous] ?? 0) + (now - stageStarted) / 1000;
      secondsByStage[previous] = Math.round(seconds * 10) / 10;
      stageStarted = now;
    };
    lastSeal = undefined;

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const { run } = await engine.requestRun(connection, {
      type: 'api',
      by: 'bench',
    });
    await engine.runTask(connection.id, new AbortController().signal);
    const wallMs = performance.now() - started;
    loopDelay.disable();
    clearInterval(sampler);
    onStageChange(currentStage);
    onStageChange = () => {};
    const peak = maxRss();
    const tables = await tablesAfter?.({ compact: last });

    const finished = (await runs.get(run.id))!;
    // The applied snapshot's rows: a first sync writes them all; a later
    // one only what changed (bench:storage counts its writes).
    const { snapshot_run_id: label } = await knex('jc_connections')
      .where({ id: connection.id })
      .first('snapshot_run_id');
    let rowsWritten = 0;
    for (const table of SNAPSHOT_TABLES) {
      const [row] = await knex(table)
        .where({ run_id: label ?? run.id })
        .count({ n: '*' });
      rowsWritten += Number(row.n);
    }
    return {
      status: finished.status,
      error: finished.error,
      failed: Object.keys(finished.failedDataTypes),
      wallMs,
      requests: finished.requests,
      rowsWritten,
      counts: finished.counts,
      baselineRssMb: mb(baseline),
      peakRssMb: mb(peak),
      peakRssMbByStage: Object.fromEntries(
        Object.entries(peakByStage).map(([stage, rss]) => [
          stage,
          Math.round(mb(rss)),
        ]),
      ),
      memoryMbByStage: memoryByStage,
      workerHeapMbByStage: workerHeapByStage,
      eventLoopDelayMs: {
        p50: Math.round(loopDelay.percentile(50) / 1e6),
        p99: Math.round(loopDelay.percentile(99) / 1e6),
        max: Math.round(loopDelay.max / 1e6),
      },
      secondsByStage,
      findings: lastSeal,
      mutation,
      tables,
    };
  };

  process.send!({
    type: 'report',
    report: await measure(undefined, request.runs === 1),
  });
  for (let i = 2; i <= request.runs; i++) {
    const mutation = await mutateSimulator(
      request.simulatorUrl,
      request.mutatePercent,
    );
    global.gc?.();
    // Linux: "5" resets this process's peak RSS (VmHWM, hence maxRSS) to the
    // current RSS, so the later sync's peak is its own, over the same baseline.
    resetPeakRss();
    process.send!({
      type: `report${i}`,
      report: await measure(mutation, i === request.runs),
    });
  }
  await knex.destroy();
}

function resetPeakRss() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch (error) {
    process.stderr.write(
      `warn: peak RSS not reset (${error}); later syncs' peaks include earlier ones\n`,
    );
  }
}

/** Asks the simulator to change some devices and users (control API). */
async function mutateSimulator(url: string, percent: number): Promise<string> {
  if (percent <= 0) return 'same data';
  const res = await fetch(new URL('/__simulator/mutate', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ percent }),
  });
  if (!res.ok) {
    process.stderr.write(
      `warn: simulator mutate answered ${res.status}; second sync on the same data\n`,
    );
    return 'same data (mutate failed)';
  }
  const { orgs } = (await res.json()) as {
    orgs: Array<Record<string, number | string>>;
  };
  const total: Record<string, number> = {};
  for (const org of orgs)
    for (const [key, value] of Object.entries(org))
      if (typeof value === 'number' && key !== 'percent')
        total[key] = (total[key] ?? 0) + value;
  return `simulator mutated ${percent}% of devices and users: ${JSON.stringify(
    total,
  )}`;
}

main().catch(error => {
  process.stderr.write(`sync failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
