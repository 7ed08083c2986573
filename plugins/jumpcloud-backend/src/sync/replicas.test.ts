import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { Duration } from 'luxon';
import { FixtureGateway } from '../__testUtils__/syncEngineHarness';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import { createSyncCore } from '../createSyncCore';
import { migrateDatabase } from '../database/migrateDatabase';
import { findingsKit } from '../evaluation/__testUtils__/findingsKit';
import { SyncScheduler } from './SyncScheduler';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const postgres: TestDatabaseId[] = ids.filter(id => id.startsWith('POSTGRES'));

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * One replica's sync side on its own connection pool: the real stores,
 * engine and SyncScheduler; the claim loop is driven by calling fill() (the
 * scheduler's local task only calls it periodically).
 */
function replica(knex: Knex, name: string, maxConcurrentRuns: number) {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const gateway = new FixtureGateway();
  // Slow enough that both replicas' runs overlap in time.
  gateway.next = async () => {
    await sleep(150);
    return {
      snapshot: syntheticSnapshot(3, 2),
      failures: {},
      counts: { systems: 3, users: 2 },
      requests: 4,
    };
  };
  const core = createSyncCore({
    knex,
    gateway,
    events: mockServices.events.mock(),
    logger,
    encryptionSecret: 'replicas-test-secret-replicas-test',
    allowedHosts: ['127.0.0.1:9'],
    batchSize: 50,
  });
  const engine = core.createEngine({
    instanceId: name,
    evaluator: findingsKit(knex, { logger }).evaluation,
    options: { staleAfterMs: 10_000, heartbeatMs: 1_000 },
  });
  const scheduler = new SyncScheduler({
    scheduler: mockServices.scheduler.mock(),
    engine,
    connections: core.connections,
    logger,
    timeout: Duration.fromObject({ minutes: 1 }),
    maxConcurrentRuns,
  });
  return { ...core, engine, scheduler, gateway };
}

async function createConnections(
  core: ReturnType<typeof replica>,
  count: number,
) {
  for (let i = 0; i < count; i++) {
    await core.connectionsService.create(
      {
        name: `c${i}`,
        apiUrl: 'http://127.0.0.1:9',
        apiKey: `replicas-test-key-${i}`,
        syncFrequency: 'hourly',
      },
      'user:default/ada',
    );
  }
}

const finishedRuns = (knex: Knex) =>
  knex('jc_sync_runs').whereNot({ status: 'running' });

(postgres.length ? describe.each(postgres) : describe.skip.each(['none']))(
  'two replicas on %s',
  databaseId => {
    let knexA: Knex;
    let knexB: Knex;
    beforeEach(async () => {
      knexA = await databases.init(databaseId as TestDatabaseId);
      await migrateDatabase(knexA);
      knexB = knexFactory(knexA.client.config as Knex.Config);
    });
    afterEach(async () => {
      await knexB.destroy();
    });

    it('both take due connections, never the same one at once, each turn once', async () => {
      const a = replica(knexA, 'replica-a', 2);
      const b = replica(knexB, 'replica-b', 2);
      await createConnections(a, 8);
      await a.scheduler.reconcile();
      await b.scheduler.reconcile();
      let overlap = 0;
      let mostAtOnce = 0;
      for (let i = 0; i < 200; i++) {
        await Promise.all([a.scheduler.fill(), b.scheduler.fill()]);
        const onA = a.scheduler.activeConnections;
        const onB = b.scheduler.activeConnections;
        overlap += onA.filter(id => onB.includes(id)).length;
        mostAtOnce = Math.max(mostAtOnce, onA.length, onB.length);
        if ((await finishedRuns(knexA)).length === 8) break;
        await sleep(50);
      }
      a.scheduler.stopAll();
      b.scheduler.stopAll();

      const runs = await knexA('jc_sync_runs');
      // Hourly: one run per connection in the round, never a second.
      expect(runs).toHaveLength(8);
      expect(new Set(runs.map(r => r.connection_id)).size).toBe(8);
      expect(runs.every(r => r.status === 'succeeded')).toBe(true);
      const byReplica = (name: string) =>
        runs.filter(r => r.claimed_by === name).length;
      expect(byReplica('replica-a')).toBeGreaterThanOrEqual(2);
      expect(byReplica('replica-b')).toBeGreaterThanOrEqual(2);
      expect(overlap).toBe(0);
      expect(mostAtOnce).toBeLessThanOrEqual(2);
      // Each connection's next turn is an hour on.
      const next = await knexA('jc_sync_schedule').select('next_run_at');
      expect(next).toHaveLength(8);
      for (const row of next)
        expect(new Date(row.next_run_at).getTime()).toBeGreaterThan(
          Date.now() + 50 * 60_000,
        );
    });

    it("closes a dead replica's run as failed with the reason, and another replica takes its connection over", async () => {
      const a = replica(knexA, 'replica-a', 2);
      // One slot: the interrupted turn must come before c1's, due since.
      const b = replica(knexB, 'replica-b', 1);
      await createConnections(a, 2);
      await a.scheduler.reconcile();
      // What a replica killed mid-run leaves: it took the turn (the schedule
      // moved on an hour) and its run, whose heartbeat stopped long ago.
      const [connectionId] = await a.engine.schedule.claimDue(1);
      const dead = (await a.runs.tryCreate({
        id: 'dead-run',
        connectionId,
        connectionName: 'c0',
        trigger: { type: 'scheduled' },
        claimedBy: 'replica-dead',
      }))!;
      await knexA('jc_sync_runs')
        .where({ id: dead.id })
        .update({ heartbeat_at: new Date(Date.now() - 60_000).toISOString() });

      await b.scheduler.reconcile();
      await b.scheduler.fill();
      expect(b.scheduler.activeConnections).toEqual([connectionId]);
      for (let i = 0; i < 100; i++) {
        const done = await knexB('jc_sync_runs').where({
          claimed_by: 'replica-b',
          status: 'succeeded',
        });
        if (done.length) break;
        await sleep(100);
      }
      b.scheduler.stopAll();

      const closed = await knexB('jc_sync_runs').where({ id: dead.id }).first();
      expect(closed.status).toBe('failed');
      expect(JSON.parse(closed.error_json).message).toMatch(
        /stopped before it finished/,
      );
      const takenOver = await knexB('jc_sync_runs')
        .where({ claimed_by: 'replica-b' })
        .orderBy('started_at');
      expect(takenOver[0].status).toBe('succeeded');
      expect(takenOver[0].connection_id).toBe(connectionId);
    });
  },
);

describe.each(ids)('one replica on %s', databaseId => {
  it('syncs due connections within its slots and picks up Sync Now runs', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const only = replica(knex, 'only', 1);
    await createConnections(only, 2);
    await only.connectionsService.create(
      {
        name: 'manual',
        apiUrl: 'http://127.0.0.1:9',
        apiKey: 'replicas-test-key-manual',
        syncFrequency: 'off',
      },
      'user:default/ada',
    );
    await only.scheduler.reconcile();
    await only.scheduler.fill();
    expect(only.scheduler.activeConnections).toHaveLength(1);
    const manual = (await only.connections.list()).find(
      c => c.name === 'manual',
    )!;
    const { run } = await only.scheduler.syncNow(manual, {
      type: 'manual',
      by: 'user:default/ada',
    });
    for (let i = 0; i < 100; i++) {
      if ((await finishedRuns(knex)).length === 3) break;
      await sleep(100);
    }
    only.scheduler.stopAll();
    const runs = await knex('jc_sync_runs');
    expect(runs).toHaveLength(3);
    expect(runs.every(r => r.status === 'succeeded')).toBe(true);
    expect(runs.find(r => r.id === run.id)?.claimed_by).toBe('only');
    // `off` is never scheduled, only synced on request.
    expect(
      await knex('jc_sync_schedule').where({ connection_id: manual.id }),
    ).toHaveLength(0);
  });
});
