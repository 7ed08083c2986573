import type { Knex } from 'knex';
import { gzipSync } from 'node:zlib';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { daysAgo } from '../checks/__fixtures__/snapshot';
import { unpackPopulation } from '../evidence/canonical';
import {
  createService,
  manualClock,
  migrated,
  runContext,
  sealRun,
} from './__testUtils__/harness';
import type { EvaluationResult } from './types';

/** The first result of a check (results held in memory: no database read). */
async function resultOf(evaluation: EvaluationResult, checkId: string) {
  for await (const result of evaluation.results.all({} as Knex))
    if (result.checkId === checkId) return result;
  throw new Error(`no result of ${checkId}`);
}

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('FindingsService on %s', databaseId => {
  const setup = async () => {
    const knex = await migrated(await databases.init(databaseId));
    const clock = manualClock();
    return { knex, clock, service: createService(knex, clock) };
  };

  it('opens, refreshes, resolves and reopens findings across complete runs', async () => {
    const { service, clock } = await setup();
    const noMfa = (
      s: ReturnType<
        typeof import('../checks/__fixtures__/snapshot').healthySnapshot
      >,
    ) => {
      s.organization!.settings!.requireAdminMFA = false;
    };
    await sealRun(service, runContext(clock, noMfa));
    let page = await service.findings.list(
      { checkId: ['ORG-01'], limit: 10, offset: 0 },
      service.now(),
    );
    expect(page.items).toHaveLength(1);
    const first = page.items[0];
    expect(first).toMatchObject({
      status: 'open',
      severity: 'critical',
      entityKind: 'org',
      connectionName: 'acme-production',
      resolvedAt: null,
    });
    expect(first.frameworks.soc2).toEqual(['CC6.1']);

    clock.advance(1);
    await sealRun(service, runContext(clock, noMfa));
    page = await service.findings.list(
      { checkId: ['ORG-01'], limit: 10, offset: 0 },
      service.now(),
    );
    expect(page.items[0]).toMatchObject({
      id: first.id,
      firstSeenAt: first.firstSeenAt,
      status: 'open',
    });
    expect(page.items[0].lastSeenAt > first.lastSeenAt).toBe(true);

    clock.advance(1);
    await sealRun(service, runContext(clock));
    const resolved = await service.findings.get(first.id, service.now());
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: service.now(),
    });

    clock.advance(1);
    await sealRun(service, runContext(clock, noMfa));
    const reopened = await service.findings.get(first.id, service.now());
    expect(reopened).toMatchObject({
      status: 'open',
      resolvedAt: null,
      reopenedAt: service.now(),
      firstSeenAt: first.firstSeenAt,
    });
  });

  it('never resolves a finding on missing data or on a check that failed to run', async () => {
    const { service, clock } = await setup();
    await sealRun(
      service,
      runContext(clock, s => {
        s.systems[0].fde = { active: false };
        s.systemInsights.disk_encryption = [];
      }),
    );
    const [finding] = (
      await service.findings.list(
        { checkId: ['DEV-01'], limit: 5, offset: 0 },
        service.now(),
      )
    ).items;
    expect(finding.status).toBe('open');

    // The device went offline: its data is stale, so DEV-01 is unknown, not fixed.
    clock.advance(1);
    const { evaluation } = await sealRun(
      service,
      runContext(clock, s => {
        s.systems[0].lastContact = daysAgo(60);
        s.systems[0].fde = { active: true };
      }),
    );
    expect((await resultOf(evaluation, 'DEV-01')).status).toBe('unknown');
    expect(
      (await service.findings.get(finding.id, service.now()))!.status,
    ).toBe('open');

    // A check that threw is not in evaluatedCheckIds: its findings stay as they were.
    clock.advance(1);
    const ctx = runContext(clock);
    const evaluation2 = await service.evaluate(ctx);
    await service.seal(ctx, {
      ...evaluation2,
      evaluatedCheckIds: evaluation2.evaluatedCheckIds.filter(
        id => id !== 'DEV-01',
      ),
    });
    expect(
      (await service.findings.get(finding.id, service.now()))!.status,
    ).toBe('open');
  });

  it('a partial sync resolves nothing: without a seal, findings and evidence stay as they were', async () => {
    const { service, clock, knex } = await setup();
    await sealRun(
      service,
      runContext(clock, s => {
        s.organization!.settings!.requireAdminMFA = false;
      }),
    );
    const before = await knex('jc_findings').orderBy('id');
    // The engine evaluates partial runs never; evaluate alone (the pure step) writes nothing.
    clock.advance(1);
    await service.evaluate(runContext(clock));
    expect(await knex('jc_findings').orderBy('id')).toEqual(before);
    expect(
      (await service.evidence.list({ limit: 10, offset: 0 })).totalCount,
    ).toBe(1);
  });

  it('excepts a finding until its exception expires, then reopens it', async () => {
    const { service, clock } = await setup();
    await sealRun(
      service,
      runContext(clock, s => {
        s.users[0].sudo = true;
      }),
    );
    const [finding] = (
      await service.findings.list(
        { checkId: ['USR-06'], limit: 5, offset: 0 },
        service.now(),
      )
    ).items;

    const expiresAt = clock().plus({ days: 2 }).toISO()!;
    const exception = await service.exceptions.create(
      {
        connectionId: 'c1',
        checkId: 'USR-06',
        entityId: finding.entityId,
        owner: 'alice@example.com',
        reason: 'Build agent',
        expiresAt,
      },
      'user:default/admin',
      service.now(),
    );
    expect(await service.findings.get(finding.id, service.now())).toMatchObject(
      { status: 'excepted', exceptionId: exception.id },
    );
    expect((await service.postureOf('c1')).openBySeverity.high).toBe(0);
    const excepted = await service.findings.list(
      { status: ['excepted'], limit: 5, offset: 0 },
      service.now(),
    );
    expect(excepted.items.map(f => f.id)).toEqual([finding.id]);

    // A sync while the exception is active records the result as excepted.
    clock.advance(1);
    const { evaluation } = await sealRun(
      service,
      runContext(clock, s => {
        s.users[0].sudo = true;
      }),
    );
    expect((await resultOf(evaluation, 'USR-06')).status).toBe('excepted');

    // Expiry needs no job: the next read sees the finding open again.
    clock.advance(2);
    const lapsed = await service.findings.get(finding.id, service.now());
    expect(lapsed).toMatchObject({
      status: 'open',
      reopenedAt: expiresAt,
      exceptionId: null,
    });
    expect(
      (await service.exceptions.get(exception.id, service.now()))!.active,
    ).toBe(false);
    const open = await service.findings.list(
      { status: ['open'], checkId: ['USR-06'], limit: 5, offset: 0 },
      service.now(),
    );
    expect(open.totalCount).toBe(1);

    // And the next sync keeps it open with the moment it reopened.
    clock.advance(1);
    await sealRun(
      service,
      runContext(clock, s => {
        s.users[0].sudo = true;
      }),
    );
    expect(await service.findings.get(finding.id, service.now())).toMatchObject(
      { status: 'open', reopenedAt: expiresAt },
    );
  });

  it('a whole-check exception covers every entity; removing it reopens at once', async () => {
    const { service, clock } = await setup();
    await sealRun(
      service,
      runContext(clock, s => {
        s.users[0].sudo = true;
        s.users.push({
          ...s.users[0],
          _id: 'u2',
          username: 'bob',
          email: 'bob@example.com',
          employeeIdentifier: 'E2',
        });
      }),
    );
    const exception = await service.exceptions.create(
      {
        connectionId: 'c1',
        checkId: 'USR-06',
        entityId: null,
        owner: 'ciso',
        reason: 'Lab',
        expiresAt: clock().plus({ days: 30 }).toISO()!,
      },
      'user:default/admin',
      service.now(),
    );
    const list = await service.findings.list(
      { checkId: ['USR-06'], limit: 5, offset: 0 },
      service.now(),
    );
    expect(list.items.map(f => f.status)).toEqual(['excepted', 'excepted']);
    await service.exceptions.remove(
      exception.id,
      'user:default/admin',
      service.now(),
    );
    const after = await service.findings.list(
      { checkId: ['USR-06'], limit: 5, offset: 0 },
      service.now(),
    );
    expect(after.items.map(f => f.status)).toEqual(['open', 'open']);
    const trail = await service.exceptions.list(
      { includeInactive: true, limit: 5, offset: 0 },
      service.now(),
    );
    expect(trail.items[0]).toMatchObject({ id: exception.id, active: false });
  });

  it('scores posture by severity, leaves unknowns out, and keeps a trend', async () => {
    const { service, clock } = await setup();
    await sealRun(service, runContext(clock));
    clock.advance(1);
    await sealRun(
      service,
      runContext(clock, s => {
        s.organization!.settings!.requireAdminMFA = false;
        s.systems[0].systemInsights = { state: 'disabled' };
      }),
    );
    const posture = await service.postureOf('c1');
    expect(posture.score).not.toBeNull();
    expect(posture.score!).toBeLessThan(100);
    expect(posture.counts.unknown).toBeGreaterThan(0);
    expect(posture.openBySeverity.critical).toBe(1);
    const trend = await service.trend('c1');
    expect(trend).toHaveLength(2);
    expect(trend[1].score!).toBeLessThan(trend[0].score!);
    const entity = await service.entityPosture('c1', 'org1');
    expect(entity!.results.find(r => r.checkId === 'ORG-01')!.status).toBe(
      'fail',
    );
  });

  it('chains sealed runs and names the first run whose stored data was edited', async () => {
    const { service, clock, knex } = await setup();
    const manifests = [];
    for (let i = 0; i < 3; i++) {
      manifests.push((await sealRun(service, runContext(clock))).manifest);
      clock.advance(1);
    }
    expect(manifests[0].previousHash).toBeNull();
    expect(manifests[1].previousHash).toBe(manifests[0].hash);
    expect(manifests[2].previousHash).toBe(manifests[1].hash);
    expect(Object.keys(manifests[0].hashes).sort()).toEqual([
      'admins',
      'devices',
      'exceptions',
      'findings',
      'groups',
      'results',
      'users',
    ]);
    expect(await service.evidence.verify('c1')).toEqual({
      ok: true,
      checkedRuns: 3,
      prunedRuns: 0,
      firstTamperedRunId: null,
      reason: null,
      connections: [
        expect.objectContaining({
          connectionId: 'c1',
          checkedRuns: 3,
          lastVerifiedRunId: manifests[2].runId,
          tamperedRunId: null,
          reason: null,
        }),
      ],
    });

    // Edit one byte of the devices population of the second run, re-gzip it cleanly.
    const row = await knex('jc_evidence_populations')
      .where({ run_id: manifests[1].runId, name: 'devices' })
      .first();
    const json = unpackPopulation(row.content);
    const at = json.indexOf('mac-1') + 4;
    const edited = `${json.slice(0, at)}2${json.slice(at + 1)}`;
    await knex('jc_evidence_populations')
      .where({ run_id: manifests[1].runId, name: 'devices' })
      .update({ content: gzipSync(edited) });
    const result = await service.evidence.verify();
    expect(result).toMatchObject({
      ok: false,
      firstTamperedRunId: manifests[1].runId,
    });
    expect(result.reason).toContain('devices');

    // Restore, then flip a raw byte of the stored gzip of the third run.
    await knex('jc_evidence_populations')
      .where({ run_id: manifests[1].runId, name: 'devices' })
      .update({ content: row.content });
    const third = await knex('jc_evidence_populations')
      .where({ run_id: manifests[2].runId, name: 'users' })
      .first();
    const bytes = Buffer.from(third.content);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await knex('jc_evidence_populations')
      .where({ run_id: manifests[2].runId, name: 'users' })
      .update({ content: bytes });
    expect(await service.evidence.verify('c1')).toMatchObject({
      ok: false,
      firstTamperedRunId: manifests[2].runId,
    });

    // A changed manifest field breaks its own hash.
    await knex('jc_evidence_populations')
      .where({ run_id: manifests[2].runId, name: 'users' })
      .update({ content: third.content });
    await knex('jc_evidence_runs')
      .where({ run_id: manifests[0].runId })
      .update({ counts_json: '{"systems":999}' });
    expect(await service.evidence.verify('c1')).toMatchObject({
      ok: false,
      firstTamperedRunId: manifests[0].runId,
      reason: 'the manifest was changed after sealing',
    });
  });

  it('seals a run once even when seal is retried', async () => {
    const { service, clock } = await setup();
    const ctx = runContext(clock);
    const evaluation = await service.evaluate(ctx);
    const seal = () => service.units.evaluation.seal(ctx, evaluation);
    const first = await seal();
    expect(first.findingChanges).not.toBeNull();
    // The retry returns the sealed manifest and changes nothing.
    expect(await seal()).toEqual({
      manifest: first.manifest,
      findingChanges: null,
    });
    expect(
      (await service.evidence.list({ limit: 5, offset: 0 })).totalCount,
    ).toBe(1);
  });
});
