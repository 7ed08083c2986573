import {
  type Entity,
  type ResourceEntity,
  type UserEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { fixtureOrg } from '../../__testUtils__/fixtures';
import { fakeConnection } from '../../__testUtils__/fakeJumpCloudBackend';
import { buildEntities, type BuildEntitiesOptions } from './buildEntities';
import {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
} from './defaultTransformers';
import { EntityNameRegistry } from './nameRegistry';
import { validateCatalogEntity } from './validateEntity';

function options(
  overrides: Partial<BuildEntitiesOptions> = {},
): BuildEntitiesOptions {
  const connection = fakeConnection('c1', { name: 'Acme Production' });
  return {
    connection,
    snapshot: fixtureOrg(),
    usersMode: 'ingest',
    transformers: {
      device: defaultDeviceTransformer,
      user: defaultUserTransformer,
      group: defaultGroupTransformer,
    },
    names: new EntityNameRegistry(connection.id, new Map()),
    previousNames: new Map(),
    systemGroupsAsLabels: false,
    userGroupType: 'team',
    ...overrides,
  };
}

const byKind = (entities: Entity[], kind: string) =>
  entities.filter(e => e.kind === kind);

describe('buildEntities', () => {
  it('builds valid, uniquely named entities for every object', async () => {
    const built = await buildEntities(options());
    const entities = built.map(b => b.entity);
    expect(byKind(entities, 'Resource')).toHaveLength(30);
    expect(byKind(entities, 'User')).toHaveLength(40);
    // 5 teams, the connection and its "unassigned" owner of devices without a user
    expect(byKind(entities, 'Group')).toHaveLength(7);
    for (const entity of entities) {
      await expect(validateCatalogEntity(entity)).resolves.toBeUndefined();
      expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
    }
    const refs = entities.map(e => stringifyEntityRef(e));
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('annotates devices and links them to the console of their region', async () => {
    const eu = fakeConnection('c1', {
      region: 'eu',
      apiUrl: 'https://console.eu.jumpcloud.com',
    });
    const built = await buildEntities(options({ connection: eu }));
    const device = built.find(b => b.sourceKey.startsWith('system:'))!
      .entity as ResourceEntity;
    expect(device.spec.type).toBe('device');
    expect(device.metadata.annotations).toMatchObject({
      'jumpcloud.com/system-id': expect.any(String),
      'jumpcloud.com/connection': 'conn-c1',
      'jumpcloud.com/connection-id': 'c1',
      'jumpcloud.com/org-id': 'org-c1',
      'backstage.io/managed-by-location': expect.stringMatching(
        /^jumpcloud:c1\/systems\//,
      ),
      'backstage.io/managed-by-origin-location': expect.stringMatching(
        /^jumpcloud:c1\/systems\//,
      ),
    });
    expect(device.metadata.labels).toEqual({
      'jumpcloud.com/os-family': 'darwin',
    });
    expect(device.metadata.tags).toEqual(['macos']);
    expect(device.metadata.links?.[0].url).toMatch(
      /^https:\/\/console\.eu\.jumpcloud\.com\/#\/devices\/[0-9a-f]{24}\/details$/,
    );
  });

  it('resolves device owners: primary user, single direct user, else the fallback', async () => {
    const built = await buildEntities(options());
    const owners = new Map(
      built
        .filter(b => b.kind === 'resource')
        .map(b => [b.sourceKey, (b.entity as ResourceEntity).spec.owner]),
    );
    const org = fixtureOrg();
    const userName = (i: number) => `user:default/user.${i}`;
    expect(owners.get(`system:${org.systems[0]._id}`)).toBe(userName(0));
    // device 2: no primary user, one direct binding (user 7)
    expect(owners.get(`system:${org.systems[2]._id}`)).toBe(userName(7));
    // device 5: no primary user, no direct binding
    expect(owners.get(`system:${org.systems[5]._id}`)).toBe(
      'group:default/jumpcloud-acme-production-unassigned',
    );
    const unassigned = built.find(b => b.sourceKey === 'unassigned')!.entity;
    expect(unassigned.metadata.title).toBe(
      'unassigned (connection Acme Production)',
    );
    expect(unassigned.spec).toMatchObject({
      parent: 'group:default/jumpcloud-acme-production',
      profile: { displayName: 'unassigned (connection Acme Production)' },
    });

    const custom = await buildEntities(
      options({ defaultOwner: 'group:default/it' }),
    );
    expect(
      (
        custom.find(b => b.sourceKey === `system:${org.systems[5]._id}`)!
          .entity as ResourceEntity
      ).spec.owner,
    ).toBe('group:default/it');
    // A configured owner leaves no "unassigned" Group behind.
    expect(custom.some(b => b.sourceKey === 'unassigned')).toBe(false);
  });

  it('fills memberOf and members from JumpCloud memberships', async () => {
    const built = await buildEntities(options());
    const user0 = built.find(b => b.entity.metadata.name === 'user.0')!
      .entity as UserEntity;
    expect(user0.spec.memberOf).toEqual([
      'group:default/team-0',
      'group:default/team-1',
    ]);
    expect(user0.spec.profile?.email).toBe('User.0@Example.com');
    expect(user0.metadata.annotations?.['jumpcloud.com/email']).toBe(
      'User.0@Example.com',
    );
    const team0 = built.find(b => b.entity.metadata.name === 'team-0')!.entity;
    expect(team0.spec?.members).toContain('user:default/user.0');
    expect(team0.spec?.parent).toBe('group:default/jumpcloud-acme-production');
  });

  it('suffixes duplicate hostnames and caps long ones', async () => {
    const names = (await buildEntities(options()))
      .filter(b => b.kind === 'resource')
      .map(b => b.entity.metadata.name);
    expect(names.filter(n => n === 'macbook-pro.local')).toHaveLength(1);
    expect(names.filter(n => n.startsWith('macbook-pro.local-'))).toHaveLength(
      2,
    );
    expect(
      names.some(n => n.length === 63 && n.startsWith('very-long-hostname')),
    ).toBe(true);
  });

  it('adds system groups as labels when asked', async () => {
    const built = await buildEntities(options({ systemGroupsAsLabels: true }));
    const device = built.find(b => b.kind === 'resource')!.entity;
    expect(device.metadata.labels).toMatchObject({
      'jumpcloud.com/system-group-fleet-0': 'true',
    });
    await expect(validateCatalogEntity(device)).resolves.toBeUndefined();
  });

  it('in link mode creates no Users and owns devices by matched Users', async () => {
    const built = await buildEntities(
      options({
        usersMode: 'link',
        linkedUsers: new Map([['user.0@example.com', 'user:default/jane']]),
      }),
    );
    expect(built.filter(b => b.kind === 'user')).toHaveLength(0);
    const org = fixtureOrg();
    const device0 = built.find(
      b => b.sourceKey === `system:${org.systems[0]._id}`,
    )!.entity;
    expect(device0.spec?.owner).toBe('user:default/jane');
    const team0 = built.find(b => b.entity.metadata.name === 'team-0')!.entity;
    expect(team0.spec?.members).toEqual(['user:default/jane']);
  });

  it('lets transformers wrap the defaults, rename and skip', async () => {
    const built = await buildEntities(
      options({
        transformers: {
          device: (d, ctx) => {
            const entity = defaultDeviceTransformer(d, ctx);
            return { ...entity, spec: { ...entity.spec, system: 'laptops' } };
          },
          user: (u, ctx) =>
            u.username === 'user.1'
              ? undefined
              : {
                  ...defaultUserTransformer(u, ctx),
                  metadata: {
                    ...defaultUserTransformer(u, ctx).metadata,
                    name: `jc-${ctx.name}`,
                  },
                },
          group: defaultGroupTransformer,
        },
      }),
    );
    expect(built.filter(b => b.kind === 'user')).toHaveLength(39);
    const device0 = built.find(b => b.kind === 'resource')!.entity;
    expect(device0.spec).toMatchObject({
      system: 'laptops',
      owner: 'user:default/jc-user.0',
    });
    const team0 = built.find(b => b.entity.metadata.name === 'team-0')!.entity;
    expect(team0.spec?.members).toContain('user:default/jc-user.0');
  });
});
