import { storeSnapshot } from '../__testUtils__/storeSnapshot';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import { AssetsReader } from '../snapshot/AssetsReader';
import {
  CatalogSnapshotReader,
  decodeCursor,
  encodeCursor,
} from '../snapshot/CatalogSnapshotReader';
import { ConnectionsStore } from '../connections/ConnectionsStore';
import { migrateDatabase } from './migrateDatabase';
import { migrationsDir } from '../evaluation/__testUtils__/harness';
import { RunsStore } from '../runs/RunsStore';
import { SnapshotWriter } from '../snapshot/SnapshotWriter';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const snapshot = syntheticSnapshot;

describe.each(ids)('stores on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    return knex;
  }

  it('allows one running run per connection, whatever the concurrency', async () => {
    const knex = await setup();
    const runs = new RunsStore(knex);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runs.tryCreate({
          id: `run-${i}`,
          connectionId: 'c1',
          connectionName: 'C1',
          trigger: { type: 'scheduled' },
          claimedBy: null,
        }),
      ),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const running = await runs.getRunning('c1');
    expect(running?.stage).toBeNull();
    expect(await runs.claim(running!.id, 'me')).toBe(true);
    expect(await runs.claim(running!.id, 'other')).toBe(false);
    await runs.finish(running!.id, {
      status: 'succeeded',
      stage: null,
      counts: { systems: 3 },
      failedDataTypes: {},
      error: null,
      requests: 9,
    });
    const done = await runs.get(running!.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { systems: 3 },
      requests: 9,
    });
    expect(done!.durationMs).toBeGreaterThanOrEqual(0);
    // Finished: a new one may start.
    expect(
      await runs.tryCreate({
        id: 'run-next',
        connectionId: 'c1',
        connectionName: 'C1',
        trigger: { type: 'manual', by: 'user:default/ada' },
        claimedBy: 'me',
      }),
    ).toBeDefined();
    await knex.destroy();
  });

  it('finds runs whose heartbeat stopped', async () => {
    const knex = await setup();
    const runs = new RunsStore(knex);
    await runs.tryCreate({
      id: 'r1',
      connectionId: 'c1',
      connectionName: 'C1',
      trigger: { type: 'scheduled' },
      claimedBy: 'dead',
    });
    await knex('jc_sync_runs')
      .where({ id: 'r1' })
      .update({ heartbeat_at: '2000-01-01T00:00:00.000Z' });
    await runs.tryCreate({
      id: 'r2',
      connectionId: 'c2',
      connectionName: 'C2',
      trigger: { type: 'scheduled' },
      claimedBy: 'alive',
    });
    const stale = await runs.findStale(
      new Date(Date.now() - 60_000).toISOString(),
    );
    expect(stale.map(r => r.id)).toEqual(['r1']);
    await knex.destroy();
  });

  it('writes a snapshot in batches and reads assets with paging, search and sort', async () => {
    const knex = await setup();
    const writer = new SnapshotWriter(knex, 7);
    const progress: string[] = [];
    const delta = writer.delta({ runId: 'run1', baseRunId: null });
    const written = await writer.write(
      delta,
      'c1',
      snapshot(25, 12),
      async table => {
        progress.push(table);
      },
    );
    await writer.closeRun(delta, {});
    await knex.transaction(trx => writer.apply(trx, delta.view));
    expect(written).toBeGreaterThan(25 + 12);
    // 25 rows in batches of 7, committed together (up to 10 batches at once)
    expect(progress.filter(t => t === 'jc_devices')).toHaveLength(1);

    const reader = new AssetsReader(knex);
    const scope = [
      {
        connectionId: 'c1',
        connectionName: 'Conn',
        runId: 'run1',
        appliedRunId: 'run1',
      },
    ];
    const page = await reader.devices(scope, {
      order: 'asc',
      sort: 'hostname',
      limit: 10,
      offset: 0,
    });
    expect(page.totalCount).toBe(25);
    expect(page.items).toHaveLength(10);
    expect(page.items[0]).toMatchObject({
      hostname: 'host-0',
      connectionName: 'Conn',
      osFamily: 'darwin',
      fdeActive: false,
    });
    const windows = await reader.devices(scope, {
      order: 'desc',
      limit: 50,
      offset: 0,
      osFamily: 'windows',
    });
    expect(windows.totalCount).toBe(12);
    const search = await reader.devices(scope, {
      order: 'asc',
      limit: 50,
      offset: 0,
      q: 'HOST-1',
    });
    expect(search.items.map(d => d.hostname).sort()).toEqual([
      'host-1',
      'host-10',
      'host-11',
      'host-12',
      'host-13',
      'host-14',
      'host-15',
      'host-16',
      'host-17',
      'host-18',
      'host-19',
    ]);
    const wildcard = await reader.devices(scope, {
      order: 'asc',
      limit: 50,
      offset: 0,
      q: '%',
    });
    expect(wildcard.totalCount).toBe(0);

    const users = await reader.users(scope, {
      order: 'desc',
      sort: 'deviceCount',
      limit: 5,
      offset: 0,
    });
    expect(users.totalCount).toBe(12);
    expect(users.items[0].deviceCount).toBe(1);
    const admin = await reader.users(scope, {
      order: 'asc',
      limit: 5,
      offset: 0,
      q: 'user1@',
    });
    expect(admin.items.find(u => u.username === 'user1')?.isAdmin).toBe(true);

    const groups = await reader.groups(scope, {
      order: 'asc',
      sort: 'name',
      limit: 5,
      offset: 0,
    });
    expect(groups.items.map(g => [g.name, g.memberCount])).toEqual([
      ['Engineering', 1],
      ['Laptops', 1],
    ]);

    const device = await reader.device(scope[0], 'sys0000');
    expect(device?.boundUsers).toHaveLength(12);
    expect(device?.groupIds).toEqual(['sg1']);
    expect(device?.policies).toEqual([
      { policyId: 'pol1', name: 'FileVault', success: false, endedAt: null },
    ]);
    expect(device?.systemInsights.disk_encryption).toHaveLength(1);
    expect(device?.raw).toMatchObject({ _id: 'sys0000' });
    const user = await reader.user(scope[0], 'usr0000');
    expect(user).toMatchObject({ deviceCount: 1, groupIds: ['ug1'] });
    expect(await reader.device(scope[0], 'nope')).toBeUndefined();
    await knex.destroy();
  });

  it('pages raw snapshot objects with a cursor pinned to the run', async () => {
    const knex = await setup();
    await storeSnapshot(knex, 'run1', 'c1', snapshot(25, 12));
    const reader = new CatalogSnapshotReader(knex);
    const seen: string[] = [];
    let after: string | number | undefined;
    let totalCount: number | undefined;
    for (;;) {
      const page = await reader.read({
        runId: 'run1',
        type: 'systems',
        after,
        limit: 10,
        totalCount,
      });
      expect(page.totalCount).toBe(25);
      seen.push(...page.items.map(i => (i as { _id: string })._id));
      if (page.next === null) break;
      const cursor = decodeCursor(
        encodeCursor({
          runId: 'run1',
          after: page.next,
          type: 'systems',
          totalCount: page.totalCount,
        }),
      );
      expect(cursor).toEqual({
        runId: 'run1',
        after: page.next,
        type: 'systems',
        totalCount: 25,
      });
      after = cursor!.after;
      totalCount = cursor!.totalCount;
    }
    expect(new Set(seen).size).toBe(25);
    const bindings = await reader.read({
      runId: 'run1',
      type: 'userSystemBindings',
      limit: 100,
    });
    expect(bindings.items[0]).toEqual({
      userId: 'usr0000',
      systemId: 'sys0000',
      viaGroup: true,
      sudo: { enabled: true },
    });
    const members = await reader.read({
      runId: 'run1',
      type: 'systemGroupMembers',
      limit: 100,
    });
    expect(members.items).toEqual([
      { groupId: 'sg1', memberId: 'sys0000', memberType: 'system' },
    ]);
    expect(decodeCursor('garbage')).toBeUndefined();
    const forged = (value: unknown) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeCursor(forged(['run1', 'x', 'systems', -1]))).toBeUndefined();
    expect(decodeCursor(forged(['run1', 'x', 'nope', 3]))).toBeUndefined();
    expect(decodeCursor(forged(['run1', 'x']))).toEqual({
      runId: 'run1',
      after: 'x',
    });
    const devicesOf = async (runId: string) =>
      Number(
        (await knex('jc_devices').where({ run_id: runId }).count({ n: '*' }))[0]
          .n,
      );
    expect(await devicesOf('run1')).toBe(25);

    await new SnapshotWriter(knex).deleteRun('run1');
    expect(await devicesOf('run1')).toBe(0);
    await knex.destroy();
  });

  it('stores connections with booleans and JSON round-tripping', async () => {
    const knex = await setup();
    const store = new ConnectionsStore(knex);
    await store.insert({
      id: 'c1',
      name: 'Connection 1',
      region: 'eu',
      apiUrl: 'https://console.eu.jumpcloud.com',
      orgId: null,
      orgName: null,
      authType: 'apiKey',
      clientId: null,
      secretEncrypted: 'v1.x.y.z',
      secretLast4: 'abcd',
      syncFrequency: { cron: '0 3 * * *' },
      users: 'link',
      enabled: false,
      source: 'ui',
      statusReason: null,
      latestCompleteRunId: null,
      snapshotRunId: null,
      createdAt: 'a',
      updatedAt: 'a',
    });
    await store.update('c1', { statusReason: 'API key revoked or expired' });
    expect(await store.get('c1')).toMatchObject({
      enabled: false,
      syncFrequency: { cron: '0 3 * * *' },
      users: 'link',
      statusReason: 'API key revoked or expired',
    });
    await knex.destroy();
  });

  it('keeps connections stored before service accounts valid, as API-key connections', async () => {
    const knex = await setup();
    // Back to before 20261207_1_service_accounts (and any migration after it).
    while (await knex.schema.hasColumn('jc_connections', 'auth_type')) {
      await knex.migrate.down({ directory: migrationsDir });
    }
    const row = {
      name: 'Old',
      region: 'us',
      api_url: 'https://console.jumpcloud.com',
      api_key_encrypted: 'v1.a.b.c',
      api_key_last4: 'wxyz',
      sync_frequency: '"daily"',
      created_at: 'a',
      updated_at: 'a',
    };
    await knex('jc_connections').insert({ id: 'old', ...row });
    await migrateDatabase(knex);
    const store = new ConnectionsStore(knex);
    expect(await store.get('old')).toMatchObject({
      authType: 'apiKey',
      clientId: null,
      secretEncrypted: 'v1.a.b.c',
      secretLast4: 'wxyz',
    });

    await store.insert({
      ...(await store.get('old'))!,
      id: 'sa',
      name: 'Service account',
      authType: 'serviceAccount',
      clientId: 'client-1',
      secretEncrypted: 'v1.d.e.f',
      secretLast4: 'cret',
    });
    expect(await store.get('sa')).toMatchObject({
      authType: 'serviceAccount',
      clientId: 'client-1',
      enabled: true,
    });

    // Down again: the service account cannot pass for an API key.
    while (await knex.schema.hasColumn('jc_connections', 'auth_type')) {
      await knex.migrate.down({ directory: migrationsDir });
    }
    const rows = await knex('jc_connections').orderBy('id');
    expect(rows.map(r => [r.id, Boolean(r.enabled)])).toEqual([
      ['old', true],
      ['sa', false],
    ]);
    expect(rows[1].status_reason).toMatch(/service account/);
    await knex.destroy();
  });
});
