import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { AppliedEntity } from '../lib/planning/planMutation';
import { ProviderStateStore } from './ProviderStateStore';

const { databases, ids } = createTestDatabases();

function row(n: number): AppliedEntity {
  return {
    sourceKey: `system:${n}`,
    kind: 'resource',
    baseName: `host-${n}`,
    assignedName: `host-${n}`,
    entityRef: `resource:default/host-${n}`,
    hash: `h${n}`,
  };
}

describe.each(ids)('ProviderStateStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    const store = await ProviderStateStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    return { store, knex };
  }

  it('migrates into its own bookkeeping table and round-trips state', async () => {
    const { store, knex } = await createStore();
    expect(
      await knex.schema.hasTable('jumpcloud_catalog__knex_migrations'),
    ).toBe(true);
    expect(await store.listConnections()).toEqual([]);

    const rows = Array.from({ length: 450 }, (_, i) => row(i));
    await store.replaceConnection(
      {
        connectionId: 'c1',
        connectionName: 'acme',
        runId: 'r1',
        usersMode: 'ingest',
      },
      rows,
    );
    await store.replaceConnection(
      {
        connectionId: 'c2',
        connectionName: 'beta',
        runId: 'r9',
        usersMode: 'link',
      },
      [row(1000)],
    );
    expect(await store.listConnections()).toEqual(
      expect.arrayContaining([
        {
          connectionId: 'c1',
          connectionName: 'acme',
          runId: 'r1',
          usersMode: 'ingest',
        },
        {
          connectionId: 'c2',
          connectionName: 'beta',
          runId: 'r9',
          usersMode: 'link',
        },
      ]),
    );
    const entities = await store.listEntities();
    expect(entities.get('c1')).toHaveLength(450);
    expect(entities.get('c1')).toEqual(
      expect.arrayContaining([row(0), row(449)]),
    );
    expect(entities.get('c2')).toEqual([row(1000)]);
  });

  it('replaces a connection atomically and deletes it', async () => {
    const { store } = await createStore();
    const connection = {
      connectionId: 'c1',
      connectionName: 'acme',
      runId: 'r1',
      usersMode: 'ingest' as const,
    };
    await store.replaceConnection(connection, [row(1), row(2)]);
    await store.replaceConnection({ ...connection, runId: 'r2' }, [
      row(2),
      row(3),
    ]);
    expect(
      (await store.listEntities())
        .get('c1')
        ?.map(r => r.sourceKey)
        .sort(),
    ).toEqual(['system:2', 'system:3']);
    expect((await store.listConnections())[0].runId).toBe('r2');

    await store.deleteConnection('c1');
    expect(await store.listConnections()).toEqual([]);
    expect((await store.listEntities()).size).toBe(0);
  });
});
