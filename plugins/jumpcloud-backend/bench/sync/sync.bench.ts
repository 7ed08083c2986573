// Benchmark of a full JumpCloud sync (yarn bench:sync): the simulator serves
// an organisation of the given size in its own process; the backend's sync
// path runs in another process, once into SQLite (a file) and once into
// PostgreSQL (a fresh database), and the figures are printed per database.
//
//   yarn bench:sync [--size S|M|L|XL] [--latency 20] [--rate 150]
//                   [--concurrency 8] [--batch 500] [--seed 1]
//                   [--db sqlite|postgres] [--heap-prof]
//                   [--node-flags=--max-old-space-size=384]
//                   [--runs 2] [--mutate 1] [--worker-heap MB | --in-thread]
//
// Each sync runs as the plugin runs it by default: in a worker thread with
// a heap limit sized from the org as jumpcloud.sync.worker's default (192 MB
// per 40,000 devices and users its earlier runs saw, 256 MB for the first
// sync), or --worker-heap MB.
// --in-thread runs it in the backend's own thread instead, as the plugin
// does on in-memory SQLite or with custom checks; those results are named
// so.
//
// --node-flags runs the sync process with those Node/V8 flags (as an
// operator would set them in NODE_OPTIONS); its results are named with them,
// apart from the default-flag figures the target applies to.
//
// --db runs one database only (to iterate faster); --heap-prof passes
// --heap-prof to the sync process (a .heapprofile per database in the
// working directory, for Chrome DevTools' memory tab).
//
// --runs 2 (the default) syncs the same connection a second time in the same
// process after the simulator changed --mutate % (default 1) of its devices
// and users: the steady state of a deployment, where seal compares the run's
// results against the findings already stored. The second sync's peak RSS is
// its own (the peak is reset in between) over the same baseline. --runs 1
// keeps to the first sync into an empty database.
//
// Bulk rows are stored as they are fetched, so rows written per second is
// over the fetch and store stages together.
//
// The floor is requests ÷ rate limit (the simulator enforces the rate and the
// client is set to it); the ratio is wall ÷ floor (issue 18's target ≤ 1.3,
// with the seal stage at most 30 s). Peak RSS is the sync process's over its
// baseline after start-up (target ≤ 300 MB).
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { forkSimulator } from '@backstage-jumpcloud/test-utils/simulator';
import {
  DATABASE_NAMES,
  databasesToRun,
  withFreshDatabase,
} from './freshDatabase';
import { syncReports } from './syncReports';
import type { SyncReport } from './syncProcess';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    latency: { type: 'string' },
    rate: { type: 'string' },
    concurrency: { type: 'string' },
    batch: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
    'heap-prof': { type: 'boolean' },
    runs: { type: 'string' },
    mutate: { type: 'string' },
    'node-flags': { type: 'string' },
    'worker-heap': { type: 'string' },
    'in-thread': { type: 'boolean' },
  },
});
const size = (
  values.size ??
  process.env.JUMPCLOUD_BENCH_SIZE ??
  'L'
).toUpperCase();
const latencyMs = Number(values.latency ?? 20);
const rate = Number(values.rate ?? 150);
const concurrency = Number(values.concurrency ?? 8);
const batchSize = Number(values.batch ?? 500);
const seed = Number(values.seed ?? 1);
const RSS_TARGET_MB = 300;
const RATIO_TARGET = 1.3;
const SEAL_TARGET_SECONDS = 30;
const databases = databasesToRun(values.db);
const runs = Number(values.runs ?? 2);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, not ${values.runs}`);
const mutatePercent = Number(values.mutate ?? 1);
const heapProf = values['heap-prof'] ? ['--heap-prof'] : [];
/** Node/V8 flags for the sync process only, as an operator would set them. */
const nodeFlags = (values['node-flags'] ?? '').split(/\s+/).filter(Boolean);
/** null: the backend's thread; undefined: the plugin's default sizing. */
function readPlacement(): number | null | undefined {
  if (values['in-thread']) return null;
  return values['worker-heap'] === undefined
    ? undefined
    : Number(values['worker-heap']);
}
const workerHeapMb = readPlacement();
if (typeof workerHeapMb === 'number' && !(workerHeapMb >= 4))
  throw new Error(
    `--worker-heap must be a number of MB, not ${values['worker-heap']}`,
  );
/** How the run was placed, named in the results when not the default. */
const placement = [
  ...(workerHeapMb === null ? ["in the backend's thread"] : []),
  ...(typeof workerHeapMb === 'number'
    ? [`worker heap ${workerHeapMb} MB`]
    : []),
  ...(nodeFlags.length ? [`node ${nodeFlags.join(' ')}`] : []),
];

async function syncInto(
  name: string,
  database: Knex.Config,
  simulatorUrl: string,
  apiKey: string,
) {
  const reports: SyncReport[] = [];
  for await (const report of syncReports(
    {
      database,
      simulatorUrl,
      apiKey,
      requestsPerSecond: rate,
      maxConcurrency: concurrency,
      batchSize,
      runs,
      mutatePercent,
      workerHeapMb,
    },
    [...nodeFlags, ...heapProf],
  )) {
    printReport(
      reports.length === 0
        ? name
        : `${name}, sync ${reports.length + 1} of the same connection`,
      report,
    );
    reports.push(report);
  }
  return reports;
}

function printReport(name: string, report: SyncReport) {
  const floorMs = (report.requests / rate) * 1000;
  const overBaseline = report.peakRssMb - report.baselineRssMb;
  const fetchAndStoreSeconds =
    (report.secondsByStage.fetch ?? 0) + (report.secondsByStage.store ?? 0);
  const lines = [
    `${name}: ${report.status}${
      report.failed.length ? ` (failed: ${report.failed.join(', ')})` : ''
    }${report.error ? ` ${JSON.stringify(report.error)}` : ''}`,
    ...(report.mutation
      ? [`  before it                 ${report.mutation}`]
      : []),
    `  wall time                 ${(report.wallMs / 1000).toFixed(1)} s`,
    `  requests                  ${report.requests}`,
    `  floor (requests ÷ rate)   ${(floorMs / 1000).toFixed(1)} s`,
    `  ratio (wall ÷ floor)      ${(report.wallMs / floorMs).toFixed(3)}`,
    `  snapshot rows             ${
      report.rowsWritten
    } (fetch and store stages ${fetchAndStoreSeconds.toFixed(1)} s)`,
    `  snapshot rows per second  ${Math.round(
      report.rowsWritten / (fetchAndStoreSeconds || 1),
    )} (a later sync writes only what changed: yarn bench:storage)`,
    `  peak RSS over baseline    ${overBaseline.toFixed(
      0,
    )} MB (baseline ${report.baselineRssMb.toFixed(
      0,
    )} MB, peak ${report.peakRssMb.toFixed(
      0,
    )} MB; target ≤ ${RSS_TARGET_MB} MB: ${
      overBaseline <= RSS_TARGET_MB ? 'met' : 'NOT met'
    })`,
    `  seconds by stage          ${JSON.stringify(report.secondsByStage)}`,
    `  peak RSS by stage (MB)    ${JSON.stringify(report.peakRssMbByStage)}`,
    `  memory by stage (MB)      ${JSON.stringify(
      report.memoryMbByStage,
    )} (backend thread: largest V8 heap used / reserved and memory outside the heap, sampled every 250 ms)`,
    ...(workerHeapMb === null
      ? []
      : [
          `  sync worker heap (MB)     ${JSON.stringify(
            report.workerHeapMbByStage,
          )} (largest V8 heap used / reserved, external memory and V8's own malloc peak; old generation limit ${
            workerHeapMb ?? 'sized from the org'
          }${workerHeapMb ? ' MB' : ''})`,
        ]),
    `  backend thread held up    event-loop delay p50 ${report.eventLoopDelayMs.p50} ms, p99 ${report.eventLoopDelayMs.p99} ms, max ${report.eventLoopDelayMs.max} ms (what a request served during the sync waits)`,
    `  counts                    ${JSON.stringify(report.counts)}`,
    ...(report.findings
      ? [`  findings                  ${JSON.stringify(report.findings)}`]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // Machine-readable lines for scripts/bench-all.mjs's summary table.
  const named = `${name}${
    placement.length ? ` (${placement.join(', ')})` : ''
  }`;
  const succeeded = report.status === 'succeeded';
  const ratio = report.wallMs / floorMs;
  const stages = report.secondsByStage;
  const seal = stages.seal ?? 0;
  const results = [
    {
      name: `sync: wall ÷ rate-limit floor, ${named}`,
      target: `≤ ${RATIO_TARGET}`,
      measured: `${ratio.toFixed(2)} (${report.status}; wall ${(
        report.wallMs / 1000
      ).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s; fetch ${
        stages.fetch ?? 0
      } s, evaluate ${stages.evaluate ?? 0} s)`,
      met: succeeded && ratio <= RATIO_TARGET,
    },
    {
      name: `sync: seal, ${named}`,
      target: `≤ ${SEAL_TARGET_SECONDS} s`,
      measured: `${seal.toFixed(1)} s (${report.status})`,
      met: succeeded && seal <= SEAL_TARGET_SECONDS,
    },
    {
      name: `sync: peak RSS over baseline, ${named}`,
      target: `≤ ${RSS_TARGET_MB} MB`,
      measured: `${overBaseline.toFixed(0)} MB (${report.status})`,
      met: succeeded && overBaseline <= RSS_TARGET_MB,
    },
  ];
  for (const result of results)
    process.stdout.write(`RESULT ${JSON.stringify({ ...result, size })}\n`);
}

async function main() {
  process.stdout.write(
    `sync benchmark: size ${size}, seed ${seed}, simulator latency ${latencyMs} ms, rate limit ${rate}/s, client concurrency ${concurrency}, batch ${batchSize}, runs ${runs}${
      runs > 1 ? ` (${mutatePercent}% mutated between)` : ''
    }, ${
      workerHeapMb === null
        ? "in the backend's thread"
        : `in a worker thread (heap limit ${
            workerHeapMb ? `${workerHeapMb} MB` : 'sized from the org'
          })`
    }${
      nodeFlags.length ? `, sync process node flags ${nodeFlags.join(' ')}` : ''
    }\n`,
  );
  const simulator = await forkSimulator({
    seed,
    size,
    latencyMs,
    rateLimit: { perSecond: rate, retryAfter: true },
  });
  let failures = 0;
  try {
    for (const kind of databases) {
      const reports = await withFreshDatabase(kind, database =>
        syncInto(
          DATABASE_NAMES[kind],
          database,
          simulator.url,
          simulator.apiKey,
        ),
      );
      if (reports?.some(r => r.status !== 'succeeded')) failures += 1;
    }
  } finally {
    simulator.close();
  }
  return failures;
}

main().then(
  failures => process.exit(failures ? 1 : 0),
  error => {
    process.stderr.write(`bench:sync failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
