// Benchmark of syncs spread over backend replicas (yarn bench:replicas):
// simulators in their own processes (an S organisation served by two, and a
// larger one), and 40 connections to them on one scratch PostgreSQL
// database, synced by replica processes (replicaProcess.ts: the plugin's
// SyncScheduler on Backstage's scheduler service). Three rounds, each on a fresh database, every
// connection due at once when the replicas start:
//
//   one   a single replica syncs every connection once (the baseline);
//   two   two replicas do the same: each runs at least 35% of the runs, no
//         connection runs twice at once, and the round takes ≤ 0.65x one's;
//   kill  two replicas, one killed (SIGKILL) mid-round: its running runs
//         are closed as failed with a reason, and the other replica syncs
//         those connections within one sync interval of the kill.
//
//   yarn bench:replicas [--connections 40] [--m 4] [--larger S-M|M]
//                       [--slots 4] [--rate 10]
//                       [--latency 50] [--poll-ms 1000] [--stale-after 10]
//
// --m of the connections read the larger organisation, the others the S
// one. The larger is between S and M (300 devices, 300 users) by default:
// an M organisation's sync (290k System Insights rows) takes minutes here,
// so --larger M uses the M preset when there is time.
// Each replica runs at most --slots syncs at once (the plugin's
// maxConcurrentRuns); each connection's client reads at --rate requests per
// second, so a sync waits on JumpCloud as a real one does rather than on
// this machine's cores. The sync interval is PT5M, the shortest a connection
// may have; --stale-after is the seconds without a heartbeat after which a
// run counts as dead (the plugin's minimum, PT10S, by default).
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import {
  forkSimulator,
  nextMessage,
} from '@backstage-jumpcloud/test-utils/simulator';
import { migrateDatabase } from '../../src/database/migrateDatabase';
import { createSyncCore } from '../../src/createSyncCore';
import { parseFrequencyString } from '../../src/connections/syncFrequency';
import { ClientJumpCloudGateway } from '../../src/jumpcloud/ClientJumpCloudGateway';
import type { ReplicaRequest } from './replicaProcess';
import {
  cpuSecondsOf,
  meanRun,
  reportShares,
  result,
  overlappingRuns,
  roundSeconds,
  type RunRow,
  takeover,
} from './roundFigures';

const { values } = parseArgs({
  options: {
    connections: { type: 'string' },
    m: { type: 'string' },
    larger: { type: 'string' },
    slots: { type: 'string' },
    rate: { type: 'string' },
    latency: { type: 'string' },
    'poll-ms': { type: 'string' },
    'stale-after': { type: 'string' },
  },
});
const connectionCount = Number(values.connections ?? 40);
const mCount = Number(values.m ?? 4);
const LARGER_SIZES = {
  'S-M': { devices: 300, users: 300, groups: 30, policies: 20, events: 1000 },
  M: 'M',
} as const;
const largerName = (values.larger ?? 'S-M').toUpperCase();
if (!(largerName in LARGER_SIZES))
  throw new Error(`--larger must be S-M or M, not ${values.larger}`);
const largerSize = LARGER_SIZES[largerName as keyof typeof LARGER_SIZES];
const slots = Number(values.slots ?? 4);
const rate = Number(values.rate ?? 10);
const latencyMs = Number(values.latency ?? 50);
const pollMs = Number(values['poll-ms'] ?? 1000);
const staleAfterMs = Number(values['stale-after'] ?? 10) * 1000;
const S_SHARDS = 2;
const INTERVAL = 'PT5M';
const INTERVAL_SECONDS = 300;
const SHARE_TARGET = 0.35;
const RATIO_TARGET = 0.65;
const ROUND_TIMEOUT_MS = 15 * 60_000;
const SECRET = 'bench-replicas-secret-0123456789';
const postgresUrl =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

/** The larger organisation's simulator last, the S shards before it. */
type Simulators = Array<{
  url: string;
  apiKey: string;
  child: { pid?: number };
}>;

/**
 * Every (connections ÷ --m)th connection from the first reads the larger
 * organisation, so large and small ones are due in a mixed order as in a
 * deployment (all large ones last would make the round's tail one large
 * sync long whatever the replicas). The small ones are spread over the S
 * simulator shards.
 */
