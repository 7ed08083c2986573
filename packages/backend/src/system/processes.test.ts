import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { Knex } from 'knex';
import request from 'supertest';
import { BackendProcess, ChildDatabase } from './__testUtils__/backendProcess';
import {
  eventually,
  logPostgresSkipped,
  postgresConnectionString,
} from '@backstage-jumpcloud/test-utils';
import {
  API,
  allFindings,
  createConnection,
  getJson,
  settledCatalog,
  startSync,
  syncAndWait,
  waitForRun,
} from './__testUtils__/jumpcloudApi';
import { callers } from './__testUtils__/systemBackend';

jest.setTimeout(300_000);

const postgres = postgresConnectionString();
if (!postgres) logPostgresSkipped('processes.test.ts');
const kinds = postgres
  ? (['SQLITE_3', 'POSTGRES_15'] as const)
  : (['SQLITE_3'] as const);
const newDatabase = (kind: 'SQLITE_3' | 'POSTGRES_15') =>
  kind === 'SQLITE_3'
    ? ChildDatabase.sqlite()
    : ChildDatabase.postgres(postgres!);

const SNAPSHOT_TABLES = [
  'jc_devices',
  'jc_users',
  'jc_groups',
  'jc_group_members',
  'jc_bindings',
  'jc_policies',
  'jc_policy_results',
  'jc_insights',
  'jc_admins',
  'jc_org_objects',
];

