import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import { RunsStore } from '../runs/RunsStore';
import { RunProgressRecorder } from './RunProgressRecorder';

describe('RunProgressRecorder', () => {
  let knex: Knex;
  let runs: RunsStore;
  beforeEach(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await migrateDatabase(knex);
    runs = new RunsStore(knex);
    await runs.tryCreate({
      id: 'r1',
      connectionId: 'c1',
      connectionName: 'C1',
      trigger: { type: 'scheduled' },
      claimedBy: 'me',
    });
    await knex('jc_sync_runs')
      .where({ id: 'r1' })
      .update({ heartbeat_at: '2000-01-01T00:00:00.000Z' });
  });
  afterEach(() => knex.destroy());

  const counts = (systems: number) => ({ systems });

  it('writes stage changes at once, counts at most every interval, and a heartbeat meanwhile', async () => {
    const recorder = new RunProgressRecorder(
      runs,
      'r1',
      { heartbeatMs: 50, progressIntervalMs: 60_000 },
      mockServices.logger.mock(),
    );
    recorder.update({
      stage: 'fetch',
      counts: counts(1),
      requests: 1,
      force: true,
    });
    recorder.update({
      stage: 'fetch',
      counts: counts(2),
      requests: 2,
      force: false,
    });
    await new Promise(resolve => setTimeout(resolve, 10));
    let run = (await runs.get('r1'))!;
    // The second update came within the interval: not written yet.
    expect(run.counts).toEqual(counts(1));

    await new Promise(resolve => setTimeout(resolve, 120));
    run = (await runs.get('r1'))!;
    // The heartbeat wrote the latest progress, and proved the run alive.
    expect(run.counts).toEqual(counts(2));
    expect(run.requests).toBe(2);
    expect(Date.parse(run.heartbeatAt!)).toBeGreaterThan(Date.now() - 1_000);

    recorder.update({
      stage: 'seal',
      counts: counts(3),
      requests: 3,
      force: true,
    });
    await recorder.stop();
    run = (await runs.get('r1'))!;
    // stop() waited for the last write.
    expect(run.stage).toBe('seal');
    expect(run.counts).toEqual(counts(3));
  });

  it('warns in a few words when a write fails, and keeps going', async () => {
    const logger = mockServices.logger.mock();
    const failing = new RunsStore(knex);
    failing.progress = async () => {
      throw Object.assign(
        new Error('update `jc_sync_runs` set … - database is locked'),
        { code: 'SQLITE_BUSY' },
      );
    };
    const recorder = new RunProgressRecorder(
      failing,
      'r1',
      { heartbeatMs: 60_000, progressIntervalMs: 0 },
      logger,
    );
    recorder.update({ stage: 'fetch', counts: {}, requests: 0, force: true });
    recorder.update({ stage: 'store', counts: {}, requests: 0, force: true });
    await recorder.stop();
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not record sync progress: database is locked',
    );
  });
});
