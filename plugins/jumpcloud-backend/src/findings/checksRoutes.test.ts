import type {
  CheckSummary,
  ChecksSummary,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCheck } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import express from 'express';
import request from 'supertest';
import { defaultCheckThresholds } from '../checks';
import {
  insertConnection,
  manualClock,
  migrated,
  migrationsDir,
  runContext,
  sealRun,
} from '../evaluation/__testUtils__/harness';
import { findingsKit } from '../evaluation/__testUtils__/findingsKit';
import { createChecksRoutes } from './checksRoutes';

jest.setTimeout(60_000);

/**
 * A custom check (as an adopter adds one) whose results the test decides:
 * a pass, a fail and two unknowns with the same reason, one with another.
 * Its title would run as a formula in a spreadsheet.
 */
const assetTagCheck = (failing: boolean): JumpCloudCheck => ({
  id: 'ACME-01',
  title: '=HYPERLINK("http://evil")',
  family: 'device',
  entityKind: 'device',
  severity: 'low',
  description: 'Devices carry an asset tag',
  remediation: 'Tag the device',
  fields: ['systems.description'],
  frameworks: { soc2: ['CC6.1'], iso27001: [], cis: ['1.1'], nist: [] },
  *evaluate() {
    yield { entityId: 'd1', entityName: 'one', status: 'pass', message: 'ok' };
    yield {
      entityId: 'd2',
      entityName: 'two',
      status: failing ? 'fail' : 'pass',
      message: 'no tag',
    };
    for (const id of ['d3', 'd4'])
      yield {
        entityId: id,
        entityName: id,
        status: 'unknown',
        message: 'The description was not read',
      };
    yield {
      entityId: 'd5',
      entityName: 'five',
      status: 'unknown',
      message: 'Another reason',
    };
  },
});

const { databases, ids } = createTestDatabases();

/** framework, control and check id of each CSV row (none of them holds a comma). */
function leadingCells(csv: string) {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map(line => {
      const [framework, control, checkId] = line.split(',', 3);
      return { framework, control, checkId, line };
    });
}

async function startApp(databaseId: (typeof ids)[number]) {
  const knex = await migrated(await databases.init(databaseId));
  await insertConnection(knex);
  const clock = manualClock();
  const kit = (failing: boolean) =>
    findingsKit(knex, {
      logger: mockServices.logger.mock(),
      thresholds: { ...defaultCheckThresholds, disabled: ['DEV-09'] },
      checks: [assetTagCheck(failing)],
      clock,
    });
  const service = kit(true);
  const app = express();
  app.use(
    createChecksRoutes({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      catalogue: service.units.catalogue,
      checkStatus: service.units.checkStatus,
      clock,
    }),
  );
  app.use(mockErrorHandler());
  return { app, knex, clock, kit };
}

