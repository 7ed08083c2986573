import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJumpCloudConfig } from '../../config/readJumpCloudConfig';
import { InProcessRunExecutor } from '../RunPipeline';
import { chooseRunExecutor } from './chooseRunExecutor';
import { WorkerRunExecutor } from './WorkerRunExecutor';

describe('chooseRunExecutor', () => {
  let dir: string;
  let file: Knex;
  let memory: Knex;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jc-choose-'));
    file = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
    memory = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  });
  afterAll(async () => {
    await Promise.all([file.destroy(), memory.destroy()]);
    rmSync(dir, { recursive: true, force: true });
  });

  function choose(
    knex: Knex,
    overrides: { worker?: object; custom?: boolean; standardClient?: boolean },
  ) {
    const logger = mockServices.logger.mock();
    const jumpcloudConfig = readJumpCloudConfig(
      new ConfigReader({
        jumpcloud: {
          encryptionSecret: 's'.repeat(32),
          sync: { worker: overrides.worker },
        },
      }),
    );
    const executor = chooseRunExecutor({
      knex,
      jumpcloudConfig,
      clientOptions: overrides.standardClient === false ? undefined : {},
      hasCustomChecks: overrides.custom ?? false,
      inProcess: { snapshots: {} as any, gateway: {} as any, runs: {} as any },
      timing: { heartbeatMs: 15_000, progressIntervalMs: 1_000 },
      logger,
    });
    return { executor, said: logger.info.mock.calls.map(c => c[0]) };
  }

  it('runs syncs in a worker on a database a worker can open', () => {
    const { executor, said } = choose(file, {});
    expect(executor).toBeInstanceOf(WorkerRunExecutor);
    expect(said).toEqual([
      "JumpCloud syncs run in worker threads with a heap limit of 192 MB per 40,000 devices and users (at least 128 MB; 256 MB for a connection's first sync)",
    ]);
  });

  it.each([
    ['in-memory SQLite', () => memory, {}, 'the SQLite database is in memory'],
    [
      'custom checks',
      () => file,
      { custom: true },
      'custom checks are registered, and they cannot be sent to another thread',
    ],
    [
      'a gateway of its own',
      () => file,
      { standardClient: false },
      'the JumpCloud gateway is not the standard client',
    ],
    [
      'workers switched off',
      () => file,
      { worker: { enabled: false } },
      'jumpcloud.sync.worker.enabled is false',
    ],
  ])(
    'stays in the backend thread with %s, saying why',
    (_, knex, overrides, reason) => {
      const { executor, said } = choose(knex(), overrides);
      expect(executor).toBeInstanceOf(InProcessRunExecutor);
      expect(said).toEqual([
        `JumpCloud syncs run in the backend's thread: ${reason}`,
      ]);
    },
  );
});
