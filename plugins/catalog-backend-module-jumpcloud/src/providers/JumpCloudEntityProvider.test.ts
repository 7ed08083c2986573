import {
  type Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogClient } from '@backstage/catalog-client';
import { fixtureOrg } from '../__testUtils__/fixtures';
import {
  fakeConnection,
  fakeJumpCloudBackend,
  newFakeState,
  type FakeBackendState,
} from '../__testUtils__/fakeJumpCloudBackend';
import { eventually } from '@backstage-jumpcloud/test-utils';
import {
  jumpcloudEntities,
  manualJumpCloudModule,
  startCatalogBackend,
  relationTargets as targets,
  settledEntities,
  staticEntitiesModule,
} from '../__testUtils__/catalogHarness';
import { validateCatalogEntity } from '../lib/entities/validateEntity';
import type { JumpCloudEntityProvider } from './JumpCloudEntityProvider';

// 30 devices + 40 users + 5 teams + the connection's group and its
// "unassigned" group (owner of the devices without a user)
const ENTITY_COUNT = 77;

const refsOf = (entities: Entity[]) =>
  entities.map(e => stringifyEntityRef(e)).sort();

jest.setTimeout(120_000);

describe('JumpCloudEntityProvider with the real catalog', () => {
  let state: FakeBackendState;
  let catalog: CatalogClient;
  let provider: JumpCloudEntityProvider;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    state = newFakeState();
    state.connections = [fakeConnection('c1', { name: 'acme' })];
    state.snapshots.set('c1', fixtureOrg());
    const captured: { provider?: JumpCloudEntityProvider } = {};
    const started = await startCatalogBackend([
      fakeJumpCloudBackend(state).feature,
      manualJumpCloudModule(captured),
    ]);
    catalog = started.catalog;
    provider = captured.provider!;
    stop = () => started.backend.stop();
  });

  afterEach(async () => {
    await stop?.();
  });

  const settled = (count: number) => settledEntities(catalog, count);

  it('ingests a complete snapshot with ownership and membership relations', async () => {
    const summary = await provider.refresh();
    expect(summary).toMatchObject({
      mutation: 'full',
      written: ENTITY_COUNT,
      removed: 0,
    });
    const entities = await settled(ENTITY_COUNT);

    // what the provider emitted: the served entity minus the catalog's additions
    for (const served of entities) {
      const {
        relations: _r,
        status: _s,
        ...entity
      } = served as Entity & {
        status?: unknown;
      };
      await expect(validateCatalogEntity(entity)).resolves.toBeUndefined();
    }
    const org = fixtureOrg();
    const device0 = entities.find(
      e =>
        e.metadata.annotations?.['jumpcloud.com/system-id'] ===
        org.systems[0]._id,
    )!;
    expect(targets(device0, RELATION_OWNED_BY)).toEqual([
      'user:default/user.0',
    ]);
    const user0 = await catalog.getEntityByRef('user:default/user.0');
    expect(targets(user0, RELATION_OWNER_OF)).toContain(
      stringifyEntityRef(device0),
    );
    expect(targets(user0, RELATION_MEMBER_OF)).toEqual([
      'group:default/team-0',
      'group:default/team-1',
    ]);
    const team0 = await catalog.getEntityByRef('group:default/team-0');
    expect(targets(team0, RELATION_HAS_MEMBER)).toContain(
      'user:default/user.0',
    );
    const unowned = entities.find(
      e =>
        e.metadata.annotations?.['jumpcloud.com/system-id'] ===
        org.systems[5]._id,
    );
    expect(targets(unowned, RELATION_OWNED_BY)).toEqual([
      'group:default/jumpcloud-acme-unassigned',
    ]);
  });

  it('writes only what changed, and nothing when nothing changed', async () => {
    await provider.refresh();
    await settled(ENTITY_COUNT);

    expect(await provider.refresh()).toMatchObject({
      mutation: 'none',
      written: 0,
    });

    const next = fixtureOrg();
    next.runId = 'run-2';
    next.systems[3] = { ...next.systems[3], displayName: 'Renamed laptop' };
    state.snapshots.set('c1', next);
    state.connections = [
      fakeConnection('c1', { name: 'acme', latestCompleteRunId: 'run-2' }),
    ];
    const summary = await provider.refresh();
    expect(summary).toMatchObject({
      mutation: 'delta',
      written: 1,
      removed: 0,
    });
    await eventually(async () => {
      const renamed = (await jumpcloudEntities(catalog)).filter(
        e => e.metadata.title === 'Renamed laptop',
      );
      expect(renamed).toHaveLength(1);
    });
  });

  it('reads direct bindings only; bindings via groups change no entity', async () => {
    await provider.refresh();
    await settled(ENTITY_COUNT);
    // one request per page of bindings, each asking for direct ones only
    expect(state.directRequests).toBeGreaterThan(0);

    const next = fixtureOrg();
    next.runId = 'run-2';
    next.userSystemBindings.push(
      ...next.systems.flatMap((system, i) => [
        {
          userId: next.users[i % next.users.length]._id,
          systemId: system._id,
          viaGroup: true,
        },
        {
          userId: next.users[(i + 7) % next.users.length]._id,
          systemId: system._id,
          viaGroup: true,
        },
      ]),
    );
    state.snapshots.set('c1', next);
    state.connections = [
      fakeConnection('c1', { name: 'acme', latestCompleteRunId: 'run-2' }),
    ];
    expect(await provider.refresh()).toMatchObject({
      mutation: 'delta',
      written: 0,
      removed: 0,
    });
  });

  it('changes nothing when the snapshot cannot be read completely', async () => {
    await provider.refresh();
    const before = refsOf(await settled(ENTITY_COUNT));

    const next = fixtureOrg({ devices: 10 });
    next.runId = 'run-2';
    state.snapshots.set('c1', next);
    state.connections = [
      fakeConnection('c1', { name: 'acme', latestCompleteRunId: 'run-2' }),
    ];
    state.failingTypes.add('userSystemBindings');

    const summary = await provider.refresh();
    expect(summary.connections[0]).toMatchObject({
      status: 'failed',
      written: 0,
      removed: 0,
    });
    expect(summary.mutation).toBe('none');
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(refsOf(await jumpcloudEntities(catalog))).toEqual(before);
  });

  it('holds removals above the share, allows them below it', async () => {
    await provider.refresh();
    await settled(ENTITY_COUNT);

    // 30 of 76 entities gone (39%): refused, the rest is still applied
    const shrunk = fixtureOrg({ devices: 10, users: 30 });
    shrunk.runId = 'run-2';
    shrunk.systems[0] = { ...shrunk.systems[0], displayName: 'Still updated' };
    state.snapshots.set('c1', shrunk);
    state.connections = [
      fakeConnection('c1', { name: 'acme', latestCompleteRunId: 'run-2' }),
    ];
    const refused = await provider.refresh();
    expect(refused).toMatchObject({
      removed: 0,
      held: 30,
      written: expect.any(Number),
    });
    await eventually(async () => {
      const entities = await jumpcloudEntities(catalog);
      expect(entities).toHaveLength(ENTITY_COUNT);
      expect(entities.some(e => e.metadata.title === 'Still updated')).toBe(
        true,
      );
    });

    // 5 devices gone (7%): allowed
    const smaller = fixtureOrg({ devices: 25 });
    smaller.runId = 'run-3';
    state.snapshots.set('c1', smaller);
    state.connections = [
      fakeConnection('c1', { name: 'acme', latestCompleteRunId: 'run-3' }),
    ];
    expect(await provider.refresh()).toMatchObject({ removed: 5, held: 0 });
    await settled(ENTITY_COUNT - 5);
  });

  it('removes a deleted connection’s entities and keeps names unique across connections', async () => {
    state.connections.push(fakeConnection('c2', { name: 'beta' }));
    state.snapshots.set('c2', fixtureOrg({ devices: 3, users: 2, groups: 1 }));
    await provider.refresh();
    const both = await settled(ENTITY_COUNT + 3 + 2 + 1 + 1);
    expect(new Set(refsOf(both)).size).toBe(both.length);
    // both orgs have "user.0": the second connection's one is suffixed
    expect(
      both
        .filter(e => e.metadata.name.startsWith('user.0'))
        .map(e => e.metadata.name),
    ).toEqual(
      expect.arrayContaining([
        'user.0',
        expect.stringMatching(/^user\.0-[0-9a-f]{6}$/),
      ]),
    );

    state.connections = state.connections.filter(c => c.id !== 'c2');
    const summary = await provider.refresh();
    expect(
      summary.connections.find(c => c.connectionId === 'c2'),
    ).toMatchObject({
      status: 'removed',
      removed: 7,
    });
    await settled(ENTITY_COUNT);
  });

  it('in link mode owns devices by Users from another provider, matched by email', async () => {
    await stop();
    state.connections = [fakeConnection('c1', { name: 'acme', users: 'link' })];
    const captured: { provider?: JumpCloudEntityProvider } = {};
    const idpUser: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'jane',
        annotations: {
          'backstage.io/managed-by-location': 'idp:jane',
          'backstage.io/managed-by-origin-location': 'idp:jane',
        },
      },
      spec: { profile: { email: 'user.0@example.com' }, memberOf: [] },
    };
    const started = await startCatalogBackend([
      fakeJumpCloudBackend(state).feature,
      manualJumpCloudModule(captured),
      staticEntitiesModule('idp', [idpUser]),
    ]);
    stop = () => started.backend.stop();
    await eventually(() =>
      started.catalog
        .getEntityByRef('user:default/jane')
        .then(e => expect(e).toBeDefined()),
    );

    await captured.provider!.refresh();
    const entities = await eventually(async () => {
      const list = await jumpcloudEntities(started.catalog);
      // devices, teams, the connection's group and its "unassigned" group
      expect(list).toHaveLength(30 + 5 + 2);
      for (const e of list.filter(x => x.kind === 'Resource')) {
        expect(targets(e, RELATION_OWNED_BY)).toHaveLength(1);
      }
      return list;
    });
    expect(entities.filter(e => e.kind === 'User')).toHaveLength(0);
    const org = fixtureOrg();
    const device0 = entities.find(
      e =>
        e.metadata.annotations?.['jumpcloud.com/system-id'] ===
        org.systems[0]._id,
    );
    expect(targets(device0, RELATION_OWNED_BY)).toEqual(['user:default/jane']);
    const jane = await started.catalog.getEntityByRef('user:default/jane');
    expect(targets(jane, RELATION_OWNER_OF)).toContain(
      stringifyEntityRef(device0!),
    );
  });
});
