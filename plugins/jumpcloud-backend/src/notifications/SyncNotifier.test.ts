import { JumpCloudError } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { createSyncEngineHarness } from '../__testUtils__/syncEngineHarness';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import type { NotificationsOptions } from '../config/readJumpCloudConfig';
import { migrateDatabase } from '../database/migrateDatabase';
import type { FetchedSnapshot } from '../jumpcloud/JumpCloudGateway';
import type { RunOutcome, RunRecord } from '../runs/RunsStore';
import { EntityOwners } from './EntityOwners';
import { newSevereFindings } from './newSevereFindings';
import { SyncNotifier } from './SyncNotifier';

// The notifier behind the real sync engine, stores and checks on SQLite and
// PostgreSQL; the notification service is the boundary, recorded here (the
// real notifications backend receives them in notifications.test.ts).

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases({ suite: 'SyncNotifier' });

const MANAGERS = ['group:default/jumpcloud-admins'];

type Entity = NonNullable<
  NonNullable<Parameters<typeof catalogServiceMock>[0]>['entities']
>[number];

const complete = (
  devices: number,
  failures: FetchedSnapshot['failures'] = {},
): FetchedSnapshot => ({
  snapshot: syntheticSnapshot(devices, 6),
  failures,
  counts: { systems: devices, users: 6 },
  requests: 12,
});

const revoked = () =>
  new JumpCloudError(
    'revoked_key',
    'JumpCloud no longer accepts this API key: it was revoked, rotated or has expired. Paste a new key.',
    { status: 401 },
  );

const forbidden = (capability: string) =>
  new JumpCloudError('forbidden', `The key may not read ${capability}`, {
    status: 403,
    capability,
  }).toDetail();

/** The notification service at the boundary: what would have been sent. */
class RecordingNotifications {
  readonly sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing)
      throw new Error('Failed to send notifications: Request failed with 404');
    this.sent.push(options);
  }
}

