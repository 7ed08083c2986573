/* eslint-disable jest/no-conditional-expect -- table-driven: each fault case states which outcome applies */
import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { TestDatabases } from '@backstage/backend-test-utils';
import type { Server } from 'node:http';
import request from 'supertest';
import { DatabaseFaults } from './__testUtils__/databaseFaults';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  API,
  allFindings,
  catalogEntities,
  createConnection,
  getJson,
  refreshCatalogProvider,
  settledCatalog,
  syncAndWait,
  type RunView,
} from './__testUtils__/jumpcloudApi';
import { SecretSweep } from './__testUtils__/secretSweep';
import { callers, startSystemBackend } from './__testUtils__/systemBackend';

jest.setTimeout(180_000);

const { databases, ids } = createTestDatabases({ suite: 'faults.test.ts' });

// Two interchangeable Read Only keys: one is revoked by a fault, the other
// is pasted into the connection afterwards, as an admin would.
const KEY_A = 'jcsim_system_fault_key_a_0001';
const KEY_B = 'jcsim_system_fault_key_b_0002';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

interface FaultCase {
  name: string;
  stage: string;
  inject(ctx: { sim: Simulator; db: DatabaseFaults }): unknown;
  /**
   * How the run must end: `partial` (applied with a gap) where the fault
   * hits supplementary data only; `failed` (nothing applied) where it hits
   * devices, users or what the catalog needs with them, or the whole run;
   * `succeeded` only where the client heals the fault inside the run (then
   * the data must be as complete as before).
   */
  status: 'partial' | 'failed' | 'succeeded';
  /** Error kind of the run (failed) or of a failed data type (partial). */
  kind: string;
  /** The data types a `partial` run could not read (the first is the one hit). */
  gaps?: string[];
  /** Restores what the fault broke outside the data (e.g. a revoked key). */
  repair?(server: Server, connectionId: string): Promise<void>;
}

const CASES: FaultCase[] = [
  {
    name: '5xx burst',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'status',
        status: 503,
        times: 0,
        pathPrefix: '/api/v2/systeminsights',
      }),
    status: 'partial',
    kind: 'unavailable',
    gaps: ['systemInsights'],
  },
  {
    name: '429 storm',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'status',
        status: 429,
        times: 0,
        pathPrefix: '/api/v2/policies',
      }),
    status: 'partial',
    kind: 'rate_limited',
    // Policy results are read per policy: without the list, none can be.
    gaps: ['policies', 'policyStatuses'],
  },
  {
    // One System Insights table answers slower than
    // jumpcloud.sync.requestTimeout (PT1S below) on every attempt, retries
    // included (one table: the client's backoff makes each ~15 s).
    name: 'request timeout',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'slow',
        delayMs: 1_500,
        times: 0,
        pathPrefix: '/api/v2/systeminsights/disk_encryption',
      }),
    status: 'partial',
    kind: 'timeout',
    gaps: ['systemInsights'],
  },
  {
    name: 'malformed JSON',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'malformed',
        times: 0,
        pathPrefix: '/api/v2/usergroups',
      }),
    // User groups are essential (the catalog's memberships): not applied.
    status: 'failed',
    kind: 'malformed_response',
  },
  {
    name: 'short pages',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'shortPages',
        times: 0,
        pathPrefix: '/api/systemusers',
      }),
    // The client re-requests the missing range of a short page, so the run
    // completes with every record instead of ending partial.
    status: 'succeeded',
    kind: 'none',
  },
  {
    name: 'key revoked mid-sync',
    stage: 'fetch',
    inject: ({ sim }) =>
      sim.control.addFault({
        type: 'revokeKey',
        key: KEY_A,
        atRequest: sim.control.counters().total + 10,
      }),
    status: 'failed',
    kind: 'revoked_key',
    async repair(server, connectionId) {
      const res = await request(server)
        .patch(`${API}/connections/${connectionId}`)
        .set('authorization', callers.admin())
        .send({ apiKey: KEY_B });
      if (res.status !== 200) throw new Error(`key rotation: ${res.text}`);
    },
  },
  {
    name: 'database unavailable while storing the snapshot',
    stage: 'store',
    // A re-sync of unchanged data writes no device row (it stores what
    // changed), but it looks each page up among the applied rows.
    inject: ({ db }) => db.hideTable('jc_devices'),
    status: 'failed',
    kind: 'database',
  },
  {
    name: 'database unavailable while evaluating checks',
    stage: 'evaluate',
    inject: ({ db }) => db.hideTable('jc_exceptions'),
    status: 'failed',
    kind: 'database',
  },
  {
    name: 'database unavailable while sealing findings and evidence',
    stage: 'seal',
    // Findings that did not change are not written; every seal records
    // the run's posture point in the same transaction.
    inject: ({ db }) => db.refuseWrites('jc_posture_points'),
    status: 'failed',
    kind: 'database',
  },
];

/** What must survive a failed run untouched, and come back after recovery. */
const findingKey = (f: any) => `${f.id} ${f.checkId} ${f.entityId} ${f.status}`;

