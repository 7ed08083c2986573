import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { CountCache } from './CountCache';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('CountCache on %s', databaseId => {
  it('counts a query once per version of its rows, and again for a new version or another query', async () => {
    const knex = await databases.init(databaseId);
    for (const table of ['t', 'no_such_table'])
      await knex.schema.dropTableIfExists(table);
    await knex.schema.createTable('t', table => {
      table.integer('n');
    });
    await knex('t').insert([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const counted: string[] = [];
    knex.on('query', (q: { sql: string }) => counted.push(q.sql));
    const cache = new CountCache();
    const big = () => knex('t').where('n', '>', 1);

    const [first, concurrent] = await Promise.all([
      cache.count('v1', big()),
      cache.count('v1', big()),
    ]);
    expect([first, concurrent]).toEqual([2, 2]);
    expect(counted).toHaveLength(1);

    // The rows change with a new version: the old total is not reused.
    await knex('t').insert({ n: 4 });
    expect(await cache.count('v1', big())).toBe(2);
    expect(await cache.count('v2', big())).toBe(3);
    // Another query of the same version is counted on its own.
    expect(await cache.count('v2', knex('t').where('n', '>', 3))).toBe(1);
    expect(counted.filter(sql => sql.includes('count'))).toHaveLength(3);

    // A failed count is not remembered.
    const missing = () => knex('no_such_table');
    // (A driver's error may come from another realm than jest's Error.)
    await expect(cache.count('v2', missing())).rejects.toMatchObject({
      message: expect.stringContaining('no_such_table'),
    });
    await knex.schema.createTable('no_such_table', table => {
      table.integer('n');
    });
    expect(await cache.count('v2', missing())).toBe(0);
    await knex.destroy();
  });
});
