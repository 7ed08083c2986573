import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import { NotificationStateStore } from './NotificationStateStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases({
  suite: 'NotificationStateStore',
});

/** A connection row for the state's foreign key. */
async function connection(knex: Knex, id: string) {
  const now = new Date().toISOString();
  await knex('jc_connections').insert({
    id,
    name: id,
    api_url: 'https://console.jumpcloud.com',
    auth_type: 'apiKey',
    api_key_encrypted: 'x',
    api_key_last4: 'abcd',
    sync_frequency: '"off"',
    users_mode: 'ingest',
    enabled: true,
    source: 'ui',
    created_at: now,
    updated_at: now,
  });
}

describe.each(ids)('NotificationStateStore on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    await connection(knex, 'c1');
    return { knex, store: new NotificationStateStore(knex) };
  }

  it('lets exactly one of several replicas insert a topic that has no row', async () => {
    const { knex, store } = await setup();
    // Eight "replicas", each with its own store, claim the same news at once.
    const claims = await Promise.all(
      Array.from({ length: 8 }, () =>
        new NotificationStateStore(knex).move(
          'c1',
          'sync',
          undefined,
          'credentials',
          'run-1',
        ),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.marks('c1', ['sync'])).toEqual(
      new Map([['sync', 'credentials']]),
    );
  });

  it('lets exactly one replica move a mark from the value it read', async () => {
    const { knex, store } = await setup();
    await store.move('c1', 'sync', undefined, 'failed', 'run-1');
    const claims = await Promise.all(
      Array.from({ length: 8 }, () =>
        new NotificationStateStore(knex).move(
          'c1',
          'sync',
          'failed',
          'ok',
          'run-2',
        ),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    // What a replica read is stale now: its move does nothing.
    expect(await store.move('c1', 'sync', 'failed', 'credentials', 'r')).toBe(
      false,
    );
    // Moving to the mark there already is never news.
    expect(await store.move('c1', 'sync', 'ok', 'ok', 'run-3')).toBe(false);
    const [row] = await knex('jc_notification_state').where({
      connection_id: 'c1',
      topic: 'sync',
    });
    expect(row).toMatchObject({ mark: 'ok', run_id: 'run-2' });
  });

  it('gives a claim back, unless someone moved it since', async () => {
    const { store } = await setup();
    await store.move('c1', 'sync', undefined, 'failed', 'run-1');
    await store.undo('c1', 'sync', undefined, 'failed');
    expect((await store.marks('c1', ['sync'])).size).toBe(0);

    await store.move('c1', 'data:admins', undefined, 'readable', 'run-1');
    await store.move('c1', 'data:admins', 'readable', 'unreadable', 'run-2');
    await store.undo('c1', 'data:admins', 'readable', 'unreadable');
    expect((await store.marks('c1', ['data:admins'])).get('data:admins')).toBe(
      'readable',
    );
    // Already moved on by another run: the undo leaves it.
    await store.move('c1', 'data:admins', 'readable', 'unreadable', 'run-3');
    await store.undo('c1', 'data:admins', 'readable', 'somethingElse');
    expect((await store.marks('c1', ['data:admins'])).get('data:admins')).toBe(
      'unreadable',
    );
  });

  it('is deleted with its connection', async () => {
    const { knex, store } = await setup();
    await store.move('c1', 'sync', undefined, 'failed', 'run-1');
    await knex('jc_connections').where({ id: 'c1' }).delete();
    expect((await store.marks('c1', ['sync'])).size).toBe(0);
  });
});