describe.each(ids)(
  'fault matrix on %s: a fault on supplementary data leaves a gap, any other fails the run; nothing downstream changes from data not read',
  databaseId => {
    let sim: Simulator;
    let backend: Awaited<ReturnType<typeof startSystemBackend>>['backend'];
    let server: Server;
    let logs: Awaited<ReturnType<typeof startSystemBackend>>['logs'];
    let db: DatabaseFaults;
    let knex: Awaited<ReturnType<TestDatabases['init']>>;
    let connectionId: string;
    let baselineEntities: unknown[];
    let baselineFindings: any[];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    const sweep = new SecretSweep([KEY_A, KEY_B]);

    beforeAll(async () => {
      process.on('unhandledRejection', onUnhandled);
      sim = await startSimulator({
        seed: 7,
        // Users over one page (100) so short pages have something to cut.
        size: { devices: 8, users: 110, groups: 5, policies: 4, events: 30 },
        extraKeys: {
          [KEY_A]: { role: 'Read Only' },
          [KEY_B]: { role: 'Read Only' },
        },
      });
      knex = await databases.init(databaseId);
      db = new DatabaseFaults(knex);
      ({ backend, server, logs } = await startSystemBackend({
        newDatabase: () => databases.init(databaseId),
        jumpcloudDatabase: knex,
        jumpcloud: {
          encryptionSecret: 'fault-matrix-secret-0123456789abcdef',
          allowedHosts: [new URL(sim.url).host],
          sync: {
            requestsPerSecond: 1000,
            maxConcurrency: 8,
            requestTimeout: 'PT1S',
          },
        },
      }));
      connectionId = await createConnection(server, {
        name: 'faults',
        apiUrl: sim.url,
        apiKey: KEY_A,
        // Devices and groups only: 110 User entities would slow the catalog
        // down without adding to what the matrix checks.
        users: 'link',
      });
      const first = await syncAndWait(server, connectionId);
      if (first.status !== 'succeeded') {
        throw new Error(
          `baseline sync ${first.status}: ${JSON.stringify(first)}`,
        );
      }
      baselineEntities = await settledCatalog(server, connectionId);
      baselineFindings = await allFindings(server, connectionId);
      if (!baselineFindings.length) throw new Error('baseline has no findings');
    });

    afterAll(async () => {
      process.off('unhandledRejection', onUnhandled);
      await backend?.stop();
      await db?.clear();
      await sim?.close();
    });

    it.each(CASES.map(c => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await getJson(server, `/connections/${connectionId}`);
      const findingsBefore = await allFindings(server, connectionId);
      const entitiesBefore = await catalogEntities(server, connectionId);
      await c.inject({ sim, db });
      let run: RunView;
      let firedResponseFaults = 0;
      try {
        run = await syncAndWait(server, connectionId, 90_000);
      } finally {
        firedResponseFaults = sim.control
          .listFaults()
          .reduce((n, f) => n + f.fired, 0);
        sim.control.clearFaults();
        await db.clear();
      }
      if (c.stage === 'fetch' && c.name !== 'key revoked mid-sync') {
        expect(firedResponseFaults).toBeGreaterThan(0);
      }
      sweep.response(`run ${c.name}`, {
        status: 200,
        text: JSON.stringify(run),
      });

      // The run ends partial or failed, in the right stage, with the right kind.
      expect({ status: run.status, stage: run.stage }).toEqual({
        status: c.status,
        // An applied run (with or without gaps) went through every stage.
        stage: c.status === 'failed' ? c.stage : null,
      });
      if (c.status === 'succeeded') {
        const previous = await getJson(
          server,
          `/runs/${before.latestCompleteRunId}`,
        );
        expect(run).toMatchObject({ stage: null, failedDataTypes: {} });
        expect(run.counts).toEqual(previous.counts);
        expect(
          (await allFindings(server, connectionId)).map(findingKey),
        ).toEqual(findingsBefore.map(findingKey));
        return;
      }
      const after = await getJson(server, `/connections/${connectionId}`);
      if (c.status === 'failed') {
        expect(run.error?.kind).toBe(c.kind);
        // Nothing downstream moved: pointer, findings, catalog (after the
        // provider has read the backend again).
        expect(after.latestCompleteRunId).toBe(before.latestCompleteRunId);
        expect(await allFindings(server, connectionId)).toEqual(findingsBefore);
      } else {
        // Applied with a gap: the run says what it could not read; the
        // same devices and users move the pointer, and no finding changes
        // (checks of the missing type keep theirs, the others see the same
        // data).
        expect(run.coverage[c.gaps![0]]).toMatchObject({
          state: 'failed',
          error: { kind: c.kind },
        });
        expect(
          Object.entries(run.coverage)
            .filter(([, entry]) => entry.state !== 'complete')
            .map(([type]) => type),
        ).toEqual(c.gaps);
        expect(after.latestCompleteRunId).toBe(run.id);
        expect(after.statusReason).toMatch(/Last sync could not read/);
        expect(
          (await allFindings(server, connectionId)).map(findingKey),
        ).toEqual(findingsBefore.map(findingKey));
      }
      await refreshCatalogProvider(server);
      expect(await catalogEntities(server, connectionId)).toEqual(
        entitiesBefore,
      );

      // The next clean sync recovers fully.
      await c.repair?.(server, connectionId);
      const recovery = await syncAndWait(server, connectionId);
      expect(recovery.status).toBe('succeeded');
      const recovered = await getJson(server, `/connections/${connectionId}`);
      expect(recovered.latestCompleteRunId).toBe(recovery.id);
      expect((await allFindings(server, connectionId)).map(findingKey)).toEqual(
        baselineFindings.map(findingKey),
      );
      const verify = await request(server)
        .post(`${API}/evidence/verify`)
        .query({ connectionId })
        .set('authorization', callers.admin());
      expect(verify.status).toBe(200);
      expect(verify.body.ok).toBe(true);
      // The completed sync's event refreshes the catalog to the same content.
      expect(await catalogEntities(server, connectionId)).toHaveLength(
        baselineEntities.length,
      );
    });

    it('had no unhandled rejection and leaked no key', async () => {
      expect(unhandled).toEqual([]);
      expect(logs.lines.filter(l => /unhandled|uncaught/i.test(l))).toEqual([]);
      await sweep.database(knex);
      sweep.logs(logs.lines);
      expect(sweep.leaks()).toEqual([]);
    });
  },
);
