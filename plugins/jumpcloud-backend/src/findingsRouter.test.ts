import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import AdmZip from 'adm-zip';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  createService,
  insertConnection,
  manualClock,
  migrated,
  runContext,
  sealRun,
} from './evaluation/__testUtils__/harness';
import { csvSafe } from './evidence/csvSafe';
import { ConnectionsStore } from './connections/ConnectionsStore';
import { HistoryStore } from './runs/HistoryStore';
import { createFindingsRouter } from './findingsRouter';

jest.setTimeout(60_000);

const ADMIN = 'user:default/ada';
const READER = 'user:default/bob';
const asAdmin = () => mockCredentials.user.header(ADMIN);
const asReader = () => mockCredentials.user.header(READER);

const { databases, ids } = createTestDatabases();

/** A tiny harness: the findings router in express with Backstage's mock services. */
async function startApp(databaseId: (typeof ids)[number]) {
  const knex = await migrated(await databases.init(databaseId));
  await insertConnection(knex);
  const clock = manualClock();
  const service = createService(knex, clock);
  const events: Array<{ eventId: string; meta?: unknown; outcome?: string }> =
    [];
  const auditor = mockServices.auditor.mock({
    async createEvent(options) {
      const event = {
        eventId: options.eventId,
        meta: options.meta,
        outcome: undefined as string | undefined,
      };
      events.push(event);
      return {
        async success() {
          event.outcome = 'success';
        },
        async fail() {
          event.outcome = 'fail';
        },
      };
    },
  });
  const permissions = mockServices.permissions.mock({
    async authorize(requests, options) {
      const principal = (
        options?.credentials as {
          principal?: { type?: string; userEntityRef?: string };
        }
      )?.principal;
      return requests.map(r => ({
        result:
          principal?.type === 'user' &&
          (r.permission.name !== jumpcloudConnectionManagePermission.name ||
            principal.userEntityRef === ADMIN)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any;
    },
  });
  const app = express();
  app.use(express.json());
  app.use(
    createFindingsRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      ...service.units,
      connections: new ConnectionsStore(knex),
      history: new HistoryStore(knex),
      clock,
    }),
  );
  app.use(mockErrorHandler());
  return { app, service, clock, knex, events };
}

describe.each(ids)('findings routes on %s', databaseId => {
  let harness: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    harness = await startApp(databaseId);
    const { service, clock } = harness;
    await sealRun(
      service,
      runContext(clock, s => {
        s.organization!.settings!.requireAdminMFA = false;
        s.users[0].sudo = true;
        s.users.push({
          ...s.users[0],
          _id: 'u2',
          username: 'bob',
          email: 'bob@example.com',
          employeeIdentifier: 'E2',
          sudo: false,
          passwordless_sudo: true,
        });
      }),
    );
  });

  const api = () => request(harness.app);

  it('requires authentication and the right permission', async () => {
    for (const path of [
      '/findings',
      '/checks',
      '/exceptions',
      '/posture',
      '/posture/trend',
      '/evidence',
    ]) {
      expect([
        path,
        (
          await api()
            .get(path)
            .set('authorization', mockCredentials.none.header())
        ).status,
      ]).toEqual([path, 401]);
      expect([
        path,
        (await api().get(path).set('authorization', asReader())).status,
      ]).toEqual([path, 200]);
    }
    const denied = await api()
      .post('/exceptions')
      .set('authorization', asReader())
      .send({});
    expect(denied.status).toBe(403);
    expect(
      (await api().delete('/exceptions/x').set('authorization', asReader()))
        .status,
    ).toBe(403);
  });

  it('serves the check catalogue', async () => {
    const res = await api().get('/checks').set('authorization', asReader());
    expect(res.body.length).toBeGreaterThanOrEqual(45);
    expect(
      res.body.find((c: { id: string }) => c.id === 'DEV-01'),
    ).toMatchObject({
      entityKind: 'device',
      severity: 'high',
      enabled: true,
      frameworks: { cis: ['3.6'] },
    });
  });

  it('filters, searches, sorts and pages findings', async () => {
    const all = await api().get('/findings').set('authorization', asReader());
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBeGreaterThanOrEqual(3);
    expect(all.body.items[0].severity).toBe('critical');

    const high = await api()
      .get('/findings?severity=high&checkId=USR-06')
      .set('authorization', asReader());
    expect(
      high.body.items.map((f: { entityName: string }) => f.entityName).sort(),
    ).toEqual(['alice', 'bob']);

    // Several entities at once, as a notification to their owner links them.
    const [alice, bob] = (high.body.items as Array<{ entityId: string }>).map(
      f => f.entityId,
    );
    for (const query of [`${alice},${bob}`, alice]) {
      const owned = await api()
        .get(`/findings?checkId=USR-06&entityId=${encodeURIComponent(query)}`)
        .set('authorization', asReader());
      expect(
        owned.body.items.map((f: { entityId: string }) => f.entityId).sort(),
      ).toEqual(query.split(',').sort());
    }

    const paged = await api()
      .get(
        '/findings?checkId=USR-06&limit=1&offset=1&sort=entityName&order=asc',
      )
      .set('authorization', asReader());
    expect(paged.body).toMatchObject({ totalCount: 2, limit: 1, offset: 1 });
    expect(paged.body.items[0].entityName).toBe('bob');

    const search = await api()
      .get('/findings?q=BOB')
      .set('authorization', asReader());
    expect(
      search.body.items.every(
        (f: { entityName: string }) => f.entityName === 'bob',
      ),
    ).toBe(true);

    const searchSorted = await api()
      .get('/findings?q=usr-06&sort=entityName&order=desc')
      .set('authorization', asReader());
    expect(
      searchSorted.body.items.map((f: { entityName: string }) => f.entityName),
    ).toEqual(['bob', 'alice']);

    // A search in the default order (most severe first, then by id), page
    // by page, is the matching part of the whole list in the same order.
    type Item = Record<string, string>;
    const whole: Item[] = (
      await api().get('/findings?limit=1000').set('authorization', asReader())
    ).body.items;
    const matching = whole.filter(f =>
      [f.entityName, f.entityId, f.checkId, f.checkTitle, f.message]
        .join(' ')
        .toLowerCase()
        .includes('e'),
    );
    expect(matching.length).toBeGreaterThan(2);
    const pages: Item[] = [];
    for (let offset = 0; offset < matching.length; offset += 2) {
      const searched = await api()
        .get(`/findings?q=E&limit=2&offset=${offset}`)
        .set('authorization', asReader());
      expect(searched.body.totalCount).toBe(matching.length);
      pages.push(...searched.body.items);
    }
    expect(pages.map(f => f.id)).toEqual(matching.map(f => f.id));
    // Wildcards and case are plain text to a search.
    for (const term of ['%', '_', '\\', 'USR-0', 'Alice']) {
      const count = whole.filter(f =>
        [f.entityName, f.entityId, f.checkId, f.checkTitle, f.message]
          .join(' ')
          .toLowerCase()
          .includes(term.toLowerCase()),
      ).length;
      const searched = await api()
        .get(`/findings?q=${encodeURIComponent(term)}&limit=1`)
        .set('authorization', asReader());
      expect([term, searched.body.totalCount]).toEqual([term, count]);
    }

    const iso = await api()
      .get('/findings?framework=iso27001:A.8.5')
      .set('authorization', asReader());
    expect(iso.body.items.map((f: { checkId: string }) => f.checkId)).toContain(
      'ORG-01',
    );
    const cis = await api()
      .get('/findings?framework=cis:3.6')
      .set('authorization', asReader());
    expect(cis.body.totalCount).toBe(0);

    const one = await api()
      .get(`/findings/${all.body.items[0].id}`)
      .set('authorization', asReader());
    expect(one.body).toEqual(all.body.items[0]);
    expect(
      (await api().get('/findings/no-such-id').set('authorization', asReader()))
        .status,
    ).toBe(404);
  });

  it('answers bad input with 400 and the fields at fault', async () => {
    for (const query of [
      'severity=urgent',
      'limit=0',
      'limit=abc',
      'sort=password',
      'framework=pci',
      'status=closed',
      'unknownParam=1',
    ]) {
      const res = await api()
        .get(`/findings?${query}`)
        .set('authorization', asReader());
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.fields).toBeDefined();
    }
    expect(
      (
        await api()
          .get('/posture/entity?connectionId=c1')
          .set('authorization', asReader())
      ).status,
    ).toBe(400);
    expect(
      (
        await api()
          .get('/evidence/x/export?format=pdf')
          .set('authorization', asReader())
      ).status,
    ).toBe(400);
  });

  it('exports findings as CSV with the same filters', async () => {
    const res = await api()
      .get('/findings/export.csv?checkId=USR-06&sort=entityName')
      .set('authorization', asReader());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toContain('checkId');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('alice');
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvSafe('@SUM(1)')).toBe(`'@SUM(1)`);
    expect(csvSafe('alice')).toBe('alice');
  });

  it('creates and removes exceptions with the manage permission, audited', async () => {
    const finding = (
      await api()
        .get('/findings?checkId=USR-06&q=alice')
        .set('authorization', asReader())
    ).body.items[0];
    const expiresAt = harness.clock().plus({ days: 10 }).toISO();
    const bad = await api()
      .post('/exceptions')
      .set('authorization', asAdmin())
      .send({
        connectionId: 'c1',
        checkId: 'NOPE-1',
        owner: '',
        reason: 'x',
        expiresAt: 'tomorrow',
      });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'expiresAt',
      'owner',
    ]);
    const past = await api()
      .post('/exceptions')
      .set('authorization', asAdmin())
      .send({
        connectionId: 'c1',
        checkId: 'USR-06',
        owner: 'o',
        reason: 'r',
        expiresAt: '2020-01-01T00:00:00Z',
      });
    expect(past.body.error.fields).toEqual({
      expiresAt: 'must be in the future',
    });
    const unknownCheck = await api()
      .post('/exceptions')
      .set('authorization', asAdmin())
      .send({
        connectionId: 'c1',
        checkId: 'NOPE-1',
        owner: 'o',
        reason: 'r',
        expiresAt,
      });
    expect(unknownCheck.body.error.fields).toEqual({
      checkId: 'is not a known check',
    });
    const unknownConnection = await api()
      .post('/exceptions')
      .set('authorization', asAdmin())
      .send({
        connectionId: 'c9',
        checkId: 'USR-06',
        owner: 'o',
        reason: 'r',
        expiresAt,
      });
    expect(unknownConnection.status).toBe(404);

    const created = await api()
      .post('/exceptions')
      .set('authorization', asAdmin())
      .send({
        connectionId: 'c1',
        checkId: 'USR-06',
        entityId: finding.entityId,
        owner: 'alice@example.com',
        reason: 'CI runner',
        expiresAt,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      createdBy: ADMIN,
      active: true,
      entityId: finding.entityId,
    });
    expect(harness.events.at(-1)).toMatchObject({
      eventId: 'jumpcloud-exception-create',
      outcome: 'success',
    });
    expect(
      (
        await api()
          .get(`/findings/${finding.id}`)
          .set('authorization', asReader())
      ).body,
    ).toMatchObject({ status: 'excepted', exceptionId: created.body.id });
    expect(
      (
        await api()
          .get('/exceptions?connectionId=c1')
          .set('authorization', asReader())
      ).body.totalCount,
    ).toBe(1);

    expect(
      (
        await api()
          .delete(`/exceptions/${created.body.id}`)
          .set('authorization', asAdmin())
      ).status,
    ).toBe(204);
    expect(harness.events.at(-1)).toMatchObject({
      eventId: 'jumpcloud-exception-delete',
      outcome: 'success',
    });
    expect(
      (
        await api()
          .delete(`/exceptions/${created.body.id}`)
          .set('authorization', asAdmin())
      ).status,
    ).toBe(404);
    expect(harness.events.at(-1)).toMatchObject({
      eventId: 'jumpcloud-exception-delete',
      outcome: 'fail',
    });
    expect(
      (
        await api()
          .get(`/findings/${finding.id}`)
          .set('authorization', asReader())
      ).body.status,
    ).toBe('open');

    // Who accepted which risk, and who took it back, stays in History.
    const kept = await new HistoryStore(harness.knex).list({
      connectionId: 'c1',
      limit: 10,
      offset: 0,
      order: 'desc',
    });
    const byAction = (action: string) =>
      kept.items.filter(entry => entry.action === action);
    expect(byAction('exception_create')).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        status: 'succeeded',
        detail: expect.stringMatching(
          new RegExp(
            `^Accepted the risk of USR-06 \\(.+\\) for entity ${finding.entityId} until .+, owned by alice@example.com: CI runner$`,
          ),
        ),
      }),
    ]);
    expect(byAction('exception_delete')).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        detail: expect.stringContaining(
          `Revoked the risk acceptance of USR-06`,
        ),
      }),
    ]);
  });

  it('serves posture, trend and entity results', async () => {
    const posture = await api()
      .get('/posture?connectionId=c1')
      .set('authorization', asReader());
    expect(posture.body).toMatchObject({
      connectionId: 'c1',
      openBySeverity: { critical: 1 },
    });
    expect(typeof posture.body.score).toBe('number');
    const overall = await api()
      .get('/posture')
      .set('authorization', asReader());
    expect(overall.body.score).toBe(posture.body.score);
    const trend = await api()
      .get('/posture/trend?connectionId=c1')
      .set('authorization', asReader());
    expect(trend.body).toHaveLength(1);
    const entity = await api()
      .get('/posture/entity?connectionId=c1&entityId=u1')
      .set('authorization', asReader());
    expect(entity.body.counts.fail).toBeGreaterThanOrEqual(1);
    expect(
      (
        await api()
          .get('/posture/entity?connectionId=c1&entityId=nobody')
          .set('authorization', asReader())
      ).status,
    ).toBe(404);
  });

  it('lists, exports and verifies sealed evidence', async () => {
    const list = await api()
      .get('/evidence?connectionId=c1')
      .set('authorization', asReader());
    expect(list.body.totalCount).toBe(1);
    // The list row adds counts and the pruning state beside the sealed
    // manifest; the bundle has the manifest alone.
    const {
      populationCounts,
      openFindings,
      prunedAt,
      prunedReason,
      ...manifest
    } = list.body.items[0];
    expect(populationCounts.devices).toBeGreaterThan(0);
    expect(openFindings).toBeGreaterThan(0);
    expect([prunedAt, prunedReason]).toEqual([null, null]);

    const json = await api()
      .get(`/evidence/${manifest.runId}/export?format=json`)
      .set('authorization', asReader());
    expect(json.status).toBe(200);
    expect(json.body.manifest).toEqual(manifest);
    expect(Object.keys(json.body.populations).sort()).toEqual([
      'admins',
      'devices',
      'exceptions',
      'findings',
      'groups',
      'results',
      'users',
    ]);
    expect(json.body.populations.devices[0]._id).toBe('mac1');
    expect(harness.events.at(-1)).toMatchObject({
      eventId: 'jumpcloud-evidence-export',
      outcome: 'success',
    });

    const zip = await api()
      .get(`/evidence/${manifest.runId}/export?format=csv`)
      .set('authorization', asReader())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = new AdmZip(zip.body)
      .getEntries()
      .map(e => e.entryName)
      .sort();
    expect(entries).toEqual([
      'README.txt',
      'admins.csv',
      'devices.csv',
      'exceptions.csv',
      'findings.csv',
      'groups.csv',
      'manifest.csv',
      'manifest.json',
      'results.csv',
      'users.csv',
    ]);
    const devices = new AdmZip(zip.body).readAsText('devices.csv');
    expect(devices.split('\n')[1]).toContain('mac1');

    expect(
      (
        await api()
          .get('/evidence/unknown-run/export')
          .set('authorization', asReader())
      ).status,
    ).toBe(404);
    const verify = await api()
      .post('/evidence/verify?connectionId=c1')
      .set('authorization', asReader());
    expect(verify.body).toMatchObject({
      ok: true,
      checkedRuns: 1,
      firstTamperedRunId: null,
      reason: null,
      verifiedBy: READER,
    });
  });
});
