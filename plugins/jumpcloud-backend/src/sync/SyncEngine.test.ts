import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { createSyncEngineHarness } from '../__testUtils__/syncEngineHarness';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import { migrateDatabase } from '../database/migrateDatabase';
import type { FetchedSnapshot } from '../jumpcloud/JumpCloudGateway';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const complete = (devices: number): FetchedSnapshot => ({
  snapshot: syntheticSnapshot(devices, 6),
  failures: {},
  counts: { systems: devices, users: 6 },
  requests: 12,
});

describe.each(ids)('SyncEngine on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    return { knex, ...(await createSyncEngineHarness(knex, { batchSize: 3 })) };
  }

  it('stores, evaluates, seals and publishes a complete run, then moves the pointer', async () => {
    const { knex, gateway, events, connections, connection, syncOnce } =
      await setup();
    gateway.next = async () => complete(5);
    const vacuums = () =>
      databaseId.startsWith('POSTGRES')
        ? knex('pg_stat_user_tables')
            .whereIn('relname', ['jc_findings', 'jc_devices', 'jc_users'])
            .sum({ n: 'vacuum_count' })
            .then(([row]) => Number(row.n))
        : Promise.resolve(0);
    const vacuumedBefore = await vacuums();
    const run = await syncOnce();
    // Planner statistics are refreshed once the run is applied (PostgreSQL
    // vacuums what applying rewrote: users' device counts).
    expect((await vacuums()) - vacuumedBefore).toBe(
      databaseId.startsWith('POSTGRES') ? 3 : 0,
    );
    expect(run).toMatchObject({
      status: 'succeeded',
      stage: null,
      counts: { systems: 5, users: 6 },
      requests: 12,
    });
    expect((await connections.get(connection.id))!.latestCompleteRunId).toBe(
      run.id,
    );
    expect(
      Number(
        (
          await knex('jc_devices').where({ run_id: run.id }).count({ n: '*' })
        )[0].n,
      ),
    ).toBe(5);
    expect(
      Number(
        (
          await knex('jc_evidence_runs')
            .where({ run_id: run.id })
            .count({ n: '*' })
        )[0].n,
      ),
    ).toBe(1);
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'jumpcloud.sync.completed',
      eventPayload: {
        connectionId: connection.id,
        connectionName: 'c',
        runId: run.id,
      },
    });
    const [historyRow] = await knex('jc_history').where({ run_id: run.id });
    expect(historyRow).toMatchObject({
      status: 'succeeded',
      action: 'sync',
      trigger_type: 'manual',
    });
    // The run and its History row say what it did to the findings.
    const opened = run.findingChanges!.opened;
    expect(opened).toBeGreaterThan(0);
    expect(run.findingChanges).toEqual({ opened, resolved: 0 });
    expect(JSON.parse(historyRow.finding_changes_json)).toEqual({
      opened,
      resolved: 0,
    });
    gateway.next = async () => complete(5);
    const again = await syncOnce();
    expect(again.findingChanges).toEqual({ opened: 0, resolved: 0 });
    await knex.destroy();
  });

  it('leaves everything downstream untouched after runs missing users and failed runs', async () => {
    const { knex, gateway, events, connections, connection, syncOnce } =
      await setup();
    gateway.next = async () => complete(4);
    const good = await syncOnce();
    events.publish.mockClear();

    gateway.next = async () => ({
      ...complete(9),
      failures: {
        users: {
          kind: 'count_mismatch',
          message: 'JumpCloud counted 12 users but returned 9',
        },
        admins: {
          kind: 'forbidden',
          message: 'Missing permission to read administrators',
          status: 403,
        },
      },
    });
    const notApplied = await syncOnce();
    expect(notApplied).toMatchObject({
      status: 'failed',
      stage: 'fetch',
      failedDataTypes: {
        users: { kind: 'count_mismatch' },
        admins: { kind: 'forbidden' },
      },
      error: { kind: 'count_mismatch' },
    });
    expect(notApplied.coverage.admins.state).toBe('not_permitted');
    let stored = await connections.get(connection.id);
    expect(stored).toMatchObject({ latestCompleteRunId: good.id });
    expect(stored!.statusReason).toMatch(
      /not applied: Users \(.*returned 9\) could not be read completely/,
    );

    gateway.next = async () => {
      throw Object.assign(new Error('The API key was revoked'), {
        kind: 'revoked_key',
      });
    };
    const failed = await syncOnce();
    expect(failed).toMatchObject({
      status: 'failed',
      stage: 'fetch',
      error: { kind: 'revoked_key' },
    });
    stored = await connections.get(connection.id);
    expect(stored!.latestCompleteRunId).toBe(good.id);
    expect(stored!.statusReason).toBe(
      'API key revoked or expired: The API key was revoked',
    );
    expect(events.publish).not.toHaveBeenCalled();
    // Only the complete run's rows exist.
    const runIds = (await knex('jc_devices').distinct('run_id')).map(
      (r: { run_id: string }) => r.run_id,
    );
    expect(runIds).toEqual([good.id]);
    await knex.destroy();
  });

  it('fails in the seal stage without moving the pointer when sealing fails', async () => {
    const { knex, gateway, connections, connection, syncOnce, findings } =
      await setup();
    gateway.next = async () => complete(3);
    jest
      .spyOn(findings.evaluation, 'seal')
      .mockRejectedValueOnce(new Error('disk full'));
    const run = await syncOnce();
    expect(run).toMatchObject({
      status: 'failed',
      stage: 'seal',
      error: { kind: 'internal', message: 'disk full' },
    });
    expect(
      (await connections.get(connection.id))!.latestCompleteRunId,
    ).toBeNull();
    expect(Number((await knex('jc_devices').count({ n: '*' }))[0].n)).toBe(0);
    await knex.destroy();
  });

  it("applies later runs to the first run's rows and prunes rows of no applied run", async () => {
    const { knex, gateway, syncOnce, connection } = await setup();
    gateway.next = async () => complete(2);
    const first = await syncOnce();
    const [device] = await knex('jc_devices').where('run_id', first.id);
    // Rows a stopped run left behind.
    await knex('jc_devices').insert({ ...device, run_id: 'left-over' });
    const runs = [first, await syncOnce(), await syncOnce()];
    const stored = (await knex('jc_devices').distinct('run_id')).map(
      (r: { run_id: string }) => r.run_id,
    );
    expect(stored).toEqual([first.id]);
    expect(await knex('jc_devices').where('run_id', first.id)).toHaveLength(2);
    const record = await knex('jc_connections')
      .where('id', connection.id)
      .first();
    expect(record).toMatchObject({
      latest_complete_run_id: runs[2].id,
      snapshot_run_id: first.id,
    });
    await knex.destroy();
  });

  it('closes a run left running by a dead process as failed', async () => {
    const { knex, engine, runs, connection } = await setup();
    await runs.tryCreate({
      id: 'orphan',
      connectionId: connection.id,
      connectionName: 'c',
      trigger: { type: 'scheduled' },
      claimedBy: 'dead-process',
    });
    await knex('jc_sync_runs')
      .where({ id: 'orphan' })
      .update({ heartbeat_at: '2020-01-01T00:00:00.000Z' });
    expect(await engine.closeStaleRuns()).toBe(1);
    expect(await runs.get('orphan')).toMatchObject({
      status: 'failed',
      error: { kind: 'internal' },
    });
    expect(await runs.getRunning(connection.id)).toBeUndefined();
    await knex.destroy();
  });
});