function simulatorOf(i: number, simulators: Simulators) {
  const step = Math.floor(connectionCount / Math.max(1, mCount));
  const larger = mCount > 0 && i % step === 0 && i < step * mCount;
  const shards = simulators.length - 1;
  return larger ? simulators[shards] : simulators[i % shards];
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A scratch database with the plugin's tables and the bench's connections. */
async function prepareDatabase(name: string, simulators: Simulators) {
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  await admin.raw(`create database ${name}`);
  await admin.destroy();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const config: Knex.Config = { client: 'pg', connection: url.toString() };
  const knex = knexFactory(config);
  await migrateDatabase(knex);
  const logger = {
    debug() {},
    info() {},
    warn() {},
    error() {},
    child: () => logger,
  };
  const { connectionsService } = createSyncCore({
    knex,
    gateway: new ClientJumpCloudGateway({ logger }),
    events: { publish: async () => {}, subscribe: async () => {} },
    logger,
    encryptionSecret: SECRET,
    allowedHosts: simulators.map(s => new URL(s.url).host),
    batchSize: 500,
  });
  for (let i = 0; i < connectionCount; i++) {
    const simulator = simulatorOf(i, simulators);
    await connectionsService.create(
      {
        name: `bench-${String(i + 1).padStart(2, '0')}`,
        apiUrl: simulator.url,
        apiKey: simulator.apiKey,
        syncFrequency: parseFrequencyString(INTERVAL),
      },
      'bench',
    );
  }
  return { knex, config };
}

async function dropDatabase(name: string) {
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}

async function startReplica(
  name: string,
  database: Knex.Config,
  simulators: Simulators,
): Promise<ChildProcess> {
  const request: ReplicaRequest = {
    name,
    database,
    requestsPerSecond: rate,
    maxConcurrency: 4,
    allowedHosts: simulators.map(s => new URL(s.url).host),
    encryptionSecret: SECRET,
    maxConcurrentRuns: slots,
    pollMs,
    staleAfterMs,
    heartbeatMs: Math.round(staleAfterMs / 8),
  };
  const child = fork(
    path.join(__dirname, 'replicaProcess.ts'),
    [JSON.stringify(request)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: process.execArgv,
    },
  );
  await nextMessage(child, 'ready');
  return child;
}

const readRuns = (knex: Knex): Promise<RunRow[]> =>
  knex('jc_sync_runs').select(
    'id',
    'connection_id',
    'status',
    'claimed_by',
    'started_at',
    'finished_at',
    'error_json',
    'requests',
  );

const synced = (run: RunRow) =>
  run.status === 'succeeded' || run.status === 'partial';

/**
 * One round on a fresh database; `kill` kills the first replica once a
 * third of the connections are synced. Resolves with the runs as stored.
 */
async function round(
  label: string,
  replicaCount: number,
  simulators: Simulators,
  kill: boolean,
) {
  const dbName = `jumpcloud_bench_replicas_${label}_${Date.now()}`;
  const { knex, config } = await prepareDatabase(dbName, simulators);
  const names = Array.from(
    { length: replicaCount },
    (_, i) => `replica-${'ab'[i]}`,
  );
  const replicas: ChildProcess[] = [];
  let killed: { at: number; runs: RunRow[] } | undefined;
  const cpuSeconds: number[] = [];
  let simulatorCpuSeconds = 0;
  try {
    for (const name of names)
      replicas.push(await startReplica(name, config, simulators));
    for (const child of replicas) child.send({ type: 'start' });
    const simulatorCpu = () =>
      simulators.reduce((sum, sim) => sum + cpuSecondsOf(sim.child.pid), 0);
    const simulatorCpuBefore = simulatorCpu();
    const deadline = Date.now() + ROUND_TIMEOUT_MS;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`round ${label} timed out`);
      await sleep(250);
      const runs = await readRuns(knex);
      const done = new Set(runs.filter(synced).map(r => r.connection_id));
      const victimRunning = runs.filter(
        r => r.status === 'running' && r.claimed_by === names[0],
      );
      if (
        kill &&
        !killed &&
        done.size >= connectionCount / 3 &&
        victimRunning.length
      ) {
        replicas[0].kill('SIGKILL');
        killed = { at: Date.now(), runs: victimRunning };
      }
      const killedClosed =
        !killed ||
        killed.runs.every(
          k => runs.find(r => r.id === k.id)?.status !== 'running',
        );
      if (done.size === connectionCount && killedClosed) break;
    }
    simulatorCpuSeconds = simulatorCpu() - simulatorCpuBefore;
    return {
      runs: await readRuns(knex),
      names,
      killed,
      cpuSeconds,
      simulatorCpuSeconds,
    };
  } finally {
    for (const child of replicas) {
      if (child.exitCode === null && child.signalCode === null) {
        const cpu = nextMessage<{ seconds: number }>(child, 'cpu');
        child.send({ type: 'stop' });
        cpuSeconds.push((await cpu.catch(() => ({ seconds: NaN }))).seconds);
        await new Promise(resolve => child.once('exit', resolve));
      }
    }
    await knex.destroy();
    await dropDatabase(dbName);
  }
}

