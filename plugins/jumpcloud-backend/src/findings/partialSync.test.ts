import type { ConnectionTestResult } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { healthySnapshot } from '../checks/__fixtures__/snapshot';
import { ConnectionsStore } from '../database/ConnectionsStore';
import { HistoryStore } from '../database/HistoryStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { RunsStore } from '../database/RunsStore';
import { SnapshotWriter } from '../database/SnapshotWriter';
import { ConnectionsService } from '../service/connections/ConnectionsService';
import { SecretBox } from '../service/crypto/SecretBox';
import type {
  FetchedSnapshot,
  JumpCloudGateway,
} from '../service/jumpcloud/JumpCloudGateway';
import { OutboundUrlPolicy } from '../service/urls/OutboundUrlPolicy';
import { SyncEngine } from '../sync/SyncEngine';
import { FindingsService } from './FindingsService';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

/** Hands the engine prepared fetch results (the simulator covers the client elsewhere). */
class FixtureGateway implements JumpCloudGateway {
  next: FetchedSnapshot | undefined;
  async test(): Promise<ConnectionTestResult> {
    return {
      ok: true,
      organizations: [],
      multiTenant: false,
      capabilities: {},
      durationMs: 0,
    };
  }
  async fetchSnapshot() {
    return this.next!;
  }
}

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
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const events = mockServices.events.mock();
    const gateway = new FixtureGateway();
    const connections = new ConnectionsStore(knex);
    const runs = new RunsStore(knex);
    const history = new HistoryStore(knex);
    const snapshots = new SnapshotWriter(knex, 50);
    const connectionsService = new ConnectionsService({
      connections,
      runs,
      history,
      snapshots,
      gateway,
      events,
      logger,
      secretBox: new SecretBox('partial-sync-test-secret-partial'),
      urlPolicy: new OutboundUrlPolicy(['127.0.0.1:9']),
    });
    const findings = new FindingsService({ database: knex, logger });
    const engine = new SyncEngine({
      knex,
      connections,
      connectionsService,
      runs,
      history,
      snapshots,
      gateway,
      events,
      logger,
      evaluator: findings,
      options: { staleAfterMs: 60_000 },
    });
    const created = await connectionsService.create(
      {
        name: 'acme',
        apiUrl: 'http://127.0.0.1:9',
        apiKey: 'partial-test-key-1234',
        syncFrequency: 'off',
      },
      'user:default/ada',
    );
    const connection = (await connections.get(created.id))!;
    const syncOnce = async (next: FetchedSnapshot) => {
      gateway.next = next;
      const { run } = await engine.requestRun(connection, {
        type: 'manual',
        by: 'user:default/ada',
      });
      await engine.runTask(connection.id, new AbortController().signal);
      return (await runs.get(run.id))!;
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
