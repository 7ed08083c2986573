import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import express from 'express';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import request from 'supertest';
import { migrated } from '../evaluation/__testUtils__/harness';
import { createEvidenceRoutes } from './evidenceRoutes';
import { HistoryStore } from '../runs/HistoryStore';
import { EvidenceRetention } from './EvidenceRetention';
import { EvidenceStore } from './EvidenceStore';
import { POPULATIONS, type PopulationName } from './manifest';
import {
  DEFAULT_EVIDENCE_RETENTION,
  describeRetention,
} from './retentionPolicy';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const NOW = DateTime.fromISO('2026-12-08T12:00:00.000Z', { zone: 'utc' });

/** Seals a small run of `connectionId` at `sealedAt` straight through the store. */
async function seal(
  knex: Knex,
  store: EvidenceStore,
  connectionId: string,
  sealedAt: DateTime,
): Promise<string> {
  const runId = `${connectionId}-${sealedAt.toMillis()}`;
  const populations = Object.fromEntries(
    POPULATIONS.map(name => [name, [{ id: `${name}-1`, runId }]]),
  ) as Record<PopulationName, unknown[]>;
  await knex.transaction(trx =>
    store.seal(trx, {
      runId,
      connectionId,
      connectionName: connectionId,
      orgId: null,
      startedAt: sealedAt.minus({ minutes: 5 }).toISO()!,
      finishedAt: sealedAt.toISO()!,
      sealedAt: sealedAt.toISO()!,
      counts: { devices: 1, users: 1 },
      resultsSummary: { pass: 1, fail: 0, not_applicable: 0, error: 0 } as any,
      populations,
    }),
  );
  return runId;
}