/** A device entity as the catalog module builds it. */
function device(systemId: string, connectionId: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `host-${systemId}`,
      namespace: 'default',
      annotations: {
        'jumpcloud.com/system-id': systemId,
        'jumpcloud.com/connection-id': connectionId,
      },
    },
    spec: { type: 'device', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

describe.each(ids)('SyncNotifier on %s', databaseId => {
  async function setup(
    options: {
      notifications?: Partial<NotificationsOptions>;
      entities?: (connectionId: string) => Entity[];
    } = {},
  ) {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const notifications = new RecordingNotifications();
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    // The catalog holds the connection's entities once it exists.
    let catalog = catalogServiceMock();
    const notifierOptions: NotificationsOptions = {
      enabled: true,
      managers: MANAGERS,
      entityOwners: { enabled: false },
      pagePath: '/jumpcloud',
      ...options.notifications,
    };
    const createNotifier = () =>
      new SyncNotifier({
        knex,
        notifications,
        owners: new EntityOwners({
          catalog: {
            getEntities: (...args) => catalog.getEntities(...args),
          },
          auth: mockServices.auth(),
          knex,
        }),
        options: notifierOptions,
        logger,
      });
    const harness = await createSyncEngineHarness(knex, {
      batchSize: 50,
      notifier: createNotifier(),
    });
    catalog = catalogServiceMock({
      entities: options.entities?.(harness.connection.id),
    });
    return { knex, notifications, logger, createNotifier, ...harness };
  }

  const titles = (n: RecordingNotifications) =>
    n.sent.map(s => s.payload.title);

  it('tells the managers once of a key revoked for a week of hourly syncs, and once when it works again', async () => {
    const { notifications, gateway, connection, syncOnce, knex } =
      await setup();
    gateway.next = async () => complete(4);
    expect((await syncOnce()).status).toBe('succeeded');
    expect(notifications.sent).toEqual([]); // a sync that works is no news

    gateway.next = async () => {
      throw revoked();
    };
    for (let hour = 0; hour < 7 * 24; hour++) {
      const run = await syncOnce();
      expect(run.status).toBe('failed');
    }
    expect(notifications.sent).toHaveLength(1);
    const [problem] = notifications.sent;
    expect(problem.recipients).toEqual({
      type: 'entity',
      entityRef: MANAGERS,
    });
    expect(problem.payload).toMatchObject({
      title: 'JumpCloud connection c: the API key stopped working',
      severity: 'critical',
      link: '/jumpcloud/connections',
      topic: 'jumpcloud-connections',
      scope: `jumpcloud:connection:${connection.id}:sync`,
    });
    expect(problem.payload.description).toMatch(
      /^API key revoked or expired: JumpCloud no longer accepts this API key/,
    );

    gateway.next = async () => complete(4);
    await syncOnce();
    await syncOnce();
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: the API key stopped working',
      'JumpCloud connection c: syncing again',
    ]);
    // The recovery updates the problem's notification in place.
    expect(notifications.sent[1].payload).toMatchObject({
      scope: problem.payload.scope,
      link: '/jumpcloud/history',
      severity: 'normal',
    });
    expect(
      await knex('jc_notification_state').where({
        connection_id: connection.id,
        topic: 'sync',
      }),
    ).toEqual([expect.objectContaining({ mark: 'ok' })]);
  });

  it('calls a failure of a connection that never worked a failed sync, told once', async () => {
    const { notifications, gateway, syncOnce } = await setup();
    gateway.next = async () => {
      throw revoked();
    };
    await syncOnce();
    await syncOnce();
    expect(notifications.sent).toHaveLength(1);
    expect(notifications.sent[0].payload).toMatchObject({
      title: 'JumpCloud connection c: sync failed',
      severity: 'high',
      link: '/jumpcloud/history',
    });
  });

  it('tells of a key refused after a failing sync, and says nothing of a cancelled one', async () => {
    const { notifications, gateway, syncOnce } = await setup();
    gateway.next = async () => complete(4);
    await syncOnce();
    gateway.next = async () => {
      throw Object.assign(new Error('The operation was aborted'), {
        name: 'AbortError',
      });
    };
    await syncOnce();
    expect(notifications.sent).toEqual([]);
    gateway.next = async () => {
      throw new JumpCloudError('unavailable', 'JumpCloud is unavailable', {
        status: 503,
      });
    };
    await syncOnce();
    gateway.next = async () => {
      throw revoked();
    };
    await syncOnce();
    await syncOnce();
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: sync failed',
      'JumpCloud connection c: the API key stopped working',
    ]);
  });

  it('lets one of two replicas tell the same news', async () => {
    const { notifications, createNotifier, connection } = await setup();
    const run = {
      id: 'run-1',
      connectionId: connection.id,
      startedAt: new Date().toISOString(),
    } as RunRecord;
    const outcome: RunOutcome = {
      status: 'failed',
      stage: 'fetch',
      counts: {},
      failedDataTypes: {},
      error: revoked().toDetail(),
      requests: 1,
    };
    const worked = { ...connection, latestCompleteRunId: 'run-0' };
    await Promise.all(
      Array.from({ length: 4 }, () =>
        createNotifier().runFinished({ run, connection: worked, outcome }),
      ),
    );
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: the API key stopped working',
    ]);
  });

  it('tells once that data became unreadable, and once that it is readable again', async () => {
    const { notifications, gateway, syncOnce } = await setup();
    // Not readable from the start (e.g. never in the plan): not news.
    gateway.next = async () =>
      complete(4, { applications: forbidden('applications') });
    await syncOnce();
    expect(notifications.sent).toEqual([]);

    gateway.next = async () =>
      complete(4, {
        applications: forbidden('applications'),
        admins: forbidden('admins'),
      });
    expect((await syncOnce()).status).toBe('succeeded');
    await syncOnce();
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: Administrators no longer readable',
    ]);
    expect(notifications.sent[0].payload).toMatchObject({
      severity: 'normal',
      link: '/jumpcloud/connections',
    });
    expect(notifications.sent[0].payload.description).toMatch(
      /^Administrators: Not permitted for this key \(Missing permission: The key may not read admins\)\./,
    );

    gateway.next = async () => complete(4);
    await syncOnce();
    await syncOnce();
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: Administrators no longer readable',
      'JumpCloud connection c: Administrators readable again',
    ]);
  });

  it('logs a warning and goes on when sending fails, and tries again with the next sync', async () => {
    const { notifications, gateway, syncOnce, logger } = await setup();
    gateway.next = async () => complete(4);
    await syncOnce();
    notifications.failing = true;
    gateway.next = async () => {
      throw revoked();
    };
    const run = await syncOnce();
    expect(run.status).toBe('failed');
    expect(run.error?.kind).toBe('revoked_key');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not send the JumpCloud notification "JumpCloud connection c: the API key stopped working" \(is @backstage\/plugin-notifications-backend installed\?/,
      ),
    );
    notifications.failing = false;
    await syncOnce();
    await syncOnce();
    expect(titles(notifications)).toEqual([
      'JumpCloud connection c: the API key stopped working',
    ]);
  });

  it('sends nothing when switched off', async () => {
    const { notifications, gateway, syncOnce, knex } = await setup({
      notifications: { enabled: false, entityOwners: { enabled: true } },
    });
    gateway.next = async () => {
      throw revoked();
    };
    await syncOnce();
    gateway.next = async () => complete(8);
    await syncOnce();
    expect(notifications.sent).toEqual([]);
    expect(await knex('jc_notification_state')).toEqual([]);
  });

  describe('owners of devices', () => {
    // Devices 4-8 first appear in the second sync, each with its disk not
    // encrypted (a high finding). Ada owns two of them, team B one; device 6
    // is not in the catalog yet: its JumpCloud primary user's entity owns
    // it; device 8 is not in the catalog and has no primary user: nobody to
    // tell.
    const entities = (connectionId: string) => [
      device('sys0004', connectionId, 'user:default/ada'),
      device('sys0005', connectionId, 'user:default/ada'),
      device('sys0007', connectionId, 'group:default/team-b'),
      // Another connection's device with the same id is not this one.
      device('sys0006', 'another-connection', 'user:default/eve'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name: 'user1',
          namespace: 'default',
          annotations: {
            'jumpcloud.com/user-id': 'usr0001',
            'jumpcloud.com/connection-id': connectionId,
          },
        },
        spec: {},
      },
    ];
    const withNewDevices = (): FetchedSnapshot => {
      const fetched = complete(9);
      for (const system of fetched.snapshot.systems.slice(4)) {
        system.active = true;
        system.fde = { active: false };
        if (system._id === 'sys0006')
          system.primarySystemUser = { id: 'usr0001' };
      }
      return fetched;
    };

    it('tell each owner once per sync of new critical and high findings, with counts and a filtered link', async () => {
      const { notifications, gateway, syncOnce, knex, connection } =
        await setup({
          notifications: { entityOwners: { enabled: true } },
          entities,
        });
      gateway.next = async () => complete(4);
      await syncOnce(); // the first sync opens everything: a baseline
      expect(notifications.sent).toEqual([]);

      gateway.next = async () => withNewDevices();
      const second = await syncOnce();
      const found = await newSevereFindings(
        knex,
        second,
        new Date().toISOString(),
      );
      const on = (entityIds: string[]) =>
        found.filter(f => entityIds.includes(f.entity_id));
      for (const id of ['sys0004', 'sys0005', 'sys0006', 'sys0007', 'sys0008'])
        expect(on([id]).length).toBeGreaterThan(0);
      expect(found.every(f => /^sys000[4-8]$/.test(f.entity_id))).toBe(true);

      const byOwner = new Map(
        notifications.sent.map(s => [
          [(s.recipients as { entityRef: string[] }).entityRef].flat()[0],
          s.payload,
        ]),
      );
      expect(notifications.sent).toHaveLength(3); // never one per finding
      expect([...byOwner.keys()].sort()).toEqual([
        'group:default/team-b',
        'user:default/ada',
        'user:default/user1',
      ]);
      const ada = byOwner.get('user:default/ada')!;
      const adaFindings = on(['sys0004', 'sys0005']);
      const critical = adaFindings.filter(f => f.severity === 'critical');
      expect(ada.metadata).toMatchObject({
        critical: critical.length,
        high: adaFindings.length - critical.length,
      });
      expect(ada.title).toMatch(
        /^JumpCloud: 2 new (critical|high|critical and high) findings on 2 assets$/,
      );
      expect(ada.link).toBe(
        `/jumpcloud/findings?connectionId=${connection.id}&status=open&entityId=sys0004%2Csys0005`,
      );
      expect(ada.topic).toBe('jumpcloud-findings');
      expect(ada.severity).toBe(critical.length > 0 ? 'critical' : 'high');
      const teamB = byOwner.get('group:default/team-b')!;
      expect(teamB.title).toMatch(
        /^JumpCloud: 1 new (critical|high) finding on host-7$/,
      );
      expect(teamB.description).toMatch(
        /^The last sync of c found 1 (critical|high) on host-7: Full-disk encryption on\.$/,
      );
      expect(byOwner.get('user:default/user1')!.link).toContain(
        'entityId=sys0006',
      );

      // Nothing new in the next sync: nothing to tell.
      await syncOnce();
      expect(notifications.sent).toHaveLength(3);
    });

    it('tell nobody unless switched on', async () => {
      const { notifications, gateway, syncOnce } = await setup({ entities });
      gateway.next = async () => complete(4);
      await syncOnce();
      gateway.next = async () => withNewDevices();
      await syncOnce();
      expect(notifications.sent).toEqual([]);
    });
  });
});
