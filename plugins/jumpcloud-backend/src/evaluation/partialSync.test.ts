import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { createSyncEngineHarness } from '../__testUtils__/syncEngineHarness';
import { healthySnapshot } from '../checks/__fixtures__/snapshot';
import { migrateDatabase } from '../database/migrateDatabase';
import type { FetchedSnapshot } from '../jumpcloud/JumpCloudGateway';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const fetched = (
  snapshot: OrgSnapshot,
  failures: FetchedSnapshot['failures'] = {},
): FetchedSnapshot => ({
  snapshot,
  failures,
  counts: { systems: snapshot.systems.length, users: snapshot.users.length },
  requests: 10,
});

/** ORG-01 (organisation settings) and USR-06 (users) fail. */
const misconfigured = () => {
  const s = healthySnapshot();
  s.organization!.settings!.requireAdminMFA = false;
  s.users[0].sudo = true;
  return s;
};

describe.each(ids)('findings of a sync with gaps, on %s', databaseId => {
  async function setUp() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const harness = await createSyncEngineHarness(knex, { batchSize: 50 });
    const syncOnce = async (next: FetchedSnapshot) => {
      harness.gateway.next = async () => next;
      return harness.syncOnce();
    };
    const statuses = async () =>
      Object.fromEntries(
        (
          await harness.findings.findings.list(
            {
              checkId: ['ORG-01', 'USR-06'],
              connectionId: harness.connection.id,
              limit: 10,
              offset: 0,
            },
            harness.findings.now(),
          )
        ).items.map(f => [f.checkId, f.status]),
      );
    const sealedResults = async (runId: string, checkId: string) =>
      (
        (await harness.findings.evidence.population(runId, 'results')) as any[]
      ).filter(r => r.checkId === checkId);
    return { knex, harness, syncOnce, statuses, sealedResults };
  }

  it('a check whose input goes missing keeps its findings as they were; the others resolve', async () => {
    const { knex, harness, syncOnce, statuses, sealedResults } = await setUp();
    expect((await syncOnce(fetched(misconfigured()))).status).toBe('succeeded');
    expect(await statuses()).toEqual({ 'ORG-01': 'open', 'USR-06': 'open' });

    // Both fixed, but the organisation's settings could not be read (5xx).
    const gap = await syncOnce(
      fetched(healthySnapshot(), {
        organization: {
          kind: 'unavailable',
          message: 'JumpCloud answered 503',
          status: 503,
        },
      }),
    );
    expect(gap.status).toBe('partial');
    expect(gap.coverage.organization.state).toBe('failed');
    // USR-06 reads users only: resolved. ORG-01 reads the organisation: kept.
    expect(await statuses()).toEqual({
      'ORG-01': 'open',
      'USR-06': 'resolved',
    });
    const [unknown] = await sealedResults(gap.id, 'ORG-01');
    expect(unknown).toMatchObject({ status: 'unknown' });
    expect(unknown.message).toMatch(
      /Organisation settings could not be read in this sync/,
    );
    const posture = await harness.findings.postureOf(harness.connection.id);
    expect(posture.unevaluatedChecks.map(c => c.checkId)).toContain('ORG-01');
    expect(posture.unevaluatedChecks.map(c => c.checkId)).not.toContain(
      'USR-06',
    );
    // The seal says what the run could read and evaluate.
    const [manifest] = (
      await harness.findings.evidence.list({
        connectionId: harness.connection.id,
        limit: 1,
        offset: 0,
      })
    ).items;
    expect(manifest.runId).toBe(gap.id);
    expect(manifest.coverage?.dataTypes.organization.state).toBe('failed');
    expect(manifest.coverage?.evaluatedCheckIds).toContain('USR-06');
    expect(manifest.coverage?.evaluatedCheckIds).not.toContain('ORG-01');
    expect(
      manifest.coverage?.unevaluatedChecks.find(c => c.checkId === 'ORG-01'),
    ).toMatchObject({ missing: ['organization'] });

    // Read again in full: ORG-01 is resolved, the chain verifies.
    expect((await syncOnce(fetched(healthySnapshot()))).status).toBe(
      'succeeded',
    );
    expect(await statuses()).toEqual({
      'ORG-01': 'resolved',
      'USR-06': 'resolved',
    });
    expect(
      await harness.findings.evidence.verify(harness.connection.id),
    ).toMatchObject({ ok: true, checkedRuns: 3 });
    await knex.destroy();
  });

  it('a feature outside the plan is a lasting state: the sync succeeds, nothing needs attention', async () => {
    const { knex, harness, syncOnce } = await setUp();
    const notInPlan = {
      kind: 'not_enabled' as const,
      message: 'Payment Required',
      status: 402,
    };
    const run = await syncOnce(
      fetched(healthySnapshot(), {
        directoryEvents: notInPlan,
        authnPolicies: notInPlan,
      }),
    );
    expect(run.status).toBe('succeeded');
    expect(run.coverage.directoryEvents.state).toBe('not_in_plan');
    expect(run.coverage.authnPolicies.state).toBe('not_in_plan');
    const connection = await harness.connectionsService.get(
      harness.connection.id,
    );
    expect(connection.status).toBe('healthy');
    expect(connection.statusReason).toBeNull();
    expect(connection.coverage?.authnPolicies.state).toBe('not_in_plan');
    const posture = await harness.findings.postureOf(harness.connection.id);
    const org07 = posture.unevaluatedChecks.find(c => c.checkId === 'ORG-07');
    expect(org07?.reason).toBe(
      "Conditional Access policies is not included in this organisation's plan",
    );
    await knex.destroy();
  });
});
