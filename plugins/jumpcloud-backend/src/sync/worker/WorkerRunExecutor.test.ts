import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { createSyncCore } from '../../createSyncCore';
import { HistoryStore } from '../../runs/HistoryStore';
import { RunsStore } from '../../runs/RunsStore';
import { migrateDatabase } from '../../database/migrateDatabase';
import { SnapshotWriter } from '../../snapshot/SnapshotWriter';
import { createFindingsUnits } from '../../evaluation/createFindingsUnits';
import { ClientJumpCloudGateway } from '../../jumpcloud/ClientJumpCloudGateway';
import { InProcessRunExecutor, type RunExecutor } from '../RunPipeline';
import { SyncEngine } from '../SyncEngine';
import { workerDatabaseConfig } from './workerDatabaseConfig';
import {
  WorkerRunExecutor,
  type WorkerRunExecutorOptions,
} from './WorkerRunExecutor';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const postgres = ids.filter(id => id.startsWith('POSTGRES'));
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let sqliteDir: string;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 3, size: 'S' });
  sqliteDir = mkdtempSync(join(tmpdir(), 'jc-worker-'));
});
afterAll(async () => {
  await simulator.close();
  rmSync(sqliteDir, { recursive: true, force: true });
});

/** A file database: a worker opens its own connections to it. */
async function fileSqlite(name: string): Promise<Knex> {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(sqliteDir, `${name}.sqlite`) },
    useNullAsDefault: true,
  });
}

const databaseKinds: Array<[string, (name: string) => Promise<Knex>]> = [
  ['SQLite file', fileSqlite],
  ...postgres.map(
    id => [id, () => databases.init(id)] as [string, () => Promise<Knex>],
  ),
];

/** The engine, stores and a connection to the simulator, with a given executor. */
async function setUp(
  knex: Knex,
  executor: (
    logger: ReturnType<typeof mockServices.logger.mock>,
  ) => RunExecutor,
) {
  await migrateDatabase(knex);
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const events = mockServices.events.mock();
  const gateway = new ClientJumpCloudGateway({ logger });
  const { connections, runs, connectionsService, createEngine } =
    createSyncCore({
      knex,
      gateway,
      events,
      logger,
      encryptionSecret: 'worker-test-secret-worker-test',
      allowedHosts: [new URL(simulator.url).host],
      batchSize: 200,
    });
  const engine = createEngine({ executor: executor(logger) });
  const created = await connectionsService.create(
    {
      name: `worker-${Math.random().toString(36).slice(2, 8)}`,
      apiUrl: simulator.url,
      apiKey: simulator.keys.readOnly,
      syncFrequency: 'off',
    },
    'user:default/ada',
  );
  const connection = (await connections.get(created.id))!;
  const sync = async (signal = new AbortController().signal) => {
    const { run } = await engine.requestRun(connection, {
      type: 'manual',
      by: 'user:default/ada',
    });
    await engine.runTask(connection.id, signal);
    return (await runs.get(run.id))!;
  };
  const findings = async () =>
    (await knex('jc_findings')
      .where({ connection_id: connection.id })
      .select('check_id', 'entity_id', 'status')
      .orderBy(['check_id', 'entity_id'])) as unknown[];
  return { sync, findings, logger, connection, connections, engine };
}

function workerExecutor(
  knex: Knex,
  limits: Pick<
    WorkerRunExecutorOptions,
    'maxHeapMb' | 'sizeHeap' | 'discardRun'
  > = {},
) {
  return (logger: ReturnType<typeof mockServices.logger.mock>) => {
    const database = workerDatabaseConfig(knex);
    if (!('config' in database)) throw new Error(database.reason);
    return new WorkerRunExecutor({
      database: database.config,
      batchSize: 200,
      gateway: {},
      checksConfig: null,
      timing: { heartbeatMs: 1_000, progressIntervalMs: 100 },
      logger,
      ...limits,
    });
  };
}

