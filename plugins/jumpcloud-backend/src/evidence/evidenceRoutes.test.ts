import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  EvidenceRun,
  EvidenceVerification,
  HistoryEntry,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  createService,
  insertConnection,
  manualClock,
  migrated,
  runContext,
  sealRun,
} from '../evaluation/__testUtils__/harness';
import { HistoryStore } from '../runs/HistoryStore';
import { createEvidenceRoutes } from './evidenceRoutes';

jest.setTimeout(60_000);

const READER = 'user:default/bob';
/** Signed in, but without jumpcloud.read. */
const OUTSIDER = 'user:default/eve';
const as = (user: string) => mockCredentials.user.header(user);

const { databases, ids } = createTestDatabases();

async function startApp(databaseId: (typeof ids)[number]) {
  const knex = await migrated(await databases.init(databaseId));
  await insertConnection(knex, 'c1', 'acme-production');
  await insertConnection(knex, 'c2', 'acme-staging');
  const clock = manualClock('2026-03-01T10:00:00.000Z');
  const service = createService(knex, clock);
  const history = new HistoryStore(knex);
  const permissions = mockServices.permissions.mock({
    async authorize(requests, options) {
      const principal = (
        options?.credentials as { principal?: { userEntityRef?: string } }
      )?.principal;
      return requests.map(r => ({
        result:
          r.permission.name === jumpcloudReadPermission.name &&
          principal?.userEntityRef === READER
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any;
    },
  });
  const app = express();
  app.use(
    createEvidenceRoutes({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor: mockServices.auditor.mock(),
      evidence: service.evidence,
      history,
      now: clock,
    }),
  );
  app.use(mockErrorHandler());
  return { app, service, clock, knex, history };
}

/** Flips one byte in the middle of a sealed population's stored bytes. */
async function tamperPopulation(knex: Knex, runId: string, name: string) {
  const row = await knex('jc_evidence_populations')
    .where({ run_id: runId, name })
    .first();
  const content = Buffer.from(row.content);
  content[Math.floor(content.length / 2)] ^= 0xff;
  await knex('jc_evidence_populations')
    .where({ run_id: runId, name })
    .update({ content });
}

describe.each(ids)('evidence routes on %s', databaseId => {
  let harness: Awaited<ReturnType<typeof startApp>>;
  const sealed: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startApp(databaseId);
    const { service, clock } = harness;
    // c1 on 1 March and 3 March, c2 on 2 March (10:00 UTC each).
    sealed.c1First = (await sealRun(service, runContext(clock))).manifest.runId;
    clock.advance(1);
    const staging = {
      ...runContext(clock),
      connectionId: 'c2',
      connectionName: 'acme-staging',
    };
    sealed.c2 = (await sealRun(service, staging)).manifest.runId;
    clock.advance(1);
    sealed.c1Second = (
      await sealRun(service, runContext(clock))
    ).manifest.runId;
  });

  const api = () => request(harness.app);
  const list = async (query: string) => {
    const response = await api()
      .get(`/evidence${query}`)
      .set('authorization', as(READER));
    expect(response.status).toBe(200);
    return response.body.items as EvidenceRun[];
  };

  it('lists sealed runs newest first with populations, open findings and the chain link', async () => {
    const runs = await list('');
    expect(runs.map(r => r.runId)).toEqual([
      sealed.c1Second,
      sealed.c2,
      sealed.c1First,
    ]);
    const [second, , first] = runs;
    expect(second.previousHash).toBe(first.hash);
    expect(first.previousHash).toBeNull();
    expect(second.populationCounts).toMatchObject({
      devices: expect.any(Number),
      users: expect.any(Number),
      admins: expect.any(Number),
    });
    expect(second.populationCounts.devices).toBeGreaterThan(0);
    expect(second.openFindings).toEqual(expect.any(Number));
    expect(second.coverage === undefined || second.coverage.dataTypes).toBe(
      true,
    );
  });

  it('gives the run in force at a date, per connection', async () => {
    const between = await list('?asOf=2026-03-02T12:00:00Z');
    expect(between.map(r => r.runId).sort()).toEqual(
      [sealed.c1First, sealed.c2].sort(),
    );
    // A date alone means the end of that day (UTC).
    const dateOnly = await list('?asOf=2026-03-03');
    expect(dateOnly.map(r => r.runId).sort()).toEqual(
      [sealed.c1Second, sealed.c2].sort(),
    );
    expect(await list('?asOf=2026-02-28T23:59:59Z')).toEqual([]);
    expect(
      (await list('?asOf=2026-03-05&connectionId=c1')).map(r => r.runId),
    ).toEqual([sealed.c1Second]);
  });

  it('refuses a date that is not one with a 400 naming the field', async () => {
    for (const asOf of ['yesterday', '2026-13-45', '2026-03-02T25:00:00Z']) {
      const response = await api()
        .get(`/evidence?asOf=${encodeURIComponent(asOf)}`)
        .set('authorization', as(READER));
      expect([asOf, response.status]).toEqual([asOf, 400]);
      expect(response.body.error.fields).toHaveProperty('asOf');
    }
  });

  it('lets only readers with jumpcloud.read list, export and verify', async () => {
    const listAnon = await api()
      .get('/evidence')
      .set('authorization', mockCredentials.none.header());
    expect(listAnon.status).toBe(401);
    for (const [method, path] of [
      ['get', '/evidence'],
      ['get', `/evidence/${sealed.c2}/export?format=csv`],
      ['post', '/evidence/verify'],
    ] as const) {
      const response = await api()
        [method](path)
        .set('authorization', as(OUTSIDER));
      expect([path, response.status]).toEqual([path, 403]);
    }
  });

  it('verifies the chain, names the broken run after tampering, and keeps both in History', async () => {
    const { knex, history } = harness;
    const verify = async () => {
      const response = await api()
        .post('/evidence/verify')
        .set('authorization', as(READER));
      expect(response.status).toBe(200);
      return response.body as EvidenceVerification;
    };
    const intact = await verify();
    expect(intact).toMatchObject({
      ok: true,
      checkedRuns: 3,
      firstTamperedRunId: null,
      verifiedBy: READER,
      verifiedAt: '2026-03-03T10:00:00.000Z',
    });
    expect(intact.connections.find(c => c.connectionId === 'c1')).toMatchObject(
      {
        connectionName: 'acme-production',
        checkedRuns: 2,
        lastVerifiedRunId: sealed.c1Second,
        tamperedRunId: null,
      },
    );

    await tamperPopulation(knex, sealed.c1First, 'devices');
    harness.clock.set('2026-03-03T11:00:00.000Z');
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstTamperedRunId).toBe(sealed.c1First);
    expect(broken.reason).toMatch(/population devices/);
    expect(broken.connections.find(c => c.connectionId === 'c1')).toMatchObject(
      { lastVerifiedRunId: null, tamperedRunId: sealed.c1First },
    );
    expect(broken.connections.find(c => c.connectionId === 'c2')).toMatchObject(
      { lastVerifiedRunId: sealed.c2, tamperedRunId: null },
    );

    const page = await history.list({
      action: 'evidence_verify',
      limit: 10,
      offset: 0,
      order: 'asc',
    });
    const entries: HistoryEntry[] = page.items;
    expect(entries.map(e => [e.actor, e.status])).toEqual([
      [READER, 'succeeded'],
      [READER, 'failed'],
    ]);
    expect(entries[1]).toMatchObject({
      connectionName: 'All connections',
      runId: sealed.c1First,
      error: { kind: 'tampered' },
    });
    expect(entries[1].error!.message).toContain(
      `Run ${sealed.c1First} (acme-production)`,
    );
  });

  it('records a single connection verification under that connection', async () => {
    const response = await api()
      .post('/evidence/verify?connectionId=c2')
      .set('authorization', as(READER));
    expect(response.body).toMatchObject({ ok: true, checkedRuns: 1 });
    const page = await harness.history.list({
      connectionId: 'c2',
      limit: 10,
      offset: 0,
      order: 'desc',
    });
    expect(page.items[0]).toMatchObject({
      action: 'evidence_verify',
      connectionName: 'acme-staging',
      runId: sealed.c2,
      status: 'succeeded',
    });
  });
});