describe.each(ids)('checks and frameworks routes on %s', databaseId => {
  let harness: Awaited<ReturnType<typeof startApp>>;
  const get = (path: string) =>
    request(harness.app)
      .get(path)
      .set('authorization', mockCredentials.user.header());
  const summary = async (query = '') =>
    (await get(`/checks/summary${query}`)).body as ChecksSummary;
  const check = (s: ChecksSummary, id: string) =>
    s.checks.find(c => c.id === id) as CheckSummary;

  beforeAll(async () => {
    harness = await startApp(databaseId);
    await sealRun(harness.kit(true), runContext(harness.clock));
  });

  it('needs a signed-in reader', async () => {
    const res = await request(harness.app)
      .get('/checks/summary')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('describes every check, built-in and custom, with its thresholds and switch', async () => {
    const body = await summary();
    expect(body.connections).toEqual([
      expect.objectContaining({
        connectionId: 'c1',
        connectionName: 'acme-production',
      }),
    ]);
    expect(check(body, 'DEV-03')).toMatchObject({
      family: 'device',
      builtIn: true,
      enabled: true,
      thresholds: { staleDays: 30, screenLockSeconds: 900 },
    });
    expect(check(body, 'USR-04').thresholds).toEqual({ dormantDays: 45 });
    expect(check(body, 'DEV-09').enabled).toBe(false);
    expect(check(body, 'ACME-01')).toMatchObject({
      builtIn: false,
      thresholds: {},
      family: 'device',
    });
  });

  it('counts the latest sealed results per check and connection', async () => {
    const body = await summary();
    expect(check(body, 'ACME-01').connections).toEqual([
      {
        connectionId: 'c1',
        pass: 1,
        fail: 1,
        unknown: 3,
        notApplicable: 0,
        excepted: 0,
        topUnknownReason: {
          message: 'The description was not read',
          count: 2,
        },
      },
    ]);
    // Every device of the snapshot has one result for a device check.
    const [dev01] = check(body, 'DEV-01').connections;
    const { connectionId: _id, topUnknownReason: _reason, ...counts } = dev01;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(
      runContext(harness.clock).snapshot.systems.length,
    );
  });

  it('replaces the counts when the next run is sealed', async () => {
    await sealRun(harness.kit(false), runContext(harness.clock));
    const [counts] = check(await summary(), 'ACME-01').connections;
    expect(counts).toMatchObject({ pass: 2, fail: 0, unknown: 3 });
  });

  it('filters by connection', async () => {
    const other = await summary('?connectionId=c2');
    expect(other.connections).toEqual([]);
    expect(check(other, 'ACME-01').connections).toEqual([]);
    expect((await summary('?connectionId=c1')).connections).toHaveLength(1);
  });

  it('refuses bad parameters with a 400', async () => {
    for (const path of [
      '/checks/summary?connectionId=not%20an%20id',
      '/checks/summary?status=fail',
      '/frameworks/export.csv?framework=pci',
      '/frameworks/export.csv?control=CC6.1',
      '/frameworks/export.csv?framework=soc2&control=%07',
      '/frameworks/export.csv?framework=soc2&extra=1',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.name).toBe('InputError');
    }
  });

  it("exports a control's checks and their status as CSV, formula-safe", async () => {
    const res = await get(
      '/frameworks/export.csv?framework=soc2&control=cc6.1',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /jumpcloud-frameworks-soc2-cc6\.1-\d{4}-\d\d-\d\d\.csv/,
    );
    const [header] = res.text.split('\n');
    expect(header).toBe(
      'framework,control,checkId,checkTitle,severity,family,status,passing,failing,unknown,notApplicable,riskAccepted,mostCommonUnknownReason,connections,evaluatedAt',
    );
    const rows = leadingCells(res.text);
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map(r => r.control))).toEqual(new Set(['CC6.1']));
    const custom = rows.find(r => r.checkId === 'ACME-01')!.line;
    expect(custom).toMatch(
      /^SOC 2 \(2017 TSC\),CC6\.1,ACME-01,"'=HYPERLINK\(""http:\/\/evil""\)",low,device,Unknown,2,0,3,0,0,The description was not read,acme-production,/,
    );
  });

  it('exports every framework without a filter', async () => {
    const res = await get('/frameworks/export.csv');
    const rows = leadingCells(res.text);
    expect(new Set(rows.map(r => r.framework)).size).toBe(4);
    expect(
      rows.filter(r => r.checkId === 'ACME-01').map(r => r.control),
    ).toEqual(['CC6.1', '1.1']);
  });

  it('counts the stored results of databases that predate the counts', async () => {
    const before = await summary();
    const name = '20261208_2_check_status_counts.js';
    await harness.knex.migrate.down({ directory: migrationsDir, name });
    await harness.knex.migrate.up({ directory: migrationsDir, name });
    const after = await summary();
    expect(after.checks.map(c => [c.id, c.connections])).toEqual(
      before.checks.map(c => [c.id, c.connections]),
    );
    expect(check(after, 'ACME-01').connections[0].unknown).toBe(3);
  });
});