describe.each(databaseKinds)(
  'Syncs in a worker thread, on %s',
  (name, open) => {
    it('store and seal what a sync in the backend thread does', async () => {
      const knex = await open(`same-${name}`);
      try {
        const inWorker = await setUp(knex, workerExecutor(knex));
        const inThread = await setUp(
          knex,
          logger =>
            new InProcessRunExecutor({
              runs: new RunsStore(knex),
              timing: { heartbeatMs: 1_000, progressIntervalMs: 100 },
              logger,
              snapshots: new SnapshotWriter(knex, 200),
              gateway: new ClientJumpCloudGateway({ logger }),
              evaluator: createFindingsUnits({ knex, logger }).evaluation,
            }),
        );
        // The worker records the run's progress itself, while it runs.
        const seen: Array<Record<string, number>> = [];
        const watch = setInterval(async () => {
          const running = await knex('jc_sync_runs')
            .where({ connection_id: inWorker.connection.id, status: 'running' })
            .first();
          if (running?.counts_json) seen.push(JSON.parse(running.counts_json));
        }, 20);
        const workerRun = await inWorker.sync();
        clearInterval(watch);
        expect(seen.some(counts => (counts.systems ?? 0) > 0)).toBe(true);
        const threadRun = await inThread.sync();
        expect(workerRun.status).toBe('succeeded');
        expect(threadRun.status).toBe('succeeded');
        expect(workerRun.counts).toEqual(threadRun.counts);
        expect(workerRun.counts.systems).toBeGreaterThan(0);
        const sealed = await inWorker.findings();
        expect(sealed.length).toBeGreaterThan(0);
        expect(sealed).toEqual(await inThread.findings());
        // The run moved the connection's pointer, as downstream readers follow.
        const connection = await inWorker.connections.get(
          inWorker.connection.id,
        );
        expect(connection!.latestCompleteRunId).toBe(workerRun.id);
        // The worker's log lines reach the engine's logger.
        expect(inWorker.logger.info).toHaveBeenCalledWith(
          expect.stringMatching(/^Sealed run /),
          expect.anything(),
        );
      } finally {
        await knex.destroy();
      }
    });

    it('seal while the backend thread writes to the same database', async () => {
      const knex = await open(`writes-${name}`);
      try {
        const { sync, connection } = await setUp(knex, workerExecutor(knex));
        const history = new HistoryStore(knex);
        let writes = 0;
        let writing = true;
        const writer = (async () => {
          // What the backend does meanwhile: history rows, one after another.
          while (writing) {
            await history.insert({
              id: `concurrent-${writes}`,
              connectionId: connection.id,
              connectionName: connection.name,
              action: 'test',
              actor: 'user:default/ada',
              trigger: 'manual',
              status: 'succeeded',
              startedAt: new Date().toISOString(),
              finishedAt: null,
              durationMs: null,
              counts: null,
              error: null,
              stage: null,
              runId: null,
            });
            writes++;
            await new Promise(resolve => setTimeout(resolve, 5));
          }
        })();
        const run = await sync();
        writing = false;
        await writer;
        expect(run.error).toBeNull();
        expect(run.status).toBe('succeeded');
        expect(writes).toBeGreaterThan(20);
      } finally {
        await knex.destroy();
      }
    });

    it('fail a run that outgrows its heap limit and keep the last complete snapshot', async () => {
      const knex = await open(`heap-${name}`);
      try {
        const roomy = await setUp(knex, workerExecutor(knex));
        const first = await roomy.sync();
        expect(first.status).toBe('succeeded');
        const before = await roomy.findings();

        // Same connection, now with a limit too small for the worker to start.
        const cramped = new SyncEngine({
          ...(roomy.engine as any).deps,
          executor: workerExecutor(knex, { maxHeapMb: 4 })(roomy.logger),
        });
        const { run } = await cramped.requestRun(
          (await roomy.connections.get(roomy.connection.id))!,
          { type: 'manual', by: 'user:default/ada' },
        );
        await cramped.runTask(
          roomy.connection.id,
          new AbortController().signal,
        );
        const failed = (await new RunsStore(knex).get(run.id))!;
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toMatch(
          /more than its memory limit of 4 MB; jumpcloud\.sync\.worker\.maxHeapMb sets it/,
        );
        const connection = await roomy.connections.get(roomy.connection.id);
        expect(connection!.latestCompleteRunId).toBe(first.id);
        expect(await roomy.findings()).toEqual(before);
      } finally {
        await knex.destroy();
      }
    });

    it('start a run again with twice a sized heap limit it outgrew, then fail saying so', async () => {
      const knex = await open(`retry-${name}`);
      try {
        const discarded: string[] = [];
        const { sync, logger } = await setUp(
          knex,
          workerExecutor(knex, {
            // Too small to even start: both attempts run out of heap.
            sizeHeap: () => 4,
            discardRun: async runId => {
              discarded.push(runId);
            },
          }),
        );
        const run = await sync();
        expect(run.status).toBe('failed');
        expect(discarded).toEqual([run.id]);
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /outgrew its 4 MB heap limit .*again with 8 MB/,
          ),
        );
        expect(run.error?.message).toMatch(/memory limit of 8 MB/);
      } finally {
        await knex.destroy();
      }
    });

    it('stop a cancelled run in the worker, recording it as failed', async () => {
      const knex = await open(`abort-${name}`);
      try {
        const { sync } = await setUp(knex, workerExecutor(knex));
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const run = await sync(controller.signal);
        expect(run.status).toBe('failed');
        expect(run.error?.message).toMatch(/cancel|abort/i);
      } finally {
        await knex.destroy();
      }
    });
  },
);

describe('workerDatabaseConfig', () => {
  it('copies a file or server database config, and says why not otherwise', async () => {
    const file = await fileSqlite('config');
    const memory = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const dynamic = knexFactory({
      client: 'pg',
      connection: async () => ({ host: '127.0.0.1', database: 'x' }),
    });
    try {
      expect(workerDatabaseConfig(file)).toEqual({
        config: expect.objectContaining({
          connection: { filename: join(sqliteDir, 'config.sqlite') },
        }),
      });
      expect(workerDatabaseConfig(memory)).toEqual({
        reason: 'the SQLite database is in memory',
      });
      expect(workerDatabaseConfig(dynamic)).toEqual({
        reason:
          'the database connection settings cannot be shared with a worker thread',
      });
    } finally {
      await Promise.all([file.destroy(), memory.destroy(), dynamic.destroy()]);
    }
  });
});