describe.each(ids)('evidence retention on %s', databaseId => {
  let knex: Knex;
  let store: EvidenceStore;
  const runs: Record<string, string> = {};
  let firstPass: Awaited<ReturnType<EvidenceRetention['pruneAll']>>;

  beforeAll(async () => {
    knex = await migrated(await databases.init(databaseId));
    store = new EvidenceStore(knex);
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
    // c1: two runs 400 days ago in the same month, two 100 days ago on one
    // day, one 10 days ago. c2: a single run 500 days ago (its newest).
    runs.oldMonthEarly = await seal(
      knex,
      store,
      'c1',
      at('2025-10-20T08:00:00Z'),
    );
    runs.oldMonthLate = await seal(
      knex,
      store,
      'c1',
      at('2025-10-25T08:00:00Z'),
    );
    runs.dayMorning = await seal(knex, store, 'c1', at('2026-08-30T06:00:00Z'));
    runs.dayEvening = await seal(knex, store, 'c1', at('2026-08-30T18:00:00Z'));
    runs.recent = await seal(knex, store, 'c1', at('2026-11-28T12:00:00Z'));
    runs.c2Only = await seal(knex, store, 'c2', at('2025-07-26T12:00:00Z'));
    firstPass = await new EvidenceRetention(
      knex,
      DEFAULT_EVIDENCE_RETENTION,
      new HistoryStore(knex),
    ).pruneAll(NOW);
  });

  const prunedIds = async () =>
    (
      await knex('jc_evidence_runs').whereNotNull('pruned_at').orderBy('run_id')
    ).map(r => r.run_id);

  it('keeps the newest run of each day and month, every recent run and each connection latest run', async () => {
    expect(firstPass).toEqual([
      { connectionId: 'c1', pruned: 2, kept: 3 },
      { connectionId: 'c2', pruned: 0, kept: 1 },
    ]);
    expect(await prunedIds()).toEqual(
      [runs.oldMonthEarly, runs.dayMorning].sort(),
    );
  });

  it('keeps each pass that pruned a connection in History, naming the runs and the policy', async () => {
    const kept = await new HistoryStore(knex).list({
      action: 'evidence_prune',
      limit: 10,
      offset: 0,
      order: 'desc',
    });
    expect(kept.items).toEqual([
      expect.objectContaining({
        connectionId: 'c1',
        status: 'succeeded',
        trigger: 'scheduled',
        detail: expect.stringContaining(
          'Pruned the populations of 2 sealed run(s)',
        ),
      }),
    ]);
    for (const runId of [runs.oldMonthEarly, runs.dayMorning])
      expect(kept.items[0].detail).toContain(runId);
  });

  it('deletes the pruned runs population blobs and keeps their manifest rows', async () => {
    const blobs = await knex('jc_evidence_populations')
      .whereIn('run_id', [runs.oldMonthEarly, runs.dayMorning])
      .count({ n: '*' });
    expect(Number(blobs[0].n)).toBe(0);
    const kept = await knex('jc_evidence_populations')
      .where('run_id', runs.oldMonthLate)
      .count({ n: '*' });
    expect(Number(kept[0].n)).toBe(POPULATIONS.length);
    const row = await knex('jc_evidence_runs')
      .where('run_id', runs.dayMorning)
      .first();
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.pruned_reason).toBe(
      describeRetention(DEFAULT_EVIDENCE_RETENTION),
    );
    expect(row.pruned_at).toBe('2026-12-08T12:00:00.000Z');
  });

  it('lists pruned runs with prunedAt and the row counts they had', async () => {
    const page = await store.list({ connectionId: 'c1', limit: 10, offset: 0 });
    const morning = page.items.find(r => r.runId === runs.dayMorning)!;
    expect(morning.prunedAt).toBe('2026-12-08T12:00:00.000Z');
    expect(morning.prunedReason).toMatch(/one a day for 365 days/);
    expect(morning.populationCounts.devices).toBe(1);
    expect(page.items.find(r => r.runId === runs.recent)!.prunedAt).toBeNull();
  });

  it('does not prune again, and keeps a run an open finding refers to', async () => {
    await knex('jc_findings').insert({
      id: 'f1',
      connection_id: 'c1',
      connection_name: 'c1',
      check_id: 'DEV-01',
      check_title: 'Disk encryption',
      severity: 'high',
      severity_rank: 4,
      entity_kind: 'device',
      entity_id: 'd1',
      entity_name: 'host-1',
      status: 'open',
      first_seen_at: '2025-10-25T08:00:00.000Z',
      last_seen_at: '2025-10-25T08:00:00.000Z',
      last_run_id: runs.oldMonthLate,
      message: 'not encrypted',
      evidence_json: '{}',
      frameworks_json: '[]',
    });
    const again = await new EvidenceRetention(knex, {
      ...DEFAULT_EVIDENCE_RETENTION,
      keepAllDays: 1,
      keepDailyDays: 1,
      keepMonthlyMonths: 0,
    }).prune('c1', NOW.plus({ days: 1 }));
    // The newest and the finding's run stay; the evening run goes now.
    expect(again).toEqual({ connectionId: 'c1', pruned: 1, kept: 2 });
    expect(await prunedIds()).toEqual(
      [runs.oldMonthEarly, runs.dayMorning, runs.dayEvening].sort(),
    );
  });

  it('verifies across the gap, counting the pruned runs, and still catches an edited manifest', async () => {
    const intact = await store.verify('c1');
    expect(intact).toMatchObject({ ok: true, checkedRuns: 5, prunedRuns: 3 });
    await knex('jc_evidence_runs')
      .where('run_id', runs.dayMorning)
      .update({ counts_json: JSON.stringify({ devices: 2, users: 1 }) });
    const broken = await store.verify('c1');
    expect(broken.ok).toBe(false);
    expect(broken.firstTamperedRunId).toBe(runs.dayMorning);
    expect(broken.reason).toBe('the manifest was changed after sealing');
  });

  it('refuses to export a pruned run with 410 naming the policy', async () => {
    const app = express();
    app.use(
      createEvidenceRoutes({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === jumpcloudReadPermission.name
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            })) as any,
        }),
        auditor: mockServices.auditor.mock(),
        evidence: store,
        history: { insert: async () => {} },
      }),
    );
    app.use(mockErrorHandler());
    const response = await request(app)
      .get(`/evidence/${runs.oldMonthEarly}/export?format=json`)
      .set('authorization', mockCredentials.user.header('user:default/bob'));
    expect(response.status).toBe(410);
    expect(response.body.error.message).toMatch(
      /was pruned on 2026-12-08T12:00:00.000Z by the evidence retention policy: every run for 30 days/,
    );
  });
});