/** Snapshot rows of one run, per table, read straight from the database. */
async function snapshotRows(knex: Knex, runId: string) {
  const counts: Record<string, number> = {};
  for (const table of SNAPSHOT_TABLES) {
    const [{ n }] = await knex(table)
      .where({ run_id: runId })
      .count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

const findingKey = (f: any) => `${f.id} ${f.checkId} ${f.entityId} ${f.status}`;
/** The parts of a run that say whether it succeeded, for readable failures. */
const outcome = (run: {
  status: string;
  error: unknown;
  failedDataTypes: unknown;
}) => ({
  status: run.status,
  error: run.error,
  failedDataTypes: run.failedDataTypes,
});
const SUCCEEDED = { status: 'succeeded', error: null, failedDataTypes: {} };
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(kinds)('a backend process killed mid-sync on %s', kind => {
  it('closes the dead run as failed on restart; the next sync equals a clean one', async () => {
    const sim = await startSimulator({
      seed: 11,
      size: { devices: 10, users: 30, groups: 5, policies: 4, events: 30 },
    });
    const database = newDatabase(kind);
    const jumpcloud = {
      encryptionSecret: 'process-kill-secret-0123456789abcdef',
      allowedHosts: [new URL(sim.url).host],
      sync: {
        requestsPerSecond: 1000,
        maxConcurrency: 4,
        // A dead run is recognised 15 s after its last heartbeat (default 2
        // minutes); a sync may take 20 s at most (default 30 minutes).
        staleAfter: 'PT15S',
        timeout: 'PT20S',
      },
    };
    const processes: BackendProcess[] = [];
    const knex = () => database.open('jumpcloud');
    let db: Knex | undefined;
    try {
      const first = await BackendProcess.start({
        name: 'first',
        database,
        jumpcloud,
      });
      processes.push(first);
      const connectionId = await createConnection(first.url, {
        name: 'kill',
        apiUrl: sim.url,
        apiKey: sim.keys.readOnly,
      });

      // The reference: a clean sync.
      const clean = await syncAndWait(first.url, connectionId);
      expect(outcome(clean)).toEqual(SUCCEEDED);
      const cleanFindings = await allFindings(first.url, connectionId);
      expect(cleanFindings.length).toBeGreaterThan(0);
      const cleanEntities = await settledCatalog(first.url, connectionId);
      db = knex();
      const cleanRows = await snapshotRows(db, clean.id);
      expect(cleanRows.jc_devices).toBe(10);

      // A slow sync (every JumpCloud answer takes 400 ms), killed while
      // its run is running.
      sim.control.addFault({ type: 'slow', delayMs: 400, times: 0 });
      const killedRunId = await startSync(first.url, connectionId);
      const running = await eventually(async () => {
        const run = await getJson(first.url, `/runs/${killedRunId}`);
        if (run.status !== 'running' || !Object.keys(run.counts).length) {
          throw new Error(
            `run ${run.status}, counts ${JSON.stringify(run.counts)}`,
          );
        }
        return run;
      }, 30_000);
      expect(['fetch', 'store']).toContain(running.stage);
      expect(await first.kill()).toBe('SIGKILL');
      sim.control.clearFaults();

      // Killed: the run is still "running" in the database until a live
      // process finds its last heartbeat older than staleAfter.
      const row = await db('jc_sync_runs').where({ id: killedRunId }).first();
      expect(row.status).toBe('running');
      const heartbeatAt = Date.parse(row.heartbeat_at);
      expect(heartbeatAt).toBeGreaterThan(Date.now() - 60_000);
      // Restart once it is stale, so the restarted process closes it as it
      // starts taking syncs.
      await sleep(Math.max(0, heartbeatAt + 15_000 - Date.now()) + 1_000);

      const second = await BackendProcess.start({
        name: 'second',
        database,
        jumpcloud,
      });
      processes.push(second);

      // Closed at start-up as failed, with a reason; its rows are gone.
      const killed = await getJson(second.url, `/runs/${killedRunId}`);
      expect(killed).toMatchObject({
        status: 'failed',
        error: {
          kind: 'internal',
          message: expect.stringMatching(/stopped before it finished/),
        },
      });
      expect(second.output()).toMatch(
        new RegExp(`Closed stale JumpCloud sync run ${killedRunId}`),
      );
      expect(Object.values(await snapshotRows(db, killedRunId))).toEqual(
        SNAPSHOT_TABLES.map(() => 0),
      );
      const connection = await getJson(
        second.url,
        `/connections/${connectionId}`,
      );
      expect(connection.latestCompleteRunId).toBe(clean.id);

      // The next sync succeeds, and nothing is lost or duplicated.
      const next = await syncAndWait(second.url, connectionId);
      expect(outcome(next)).toEqual(SUCCEEDED);
      expect(next.counts).toEqual(clean.counts);
      // Its changes (none) applied to the rows the clean sync labelled;
      // nothing of its own or of the killed run is left beside them.
      expect(await snapshotRows(db, clean.id)).toEqual(cleanRows);
      expect(Object.values(await snapshotRows(db, next.id))).toEqual(
        SNAPSHOT_TABLES.map(() => 0),
      );
      for (const table of SNAPSHOT_TABLES)
        expect(await db(table).whereNotNull('superseded_by')).toEqual([]);
      const findings = await allFindings(second.url, connectionId);
      expect(findings.map(findingKey)).toEqual(cleanFindings.map(findingKey));
      const pairs = findings.map((f: any) => `${f.checkId} ${f.entityId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      const entities = await settledCatalog(second.url, connectionId);
      const refs = entities.map(e => e.ref);
      expect(refs).toEqual(cleanEntities.map(e => e.ref));
      expect(new Set(refs).size).toBe(refs.length);
      expect(
        (await db('jc_sync_runs').where({ connection_id: connectionId }))
          .map(r => r.status)
          .sort(),
      ).toEqual(['failed', 'succeeded', 'succeeded']);
      const verify = await request(second.url)
        .post(`${API}/evidence/verify`)
        .query({ connectionId })
        .set('authorization', callers.admin());
      expect(verify.body.ok).toBe(true);
    } finally {
      for (const p of processes) await p.stop();
      await db?.destroy();
      await sim.close();
      await database.dispose();
    }
  });
});

// Two replicas need a shared server database.
(postgres ? describe : describe.skip)(
  'two backend processes on one PostgreSQL',
  () => {
    it('run one sync per connection at a time and serve the same reads while syncing', async () => {
      const sim = await startSimulator({
        seed: 12,
        size: { devices: 10, users: 20, groups: 5, policies: 4, events: 30 },
        // Stretches each sync over a few seconds, so triggers and reads
        // land while it runs.
        latencyMs: 40,
      });
      const database = ChildDatabase.postgres(postgres!);
      const jumpcloud = {
        encryptionSecret: 'process-pair-secret-0123456789abcdef',
        allowedHosts: [new URL(sim.url).host],
        sync: { requestsPerSecond: 1000, maxConcurrency: 4 },
        connections: [
          {
            // Due at start-up on both processes.
            name: 'scheduled',
            apiUrl: sim.url,
            apiKey: sim.keys.readOnly,
            syncFrequency: 'hourly',
            users: 'link',
          },
          {
            name: 'manual',
            apiUrl: sim.url,
            apiKey: sim.keys.admin,
            syncFrequency: 'off',
            users: 'link',
          },
        ],
      };
      const processes: BackendProcess[] = [];
      let db: Knex | undefined;
      try {
        // One after the other: on an empty database, simultaneous first
        // starts race on creating the migration tables (the catalog's and
        // the jumpcloud plugin's) and one process fails to start.
        const a = await BackendProcess.start({
          name: 'a',
          database,
          jumpcloud,
        });
        processes.push(a);
        const b = await BackendProcess.start({
          name: 'b',
          database,
          jumpcloud,
        });
        processes.push(b);
        db = database.open('jumpcloud');
        const connections: Array<{ id: string; name: string }> = await getJson(
          a.url,
          '/connections',
        );
        expect(connections.map(c => c.name).sort()).toEqual([
          'manual',
          'scheduled',
        ]);

        // At most one queued or running run per connection, sampled
        // throughout.
        let sampling = true;
        const overlaps: unknown[] = [];
        let samples = 0;
        const sampler = (async () => {
          while (sampling) {
            const rows = await db!('jc_sync_runs')
              .whereIn('status', ['queued', 'running'])
              .select('connection_id');
            samples += 1;
            const ids = rows.map(r => r.connection_id);
            if (new Set(ids).size !== ids.length) overlaps.push(rows);
            await sleep(50);
          }
        })();

        // Sync Now on both processes at once, five times each, for both
        // connections (the scheduled one may still be running its
        // start-up run: Sync Now then joins it).
        const triggers = connections.flatMap(c =>
          [a, b].flatMap(p =>
            Array.from({ length: 5 }, () =>
              request(p.url)
                .post(`${API}/connections/${c.id}/sync`)
                .set('authorization', callers.admin())
                .send({}),
            ),
          ),
        );
        const responses = await Promise.all(triggers);
        expect(responses.map(r => r.status)).toEqual(responses.map(() => 202));
        const runIds = new Map<string, Set<string>>();
        responses.forEach((r, i) => {
          const connectionId = connections[Math.floor(i / 10)].id;
          runIds.set(
            connectionId,
            (runIds.get(connectionId) ?? new Set()).add(r.body.id),
          );
        });
        // Ten concurrent Sync Now requests of the manual connection share
        // one run; the scheduled one's may also have joined its start-up run
        // until it ended.
        const manual = connections.find(c => c.name === 'manual')!;
        const scheduled = connections.find(c => c.name === 'scheduled')!;
        expect(runIds.get(manual.id)!.size).toBe(1);
        expect(runIds.get(scheduled.id)!.size).toBeLessThanOrEqual(2);

        // Reads while syncing: b's answer, taken between two equal answers
        // of a, must be the same.
        const read = async (url: string, connectionId: string) => {
          const connection = await getJson(url, `/connections/${connectionId}`);
          const findings = await allFindings(url, connectionId);
          return {
            latestCompleteRunId: connection.latestCompleteRunId,
            findings: findings.length,
          };
        };
        let compared = 0;
        const differences: unknown[] = [];
        const pending = () =>
          db!('jc_sync_runs').whereIn('status', ['queued', 'running']);
        while ((await pending()).length > 0) {
          for (const c of connections) {
            const before = await read(a.url, c.id);
            const other = await read(b.url, c.id);
            const after = await read(a.url, c.id);
            if (JSON.stringify(before) !== JSON.stringify(after)) continue;
            compared += 1;
            if (JSON.stringify(other) !== JSON.stringify(before)) {
              differences.push({ connection: c.name, a: before, b: other });
            }
          }
        }
        expect(differences).toEqual([]);
        for (const [connectionId, ids] of runIds) {
          for (const id of ids) {
            const run = await waitForRun(b.url, id);
            expect({ connectionId, status: run.status }).toEqual({
              connectionId,
              status: 'succeeded',
            });
          }
        }
        // Let both schedulers poll again: nothing new may start.
        await sleep(5_000);
        sampling = false;
        await sampler;
        expect(overlaps).toEqual([]);
        expect(samples).toBeGreaterThan(10);
        expect(compared).toBeGreaterThan(0);

        const runs = await db('jc_sync_runs').select(
          'connection_id',
          'status',
          'claimed_by',
        );
        expect(runs.every(r => r.status === 'succeeded')).toBe(true);
        // The scheduled connection: its start-up run, plus the Sync Now run
        // if it did not join it; the manual one: exactly the Sync Now run.
        expect(runs.filter(r => r.connection_id === manual.id)).toHaveLength(1);
        expect(
          runs.filter(r => r.connection_id === scheduled.id).length,
        ).toBeLessThanOrEqual(2);

        // Settled: both serve the same latest run and findings.
        for (const c of connections) {
          expect(await read(b.url, c.id)).toEqual(await read(a.url, c.id));
        }
      } finally {
        for (const p of processes) await p.stop();
        await db?.destroy();
        await sim.close();
        await database.dispose();
      }
    });
  },
);
