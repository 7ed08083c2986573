import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { BaseHashes } from './BaseHashes';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('BaseHashes on %s', databaseId => {
  it("reads a run's hashes in pages, finds exactly them, and marks what was seen", async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.dropTableIfExists('base_hashes_test');
    await knex.schema.createTable('base_hashes_test', table => {
      table.string('run_id');
      table.string('row_hash', 16).nullable();
    });
    const hashes = [
      'ffffffffffffffff',
      '0000000000000000',
      '00000000000000ff',
      // Equal in their first 52 bits: told apart all the same.
      '1234567890abc000',
      '1234567890abcfff',
      'a000000000000001',
      // Identical rows: one hash.
      'a000000000000001',
      'deadbeefdeadbeef',
    ];
    await knex('base_hashes_test').insert([
      ...hashes.map(row_hash => ({ run_id: 'base', row_hash })),
      { run_id: 'base', row_hash: null },
      { run_id: 'other', row_hash: '7777777777777777' },
    ]);

    const base = await BaseHashes.read(knex, 'base_hashes_test', 'base', 3);
    expect(base.size).toBe(7);
    expect(base.seen('1234567890abc000')).toBe(false);
    expect(base.see('1234567890abc000')).toBe(true);
    expect(base.see('1234567890abc001')).toBe(false);
    expect(base.see('7777777777777777')).toBe(false);
    expect(base.see('a000000000000001')).toBe(true);
    expect(hashes.filter(h => base.seen(h))).toEqual([
      '1234567890abc000',
      'a000000000000001',
      'a000000000000001',
    ]);
    for (const hash of hashes) expect(base.see(hash)).toBe(true);
    expect(hashes.every(h => base.seen(h))).toBe(true);

    const none = await BaseHashes.read(knex, 'base_hashes_test', 'absent');
    expect(none.size).toBe(0);
    expect(none.see('0000000000000000')).toBe(false);
    await knex.schema.dropTable('base_hashes_test');
    await knex.destroy();
  });
});
