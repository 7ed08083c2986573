import { storeSnapshot } from '../__testUtils__/storeSnapshot';
import type { Knex } from 'knex';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  linuxDevice,
  windowsDevice,
  type healthySnapshot,
} from '../checks/__fixtures__/snapshot';
import {
  createService,
  insertConnection,
  manualClock,
  migrated,
  migrationsDir,
  runContext,
  sealRun,
} from '../evaluation/__testUtils__/harness';
import { AssetsReader } from './AssetsReader';
import { storeFailingChecks } from './failingChecks';
import { deviceRow, userRow } from './snapshotRows';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

type Snapshot = ReturnType<typeof healthySnapshot>;

/**
 * The counts the asset lists return for a run's rows (stored, or on
 * PostgreSQL the failing checks counted per row), and the same counted from
 * their sources.
 */
async function countsOf(knex: Knex, runId: string) {
  const scope = [
    { connectionId: 'c1', connectionName: 'acme', runId, appliedRunId: runId },
  ];
  const reader = new AssetsReader(knex);
  const page = { order: 'asc' as const, limit: 500, offset: 0 };
  const devices = (await reader.devices(scope, page)).items;
  const users = (await reader.users(scope, page)).items;
  const stored = <T extends { id: string }>(
    items: T[],
    value: (item: T) => number,
  ) => Object.fromEntries<number>(items.map(i => [i.id, value(i)]));
  const counted = async (table: string, column: string, sql: string) =>
    Object.fromEntries<number>(
      (
        await knex(`${table} as t`)
          .where('t.run_id', runId)
          .select('t.id', knex.raw(`(${sql}) as ??`, [column]))
      ).map(r => [r.id, Number(r[column])]),
    );
  const openFindings = `select count(*) from jc_findings f where f.connection_id = t.connection_id and f.entity_id = t.id and f.status = 'open'`;
  return {
    stored: {
      devices: stored(devices, d => d.failingChecks),
      users: stored(users, u => u.failingChecks),
      deviceCounts: stored(users, u => u.deviceCount),
    },
    counted: {
      devices: await counted('jc_devices', 'failing_checks', openFindings),
      users: await counted('jc_users', 'failing_checks', openFindings),
      deviceCounts: await counted(
        'jc_users',
        'device_count',
        'select count(*) from jc_bindings b where b.run_id = t.run_id and b.user_id = t.id',
      ),
    },
  };
}

/** Open findings per connection and severity, counted (and as stored). */
async function openBySeverity(knex: Knex) {
  const rows = (rs: Array<Record<string, unknown>>) =>
    Object.fromEntries(
      rs.map(r => [`${r.connection_id}/${r.severity}`, Number(r.n)]),
    );
  return {
    stored: rows(
      await knex('jc_open_findings')
        .where('open_count', '<>', 0)
        .select('connection_id', 'severity', 'open_count as n'),
    ),
    counted: rows(
      await knex('jc_findings')
        .where('status', 'open')
        .groupBy('connection_id', 'severity')
        .select('connection_id', 'severity')
        .count({ n: '*' }),
    ),
  };
}

/** What GET /posture counted before jc_open_findings: open, not excepted now. */
async function postureCounted(knex: Knex, now: string) {
  const result: Record<string, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    info: 0,
  };
  const rows = await knex('jc_findings')
    .where('connection_id', 'c1')
    .where('status', 'open')
    .where(q =>
      q.whereNull('excepted_until').orWhere('excepted_until', '<=', now),
    )
    .groupBy('severity')
    .select('severity')
    .count({ n: '*' });
  for (const row of rows as Array<{ severity: string; n: unknown }>)
    result[row.severity] = Number(row.n);
  return result;
}

