import { ConfigReader } from '@backstage/config';
import {
  effectiveDefaultOwner,
  effectiveUsersMode,
  readJumpCloudProviderConfig,
} from './providerConfig';

const read = (jumpcloud: unknown) =>
  readJumpCloudProviderConfig(
    new ConfigReader({ catalog: { providers: { jumpcloud } } } as any),
  );

describe('readJumpCloudProviderConfig', () => {
  it('has defaults for everything', () => {
    const config = readJumpCloudProviderConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      schedule: { frequency: { minutes: 30 }, scope: 'global' },
      removalGuard: { maxShare: 0.2, minimumCount: 0 },
      systemGroupsAsLabels: false,
      userGroupType: 'team',
      pageSize: 2000,
    });
    expect(config.defaultOwner).toBeUndefined();
  });

  it('reads every option', () => {
    const config = read({
      schedule: { frequency: 'PT1H', timeout: { minutes: 5 } },
      defaultOwner: 'it-team',
      removalGuard: { maxShare: 0.5, minimumCount: 3 },
      systemGroupsAsLabels: true,
      connections: { acme: { users: 'link' } },
    });
    expect(config.schedule).toMatchObject({
      frequency: { hours: 1 },
      scope: 'global',
    });
    expect(config.defaultOwner).toBe('group:default/it-team');
    expect(config.removalGuard).toEqual({ maxShare: 0.5, minimumCount: 3 });
    expect(
      effectiveUsersMode(config, { id: 'x', name: 'acme', users: 'ingest' }),
    ).toBe('link');
    expect(
      effectiveUsersMode(config, { id: 'y', name: 'other', users: 'ingest' }),
    ).toBe('ingest');
  });

  it('reads a fallback owner per connection, by name or id', () => {
    const config = read({
      defaultOwner: 'group:default/it',
      connections: {
        acme: { defaultOwner: 'acme-it' },
        c2: { defaultOwner: 'user:default/bob' },
      },
    });
    const owner = (id: string, name: string) =>
      effectiveDefaultOwner(config, { id, name });
    expect(owner('c1', 'acme')).toBe('group:default/acme-it');
    expect(owner('c2', 'beta')).toBe('user:default/bob');
    expect(owner('c3', 'gamma')).toBe('group:default/it');
    expect(() =>
      read({ connections: { acme: { defaultOwner: 'group:' } } }),
    ).toThrow(/connections\.acme\.defaultOwner/);
  });

  it('rejects bad values with the key in the message', () => {
    expect(() => read({ removalGuard: { maxShare: 2 } })).toThrow(/maxShare/);
    expect(() => read({ connections: { a: { users: 'sync' } } })).toThrow(
      /'ingest' or 'link'/,
    );
    expect(() => read({ pageSize: 0 })).toThrow(/pageSize/);
  });
});
