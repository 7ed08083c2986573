import type {
  OrgSnapshot,
  SystemInsightsTable,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { canonicalJson, unpackPopulation } from '../evidence/canonical';
import { builtInChecks, runChecks } from '../checks';
import { bindingsInMemory } from '../checks/snapshotIndex';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { createSyncEngineHarness } from '../__testUtils__/syncEngineHarness';
import { daysAgo, healthySnapshot } from '../checks/__fixtures__/snapshot';
import { migrateDatabase } from '../database/migrateDatabase';
import { readBundle } from '../evidence/exportBundle';
import type {
  FetchedSnapshot,
  JumpCloudGateway,
} from '../jumpcloud/JumpCloudGateway';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

/**
 * FileVault off: DEV-01 fails only if the rows are read back from the
 * store. A failed policy run and a user without devices likewise need the
 * stored policy statuses and the bindings.
 */
function unencrypted(): OrgSnapshot {
  const s = healthySnapshot();
  s.policyStatuses[0] = {
    ...s.policyStatuses[0],
    success: false,
    state: 'failed',
  };
  s.systemInsights.disk_encryption = [
    {
      system_id: 'mac1',
      collection_time: daysAgo(1),
      name: 'disk',
      encrypted: 0,
      encryption_status: 'not encrypted',
    },
  ];
  return s;
}

const STORED_TABLES = ['jc_insights', 'jc_policy_results', 'jc_bindings'];

describe.each(ids)('Bulk rows stored while fetching, on %s', databaseId => {
  async function setUp() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const harness = await createSyncEngineHarness(knex, { batchSize: 2 });
    /** Hands the rows to the engine page by page, as fetchOrgSnapshot does. */
    const serve = (
      snapshot: OrgSnapshot,
      failures: FetchedSnapshot['failures'] = {},
    ) => {
      harness.gateway.fetchSnapshot = async (
        _target: unknown,
        options: Parameters<JumpCloudGateway['fetchSnapshot']>[1],
      ) => {
        const sinks = options.rowSinks!;
        for (const [table, rows] of Object.entries(snapshot.systemInsights)) {
          for (let i = 0; i < rows!.length; i += 2)
            await sinks.systemInsights!(
              table as SystemInsightsTable,
              rows!.slice(i, i + 2),
            );
          snapshot.systemInsights[table as SystemInsightsTable] = [];
        }
        for (let i = 0; i < snapshot.policyStatuses.length; i += 2)
          await sinks.policyStatuses!(snapshot.policyStatuses.slice(i, i + 2));
        for (let i = 0; i < snapshot.userSystemBindings.length; i += 2)
          await sinks.userSystemBindings!(
            snapshot.userSystemBindings.slice(i, i + 2),
          );
        const access = bindingsInMemory(snapshot.userSystemBindings);
        return {
          snapshot: { ...snapshot, policyStatuses: [], userSystemBindings: [] },
          access,
          failures,
          counts: {},
          requests: 1,
        };
      };
    };
    const storedRows = async (runId: string) => {
      let total = 0;
      for (const table of STORED_TABLES)
        total += Number(
          (await knex(table).where({ run_id: runId }).count({ n: '*' }))[0].n,
        );
      return total;
    };
    const dev01 = async () =>
      (
        await harness.findings.findings.list(
          {
            checkId: ['DEV-01'],
            connectionId: harness.connection.id,
            limit: 10,
            offset: 0,
          },
          harness.findings.now(),
        )
      ).items.map(f => f.status);
    return { knex, harness, serve, storedRows, dev01 };
  }

  it('a complete run evaluates the stored rows as it would the rows in memory', async () => {
    const { knex, harness, serve, storedRows, dev01 } = await setUp();
    const snapshot = unencrypted();
    const rowCount =
      Object.values(snapshot.systemInsights).flat().length +
      snapshot.policyStatuses.length +
      snapshot.userSystemBindings.length;
    const inMemory = runChecks({
      snapshot: unencrypted(),
      connectionId: harness.connection.id,
      orgId: null,
      now: harness.findings.now(),
      thresholds: harness.findings.thresholds,
      checks: builtInChecks,
    });
    serve(snapshot);
    const run = await harness.syncOnce();
    expect(run.status).toBe('succeeded');
    expect(await storedRows(run.id)).toBe(rowCount);
    expect(await dev01()).toEqual(['open']);
    const open = await harness.findings.findings.list(
      {
        connectionId: harness.connection.id,
        status: ['open'],
        limit: 1000,
        offset: 0,
      },
      harness.findings.now(),
    );
    const key = (r: { checkId: string; entityId: string }) =>
      `${r.checkId} ${r.entityId}`;
    const failing = inMemory.results.filter(r => r.status === 'fail');
    expect(failing.map(r => r.checkId)).toEqual(
      expect.arrayContaining(['DEV-01']),
    );
    expect(open.items.map(key).sort()).toEqual(failing.map(key).sort());
    // The sealed results (read back from the run's stored results) are the
    // same results, and the posture counts them all.
    const sealed = await harness.findings.evidence.population(
      run.id,
      'results',
    );
    const verdict = (r: any) => `${r.checkId} ${r.entityId} ${r.status}`;
    expect(sealed.map(verdict).sort()).toEqual(
      inMemory.results.map(verdict).sort(),
    );
    const posture = await harness.findings.postureOf(harness.connection.id);
    expect(Object.values(posture.counts).reduce((a, b) => a + b, 0)).toBe(
      inMemory.results.length,
    );
    // Devices and users are packed as stored: the bytes are the canonical
    // JSON of the objects JumpCloud returned, as packing them in memory gives.
    for (const [name, objects] of [
      ['devices', snapshot.systems],
      ['users', snapshot.users],
    ] as const) {
      const { content } = await knex('jc_evidence_populations')
        .where({ run_id: run.id, name })
        .first('content');
      const text = unpackPopulation(content);
      const byId = new Map<string, unknown>(objects.map(o => [o._id, o]));
      const order = (JSON.parse(text) as Array<{ _id: string }>).map(o =>
        byId.get(o._id),
      );
      expect(order).toHaveLength(objects.length);
      expect(text).toBe(canonicalJson(order));
    }
    await knex.destroy();
  });

  it('a run missing devices leaves no rows and moves nothing downstream', async () => {
    const { knex, harness, serve, storedRows, dev01 } = await setUp();
    serve(healthySnapshot());
    const complete = await harness.syncOnce();
    serve(unencrypted(), { systems: { kind: 'unavailable', message: '503' } });
    const notApplied = await harness.syncOnce();
    expect(notApplied.status).toBe('failed');
    expect(notApplied.failedDataTypes).toHaveProperty('systems');
    expect(await storedRows(notApplied.id)).toBe(0);
    expect(await storedRows(complete.id)).toBeGreaterThan(0);
    expect(
      (await harness.connections.get(harness.connection.id))!
        .latestCompleteRunId,
    ).toBe(complete.id);
    expect(await dev01()).toEqual([]);
    await knex.destroy();
  });

  it('a run missing System Insights is applied, keeps the last complete rows and leaves their checks as they were', async () => {
    const { knex, harness, serve, dev01 } = await setUp();
    serve(unencrypted());
    const first = await harness.syncOnce();
    expect(await dev01()).toEqual(['open']);
    const insightsOf = async (runId: string) =>
      (
        await knex('jc_insights')
          .where('run_id', runId)
          .orderBy(['table_name', 'system_id'])
          .select('table_name', 'system_id', 'raw')
      ).map(row => ({ ...row }));
    const firstInsights = await insightsOf(first.id);
    expect(firstInsights.length).toBeGreaterThan(0);

    // FileVault fixed, a new device, but System Insights fails this run.
    const next = healthySnapshot();
    next.systems.push({ ...next.systems[0], _id: 'mac-new', hostname: 'new' });
    serve(next, {
      systemInsights: { kind: 'unavailable', message: 'Service Unavailable' },
    });
    const second = await harness.syncOnce();
    expect(second.status).toBe('partial');
    expect(second.coverage.systemInsights).toMatchObject({
      state: 'failed',
      keptFromRunId: first.id,
    });
    expect(second.coverage.systems).toEqual({ state: 'complete' });
    // Applied: devices move forward, System Insights keeps its last value.
    const connection = (await harness.connections.get(harness.connection.id))!;
    expect(connection.latestCompleteRunId).toBe(second.id);
    expect(connection.statusReason).toMatch(/System Insights/);
    // Its changes applied to the rows the first run labelled.
    expect(connection.snapshotRunId).toBe(first.id);
    expect(
      await knex('jc_devices').where('run_id', first.id).pluck('id'),
    ).toContain('mac-new');
    expect(await knex('jc_devices').where('run_id', second.id)).toEqual([]);
    expect(await insightsOf(first.id)).toEqual(firstInsights);
    // DEV-01 reads System Insights: not resolved from missing data.
    expect(await dev01()).toEqual(['open']);
    await knex.destroy();
  });

  it('a store failure while fetching fails the run in store, leaving no rows', async () => {
    const { knex, harness, serve, storedRows } = await setUp();
    const insert = harness.snapshots.insertRows.bind(harness.snapshots);
    let calls = 0;
    harness.snapshots.insertRows = async (delta, table, rows) => {
      if (++calls === 2) throw new Error('disk full');
      return insert(delta, table, rows);
    };
    serve(unencrypted());
    const run = await harness.syncOnce();
    expect(run.status).toBe('failed');
    expect(run.stage).toBe('store');
    expect(run.error).toMatchObject({ kind: 'database' });
    expect(await storedRows(run.id)).toBe(0);
    expect(
      (await harness.connections.get(harness.connection.id))!
        .latestCompleteRunId,
    ).toBeNull();
    await knex.destroy();
  });

  it("each run's findings, per-entity results and counts per check are its own, though a later run compares only the results that changed", async () => {
    const { knex, harness, serve } = await setUp();
    const { evidence } = harness.findings;
    /** What the Checks view and the entity tab read, as stored. */
    const stored = async () => ({
      entities: (
        await knex('jc_check_entity_results')
          .where('connection_id', harness.connection.id)
          .orderBy('entity_id')
          .select('entity_id', 'entity_kind', 'entity_name', 'results_json')
      )
        .map(row => ({ ...row, results: JSON.parse(row.results_json) }))
        .map(({ results_json: _json, ...row }) => row),
      counts: (
        await knex('jc_check_status_counts')
          .where('connection_id', harness.connection.id)
          .orderBy(['check_id', 'status'])
          .select('check_id', 'status', 'result_count')
      ).map(row => ({ ...row, result_count: Number(row.result_count) })),
      unresolved: (
        await knex('jc_findings')
          .where('connection_id', harness.connection.id)
          .whereNot('status', 'resolved')
          .select('check_id', 'entity_id', 'entity_name', 'message')
      )
        .map(f => [f.check_id, f.entity_id, f.entity_name, f.message].join('|'))
        .sort(),
    });
    /** The same, from every result the run sealed. */
    const expected = async (runId: string) => {
      const results = await evidence.population(runId, 'results');
      const byEntity = new Map<string, any[]>();
      const counts = new Map<string, number>();
      for (const r of results as any[]) {
        byEntity.set(r.entityId, [...(byEntity.get(r.entityId) ?? []), r]);
        const key = `${r.checkId}\u0000${r.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return {
        entities: [...byEntity.keys()].sort().map(id => ({
          entity_id: id,
          entity_kind: byEntity.get(id)![0].entityKind,
          entity_name: byEntity.get(id)![0].entityName,
          results: byEntity.get(id)!.map(r => ({
            checkId: r.checkId,
            severity: r.severity,
            status: r.status,
            message: r.message,
          })),
        })),
        counts: [...counts.keys()].sort().map(key => ({
          check_id: key.split('\u0000')[0],
          status: key.split('\u0000')[1],
          result_count: counts.get(key),
        })),
        // No result here turns unknown: exactly the failing ones keep a finding.
        unresolved: (results as any[])
          .filter(r => r.status === 'fail' || r.status === 'excepted')
          .map(r => [r.checkId, r.entityId, r.entityName, r.message].join('|'))
          .sort(),
      };
    };
    // Users no run changes: the few entities that do change are compared
    // alone (not every entity, as when most change).
    const withBystanders = (snapshot: OrgSnapshot) => {
      for (let i = 0; i < 12; i++)
        snapshot.users.push({
          ...snapshot.users[0],
          _id: `bystander${i}`,
          username: `bystander${i}`,
          email: `bystander${i}@example.com`,
        });
      return snapshot;
    };
    const runs: OrgSnapshot[] = [withBystanders(unencrypted())];
    // FileVault fixed, a device added, a user renamed.
    const second = withBystanders(healthySnapshot());
    second.systems.push({
      ...second.systems[0],
      _id: 'mac-new',
      hostname: 'new',
    });
    second.users[0] = { ...second.users[0], username: 'renamed' };
    runs.push(second);
    // The first device gone, and the user back as before.
    const third = withBystanders(healthySnapshot());
    third.systems = [{ ...third.systems[0], _id: 'mac-new', hostname: 'new' }];
    runs.push(third);
    const seen: unknown[] = [];
    for (const snapshot of runs) {
      serve(snapshot);
      const run = await harness.syncOnce();
      expect(run.status).toBe('succeeded');
      const now = await stored();
      expect(now).toEqual(await expected(run.id));
      seen.push(now);
    }
    // Each run changed something the entity tab shows.
    expect(new Set(seen.map(s => JSON.stringify(s))).size).toBe(runs.length);
    await knex.destroy();
  });

  it("a sealed run's export and stored evidence stay byte for byte the same after later syncs apply their changes", async () => {
    const { knex, harness, serve } = await setUp();
    const { evidence } = harness.findings;
    serve(unencrypted());
    const first = await harness.syncOnce();
    const exported = async (runId: string) => {
      const manifest = (await evidence.get(runId))!;
      const stored = await knex('jc_evidence_populations')
        .where('run_id', runId)
        .orderBy('name')
        .select('name', 'sha256', 'content');
      return {
        bundle: JSON.stringify(await readBundle(evidence, manifest)),
        blobs: stored.map(row => ({
          ...row,
          content: Buffer.from(row.content).toString('base64'),
        })),
      };
    };
    const before = await exported(first.id);

    // FileVault fixed, a device gone, another added; then a second change.
    const next = healthySnapshot();
    next.systems.push({ ...next.systems[0], _id: 'mac-new', hostname: 'new' });
    serve(next);
    expect((await harness.syncOnce()).status).toBe('succeeded');
    const third = healthySnapshot();
    third.systems = third.systems.slice(1);
    serve(third);
    expect((await harness.syncOnce()).status).toBe('succeeded');

    const after = await exported(first.id);
    expect(after.bundle).toBe(before.bundle);
    expect(after.blobs).toEqual(before.blobs);
    expect((await evidence.verify()).ok).toBe(true);
    await knex.destroy();
  });
});