describe.each(ids)('stored asset counts on %s', databaseId => {
  it('match the counted values after each sync, exception and finding change', async () => {
    const knex = await migrated(await databases.init(databaseId));
    const clock = manualClock();
    const service = createService(knex, clock);
    const reader = new AssetsReader(knex);
    // Each sync is stored against the applied rows: the label stays run 1's.
    let label: string | null = null;
    await insertConnection(knex, 'c1');
    const sync = async (mutate: (s: Snapshot) => void) => {
      const ctx = runContext(clock, mutate);
      ({ label } = await storeSnapshot(
        knex,
        ctx.runId,
        ctx.connectionId,
        ctx.snapshot,
        label,
      ));
      // The connection names its applied rows, as the sync engine keeps it.
      await knex('jc_connections')
        .where('id', 'c1')
        .update({ latest_complete_run_id: ctx.runId, snapshot_run_id: label });
      await sealRun(service, ctx);
      return label;
    };
    const bindings = (s: Snapshot) => {
      s.systems.push(windowsDevice(), linuxDevice());
      for (const systemId of ['win1', 'lin1'])
        s.userSystemBindings.push({ userId: 'u1', systemId, viaGroup: false });
    };
    const failing = (s: Snapshot) => {
      bindings(s);
      s.systems[0].allowSshRootLogin = true; // DEV-16
      s.systems[0].allowMultiFactorAuthentication = false; // DEV-17
      s.systems[1].allowMultiFactorAuthentication = false;
      s.users[0].sudo = true;
      s.users[0].passwordless_sudo = true;
    };
    const expectMatch = async (runIds: string[]) => {
      for (const runId of runIds) {
        const { stored, counted } = await countsOf(knex, runId);
        expect(stored).toEqual(counted);
      }
      const severity = await openBySeverity(knex);
      expect(severity.stored).toEqual(severity.counted);
      expect((await service.postureOf('c1')).openBySeverity).toEqual(
        await postureCounted(knex, service.now()),
      );
    };

    // First sync: findings opened at the seal (insert triggers).
    const run1 = await sync(failing);
    await expectMatch([run1]);
    const first = await countsOf(knex, run1);
    expect(first.stored.deviceCounts.u1).toBe(3);
    expect(first.stored.devices.mac1).toBeGreaterThan(0);
    expect(first.stored.users.u1).toBeGreaterThan(0);
    const scope = [
      {
        connectionId: 'c1',
        connectionName: 'acme',
        runId: run1,
        appliedRunId: run1,
      },
    ];
    const byFailing = await reader.devices(scope, {
      sort: 'failingChecks',
      order: 'desc',
      limit: 10,
      offset: 0,
    });
    expect(byFailing.items.map(d => [d.id, d.failingChecks])).toEqual(
      Object.entries(first.counted.devices).sort(
        ([a, m], [b, n]) => n - m || b.localeCompare(a),
      ),
    );
    const byDevices = await reader.users(scope, {
      sort: 'deviceCount',
      order: 'desc',
      limit: 1,
      offset: 0,
    });
    expect(byDevices.items[0]).toMatchObject({ id: 'u1', deviceCount: 3 });
    expect(await reader.user(scope[0], 'u1')).toMatchObject({
      deviceCount: 3,
      failingChecks: first.stored.users.u1,
    });

    // An exception changes the posture's open counts, not the lists'.
    const [finding] = (
      await service.findings.list(
        { entityId: ['u1'], limit: 1, offset: 0 },
        service.now(),
      )
    ).items;
    const before = (await service.postureOf('c1')).openBySeverity;
    const exception = await service.exceptions.create(
      {
        connectionId: 'c1',
        checkId: finding.checkId,
        entityId: null,
        owner: 'alice@example.com',
        reason: 'Accepted',
        expiresAt: clock().plus({ days: 2 }).toISO()!,
      },
      'user:default/admin',
      service.now(),
    );
    await expectMatch([run1]);
    expect(
      (await service.postureOf('c1')).openBySeverity[finding.severity],
    ).toBe(before[finding.severity] - 1);
    // … until it expires …
    clock.advance(3);
    await expectMatch([run1]);
    expect((await service.postureOf('c1')).openBySeverity).toEqual(before);
    clock.advance(-3);
    // … or is removed.
    await service.exceptions.remove(
      exception.id,
      'user:default/admin',
      service.now(),
    );
    await expectMatch([run1]);
    expect((await service.postureOf('c1')).openBySeverity).toEqual(before);

    // A sync that fixes the device resolves its findings (update triggers):
    // the new run's rows and the older run's rows follow.
    clock.advance(1);
    const run2 = await sync(s => {
      failing(s);
      s.systems[0].allowSshRootLogin = false;
    });
    await expectMatch([run1, run2]);
    const second = await countsOf(knex, run2);
    expect(second.stored.devices.mac1).toBeLessThan(first.stored.devices.mac1);

    // Reopened at the next sync, and a finding deleted (delete trigger).
    clock.advance(1);
    const run3 = await sync(failing);
    await expectMatch([run1, run2, run3]);
    expect((await countsOf(knex, run3)).stored.devices).toEqual(
      first.stored.devices,
    );
    await knex('jc_findings').where({ entity_id: 'u1' }).delete();
    // SQLite's triggers follow at once; PostgreSQL's copy at the next seal.
    await knex.transaction(trx => storeFailingChecks(trx, 'c1', run3));
    await expectMatch([run1, run2, run3]);
    expect((await countsOf(knex, run3)).stored.users.u1).toBe(0);
    await knex.destroy();
  });

  it('are counted for the snapshots and findings there before the migration', async () => {
    const knex = await migrated(await databases.init(databaseId));
    // Back to before 20261201_1_stored_counts (and any migration after it).
    while (await knex.schema.hasTable('jc_open_findings'))
      await knex.migrate.down({ directory: migrationsDir });
    const ctx = runContext(manualClock(), s => {
      s.systems.push(windowsDevice());
      s.userSystemBindings.push({
        userId: 'u1',
        systemId: 'win1',
        viaGroup: true,
      });
    });
    await knex('jc_devices').insert(
      ctx.snapshot.systems.map(system => deviceRow('run1', 'c1', system)),
    );
    await knex('jc_users').insert(
      ctx.snapshot.users.map(user => userRow('run1', 'c1', user)),
    );
    await knex('jc_bindings').insert(
      ctx.snapshot.userSystemBindings.map(b => ({
        run_id: 'run1',
        user_id: b.userId,
        system_id: b.systemId,
        via_group: b.viaGroup,
      })),
    );
    const finding = (id: string, entityId: string, status: string) => ({
      id,
      connection_id: 'c1',
      connection_name: 'acme',
      check_id: `CHK-${id}`,
      check_title: 'Check',
      severity: 'high',
      severity_rank: 4,
      entity_kind: entityId.startsWith('u') ? 'user' : 'device',
      entity_id: entityId,
      entity_name: entityId,
      status,
      first_seen_at: '2026-11-01T00:00:00.000Z',
      last_seen_at: '2026-11-01T00:00:00.000Z',
      last_run_id: 'run1',
      message: 'failing',
      evidence_json: '{}',
      frameworks_json: '{}',
    });
    await knex('jc_findings').insert([
      finding('f1', 'mac1', 'open'),
      finding('f2', 'mac1', 'open'),
      finding('f3', 'mac1', 'resolved'),
      finding('f4', 'u1', 'open'),
    ]);
    await migrated(knex);
    const { stored, counted } = await countsOf(knex, 'run1');
    expect(stored).toEqual(counted);
    expect(stored).toEqual({
      devices: { mac1: 2, win1: 0 },
      users: { u1: 1 },
      deviceCounts: { u1: 2 },
    });
    const severity = await openBySeverity(knex);
    expect(severity.stored).toEqual({ 'c1/high': 3 });
    // The triggers work from there on.
    await knex('jc_findings').where('id', 'f3').update({ status: 'open' });
    await knex.transaction(trx => storeFailingChecks(trx, 'c1', 'run1'));
    expect((await countsOf(knex, 'run1')).stored.devices.mac1).toBe(3);
    expect((await openBySeverity(knex)).stored).toEqual({ 'c1/high': 4 });
    await knex.destroy();
  });

  it('searches several columns at once, as one LIKE per column did', async () => {
    const knex = await migrated(await databases.init(databaseId));
    const ctx = runContext(manualClock(), s => {
      s.systems.push(windowsDevice(), linuxDevice());
      s.systems[0].hostname = 'Alpha-Host';
      s.systems[0].displayName = 'Shown';
      s.systems[0].serialNumber = 'SER-100_%';
      s.systems[1].hostname = 'beta';
      s.systems[1].displayName = 'Ha Ha';
      s.users[0].email = null as unknown as string;
    });
    await storeSnapshot(knex, ctx.runId, 'c1', ctx.snapshot);
    const reader = new AssetsReader(knex);
    const scope = [
      {
        connectionId: 'c1',
        connectionName: 'acme',
        runId: ctx.runId,
        appliedRunId: ctx.runId,
      },
    ];
    const hosts = async (q: string) =>
      (
        await reader.devices(scope, { q, order: 'asc', limit: 50, offset: 0 })
      ).items
        .map(d => d.id)
        .sort();
    expect(await hosts('ALPHA')).toEqual(['mac1']);
    expect(await hosts('ser-100_%')).toEqual(['mac1']);
    expect(await hosts('100%')).toEqual([]);
    expect(await hosts('a ha')).toEqual(['win1']);
    // Never across two columns (hostname "alpha-host", display name "shown").
    expect(await hosts('hostshown')).toEqual([]);
    expect(await hosts('host shown')).toEqual([]);
    expect(await hosts('mac os')).toEqual(['mac1']);
    const users = await reader.users(scope, {
      q: 'ALICE',
      order: 'asc',
      limit: 50,
      offset: 0,
    });
    expect(users.items.map(u => u.id)).toEqual(['u1']);
    await knex.destroy();
  });
});
