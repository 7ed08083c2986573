import { ConfigReader } from '@backstage/config';
import { readJumpCloudConfig } from './readJumpCloudConfig';

describe('readJumpCloudConfig', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('fails start-up clearly without an encryption secret outside development', () => {
    process.env.NODE_ENV = 'production';
    expect(() => readJumpCloudConfig(new ConfigReader({}))).toThrow(
      /jumpcloud.encryptionSecret is required/,
    );
  });

  it('uses a development secret in development and tests', () => {
    process.env.NODE_ENV = 'development';
    expect(readJumpCloudConfig(new ConfigReader({})).encryptionSecret).not.toBe(
      '',
    );
  });

  it('reads connections, frequencies and sync options', () => {
    const config = readJumpCloudConfig(
      new ConfigReader({
        jumpcloud: {
          encryptionSecret: 's'.repeat(32),
          allowedHosts: ['127.0.0.1:7011'],
          sync: {
            timeout: 'PT10M',
            batchSize: 200,
            requestTimeout: 'PT2S',
            staleAfter: 'PT10S',
            maxConcurrentRuns: 2,
          },
          connections: [
            {
              name: 'a',
              apiUrl: 'http://127.0.0.1:7011',
              apiKey: 'k'.repeat(20),
              syncFrequency: '0 3 * * *',
            },
            {
              name: 'b',
              region: 'eu',
              apiKey: 'k'.repeat(20),
              users: 'link',
              enabled: false,
            },
          ],
        },
      }),
    );
    expect(config.sync.timeout.as('minutes')).toBe(10);
    expect(config.sync.batchSize).toBe(200);
    expect(config.sync.requestTimeout.as('milliseconds')).toBe(2_000);
    expect(config.sync.staleAfter.as('seconds')).toBe(10);
    expect(config.sync.maxConcurrentRuns).toBe(2);
    for (const maxConcurrentRuns of [0, 1.5, 100]) {
      expect(() =>
        readJumpCloudConfig(
          new ConfigReader({
            jumpcloud: {
              encryptionSecret: 's'.repeat(32),
              sync: { maxConcurrentRuns },
            },
          }),
        ),
      ).toThrow(/maxConcurrentRuns must be a whole number from 1 to 64/);
    }
    expect(() =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: {
            encryptionSecret: 's'.repeat(32),
            sync: { staleAfter: 'PT5S' },
          },
        }),
      ),
    ).toThrow(/staleAfter must be at least PT10S/);
    expect(
      config.connections.map(c => [
        c.name,
        c.syncFrequency,
        c.users,
        c.enabled,
      ]),
    ).toEqual([
      ['a', { cron: '0 3 * * *' }, 'ingest', true],
      ['b', 'daily', 'link', false],
    ]);
  });

  it('reads 90 days of audit events by default and refuses more', () => {
    const read = (sync?: object) =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: { encryptionSecret: 's'.repeat(32), sync },
        }),
      ).sync.directoryInsightsDays;
    expect(read()).toBe(90);
    expect(read({ directoryInsightsDays: 30 })).toBe(30);
    expect(() => read({ directoryInsightsDays: 91 })).toThrow(
      /directoryInsightsDays/,
    );
    expect(() => read({ directoryInsightsDays: 1.5 })).toThrow(
      /directoryInsightsDays/,
    );
  });

  it('runs syncs in a worker, sized from the org unless a heap limit is set, and refuses tiny heaps', () => {
    const read = (worker?: object) =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: { encryptionSecret: 's'.repeat(32), sync: { worker } },
        }),
      ).sync.worker;
    expect(read()).toEqual({ enabled: true });
    expect(read({ enabled: false, maxHeapMb: 512 })).toEqual({
      enabled: false,
      maxHeapMb: 512,
    });
    expect(() => read({ maxHeapMb: 32 })).toThrow(/maxHeapMb.*at least 64/);
    expect(() => read({ maxHeapMb: 100.5 })).toThrow(/maxHeapMb/);
  });

  it('reads service accounts beside API keys, refusing half or mixed credentials', () => {
    const read = (...connections: object[]) =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: { encryptionSecret: 's'.repeat(32), connections },
        }),
      ).connections.map(c => c.credential);
    expect(
      read(
        {
          name: 'sa',
          authType: 'serviceAccount',
          clientId: 'client-1',
          clientSecret: 'secret-1-secret',
        },
        { name: 'inferred', clientId: 'client-2', clientSecret: 'secret-2' },
        { name: 'key', apiKey: 'k'.repeat(20) },
      ),
    ).toEqual([
      {
        type: 'serviceAccount',
        clientId: 'client-1',
        clientSecret: 'secret-1-secret',
      },
      {
        type: 'serviceAccount',
        clientId: 'client-2',
        clientSecret: 'secret-2',
      },
      { type: 'apiKey', apiKey: 'k'.repeat(20) },
    ]);
    const refusals: Array<[object, RegExp]> = [
      [{ clientId: 'c' }, /connections\[0\]\.clientSecret is required/],
      [
        { authType: 'serviceAccount', clientSecret: 'hidden-value' },
        /connections\[0\]\.clientId is required/,
      ],
      [
        { apiKey: 'k'.repeat(20), clientId: 'c', clientSecret: 'hidden-value' },
        /either apiKey or .* not both/,
      ],
      [
        {
          authType: 'apiKey',
          apiKey: 'k'.repeat(20),
          clientSecret: 'hidden-value',
        },
        /only for authType serviceAccount/,
      ],
      [
        { authType: 'oauth', apiKey: 'k' },
        /authType must be apiKey or serviceAccount/,
      ],
      [{}, /apiKey is required/],
    ];
    for (const [fields, message] of refusals) {
      let thrown: Error | undefined;
      try {
        read({ name: 'x', ...fields });
      } catch (error) {
        thrown = error as Error;
      }
      expect(thrown?.message).toMatch(message);
      expect(thrown?.message).not.toContain('hidden-value');
    }
  });

  it('refuses duplicate names and invalid frequencies', () => {
    const connection = { name: 'a', apiKey: 'k'.repeat(20) };
    expect(() =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: {
            encryptionSecret: 'x',
            connections: [connection, connection],
          },
        }),
      ),
    ).toThrow(/unique/);
    expect(() =>
      readJumpCloudConfig(
        new ConfigReader({
          jumpcloud: {
            encryptionSecret: 'x',
            connections: [{ ...connection, syncFrequency: 'PT1M' }],
          },
        }),
      ),
    ).toThrow(/at least 5 minutes/);
  });

  describe('notifications', () => {
    const read = (data: { jumpcloud?: object; permission?: object }) =>
      readJumpCloudConfig(
        new ConfigReader({
          ...data,
          jumpcloud: { encryptionSecret: 'x', ...data.jumpcloud },
        }),
      ).notifications;

    it('are on for the managers by default, owners opt in', () => {
      expect(read({})).toEqual({
        enabled: true,
        managers: ['group:default/jumpcloud-admins'],
        entityOwners: { enabled: false },
        pagePath: '/jumpcloud',
      });
      // The groups the demo's permission policy lets manage connections.
      expect(
        read({ permission: { jumpcloudAdminGroups: ['group:default/it'] } })
          .managers,
      ).toEqual(['group:default/it']);
    });

    it('reads managers, owners, the page path and the switch', () => {
      expect(
        read({
          permission: { jumpcloudAdminGroups: ['group:default/it'] },
          jumpcloud: {
            notifications: {
              enabled: false,
              managers: ['group:default/secops', 'user:default/ada'],
              entityOwners: { enabled: true },
              pagePath: '/security/jumpcloud/',
            },
          },
        }),
      ).toEqual({
        enabled: false,
        managers: ['group:default/secops', 'user:default/ada'],
        entityOwners: { enabled: true },
        pagePath: '/security/jumpcloud',
      });
    });

    it('fails start-up on a manager that is not a group or user ref', () => {
      expect(() =>
        read({
          jumpcloud: { notifications: { managers: ['component:default/x'] } },
        }),
      ).toThrow(
        /jumpcloud\.notifications\.managers\.0: must be a group or user entity ref/,
      );
      expect(() =>
        read({ jumpcloud: { notifications: { pagePath: 'jumpcloud' } } }),
      ).toThrow(/jumpcloud\.notifications\.pagePath: must be a path/);
    });
  });
});
