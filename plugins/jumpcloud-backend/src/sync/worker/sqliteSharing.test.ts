import knexFactory from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useWriteAheadLog } from './sqliteSharing';

describe('a SQLite file shared by the backend thread and a sync worker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jc-sqlite-share-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Opens a worker-like writer holding a transaction bigger than its page
   * cache, and asks whether another connection can read meanwhile. In the
   * default rollback journal the spill takes the file's exclusive lock and
   * the read waits out its busy timeout, then fails (not asserted here: how
   * soon SQLite spills varies).
   */
  async function readDuringLargeWrite(file: string) {
    const setup = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
    await setup.raw('create table rows (id integer primary key, body text)');
    await setup.raw("insert into rows (body) values ('before')");
    await useWriteAheadLog(setup);
    await setup.destroy();

    const open = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      });
    const writer = open();
    const reader = open();
    try {
      await writer.raw('PRAGMA cache_size = -1000'); // 1 MB: the transaction spills
      const trx = await writer.transaction();
      const body = 'x'.repeat(4000);
      for (let i = 0; i < 40; i++) {
        await trx('rows').insert(Array.from({ length: 50 }, () => ({ body })));
      } // about 8 MB
      try {
        return await reader('rows').count({ n: '*' }).first();
      } finally {
        await trx.rollback();
      }
    } finally {
      await Promise.all([reader.destroy(), writer.destroy()]);
    }
  }

  it('keeps reads working during a large write once it logs ahead', async () => {
    expect(await readDuringLargeWrite(join(dir, 'wal.sqlite'))).toEqual({
      n: 1,
    });
  });
});