function printRound(
  label: string,
  {
    runs,
    cpuSeconds,
    simulatorCpuSeconds,
  }: { runs: RunRow[]; cpuSeconds: number[]; simulatorCpuSeconds: number },
) {
  const { wallSeconds, floorSeconds } = meanRun(runs, rate);
  const seconds = roundSeconds(runs);
  process.stdout.write(
    `${label}: round ${seconds.toFixed(
      1,
    )} s; a sync takes ${wallSeconds.toFixed(
      1,
    )} s on average against a floor of ${floorSeconds.toFixed(
      1,
    )} s (its requests at ${rate}/s); replica CPU ${cpuSeconds
      .map(c => `${c.toFixed(0)} s`)
      .join(' + ')} over the round (${(
      cpuSeconds.reduce((a, b) => a + b, 0) / seconds
    ).toFixed(2)} cores), simulators' CPU ${simulatorCpuSeconds.toFixed(
      0,
    )} s, 1-min load average ${os.loadavg()[0].toFixed(1)} on ${
      os.cpus().length
    } cores\n`,
  );
}

async function main() {
  process.stdout.write(
    `replicas benchmark: ${connectionCount} connections (${
      connectionCount - mCount
    } to an S organisation, ${mCount} to an ${largerName} one: ${JSON.stringify(
      largerSize,
    )}), ${slots} sync slots per replica, client ${rate} requests/s per connection, simulator latency ${latencyMs} ms, poll ${pollMs} ms, stale after ${
      staleAfterMs / 1000
    } s, interval ${INTERVAL}, PostgreSQL (the sizes are this bench's own: JUMPCLOUD_BENCH_SIZE does not apply)\n`,
  );
  const forked = [];
  // JumpCloud is not what is measured: enough simulator processes that
  // none of them is what the syncs wait for.
  for (let shard = 0; shard < S_SHARDS; shard++)
    forked.push(await forkSimulator({ seed: 1, size: 'S', latencyMs }));
  forked.push(await forkSimulator({ seed: 2, size: largerSize, latencyMs }));
  try {
    const one = await round('one', 1, forked, false);
    const oneSeconds = roundSeconds(one.runs);
    printRound('one replica', one);
    const two = await round('two', 2, forked, false);
    const twoSeconds = roundSeconds(two.runs);
    printRound('two replicas', two);
    reportShares(two.runs, two.names, SHARE_TARGET);
    const ratio = twoSeconds / oneSeconds;
    result(
      'round time, two replicas ÷ one',
      `≤ ${RATIO_TARGET}`,
      `${ratio.toFixed(2)} (${twoSeconds.toFixed(1)} s vs ${oneSeconds.toFixed(
        1,
      )} s)`,
      ratio <= RATIO_TARGET,
    );
    const killRound = await round('kill', 2, forked, true);
    const overlaps = [one, two, killRound].reduce(
      (n, r) => n + overlappingRuns(r.runs),
      0,
    );
    result(
      'overlapping runs of one connection',
      '0',
      String(overlaps),
      overlaps === 0,
    );
    reportKill(killRound);
  } finally {
    for (const simulator of forked) simulator.close();
  }
}

function reportKill(killRound: Awaited<ReturnType<typeof round>>) {
  if (!killRound.killed) {
    result(
      'killed replica',
      'killed mid-round',
      'never had a running run',
      false,
    );
    return;
  }
  const figures = takeover(
    killRound.runs,
    killRound.killed,
    killRound.names[1],
  );
  for (const line of figures.lines) process.stdout.write(`  ${line}\n`);
  result(
    "killed replica's running runs closed as failed with a reason",
    'all',
    `${figures.closedWithReason} of ${
      killRound.killed.runs.length
    } (closed ${figures.closedAfterSeconds.toFixed(1)} s after the kill)`,
    figures.closedWithReason === killRound.killed.runs.length,
  );
  result(
    "killed replica's connections synced by the other",
    `≤ ${INTERVAL_SECONDS} s (one interval)`,
    `${figures.takenOverSeconds.toFixed(1)} s after the kill`,
    figures.takenOverSeconds <= INTERVAL_SECONDS,
  );
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`bench:replicas failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
