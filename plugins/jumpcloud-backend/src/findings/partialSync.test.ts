import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { createSyncEngineHarness } from '../__testUtils__/syncEngineHarness';
import { healthySnapshot } from '../checks/__fixtures__/snapshot';
import { migrateDatabase } from '../database/migrateDatabase';
import type { FetchedSnapshot } from '../service/jumpcloud/JumpCloudGateway';

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

const misconfigured = () => {
  const s = healthySnapshot();
  s.organization!.settings!.requireAdminMFA = false;
  s.users[0].sudo = true;
  return s;
};

describe.each(ids)('findings through the sync engine on %s', databaseId => {
  it('a partial sync resolves nothing; the next complete sync does', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const { gateway, connection, findings, ...harness } =
      await createSyncEngineHarness(knex, { batchSize: 50 });
    const syncOnce = async (next: FetchedSnapshot) => {
      gateway.next = async () => next;
      return harness.syncOnce();
    };
    const list = async () =>
      (
        await findings.findings.list(
          {
            checkId: ['ORG-01', 'USR-06'],
            connectionId: connection.id,
            limit: 10,
            offset: 0,
          },
          findings.now(),
        )
      ).items;

    expect((await syncOnce(fetched(misconfigured()))).status).toBe('succeeded');
    const opened = await list();
    expect(opened.map(f => [f.checkId, f.status]).sort()).toEqual([
      ['ORG-01', 'open'],
      ['USR-06', 'open'],
    ]);

    // Everything is fixed, but admins could not be read: the run is partial.
    const partial = await syncOnce(
      fetched(healthySnapshot(), {
        admins: {
          kind: 'forbidden',
          message: 'Missing permission',
          status: 403,
        },
      }),
    );
    expect(partial.status).toBe('partial');
    expect(await list()).toEqual(opened);
    expect(
      (
        await findings.evidence.list({
          connectionId: connection.id,
          limit: 10,
          offset: 0,
        })
      ).totalCount,
    ).toBe(1);
    expect(await findings.trend(connection.id)).toHaveLength(1);

    // A complete run with the fixes resolves both and seals a second, chained run.
    expect((await syncOnce(fetched(healthySnapshot()))).status).toBe(
      'succeeded',
    );
    expect((await list()).map(f => f.status)).toEqual(['resolved', 'resolved']);
    const sealed = await findings.evidence.list({
      connectionId: connection.id,
      limit: 10,
      offset: 0,
    });
    expect(sealed.items[0].previousHash).toBe(sealed.items[1].hash);
    expect(await findings.evidence.verify(connection.id)).toMatchObject({
      ok: true,
      checkedRuns: 2,
    });
    await knex.destroy();
  });
});
