// Bytes the plugin's tables take in the database, as the database counts
// them: each jc_ table with its indexes (and on PostgreSQL its TOAST).
import type { Knex } from 'knex';

export interface StorageBytes {
  /** Bytes per jc_ table, its indexes included. */
  byTable: Record<string, number>;
  /** SQLite: pages on the file's free list, which any table reuses. */
  freeBytes?: number;
}

const postgres = (knex: Knex) => knex.client.dialect === 'postgresql';

/**
 * PostgreSQL: pg_total_relation_size after a plain VACUUM, as autovacuum
 * would leave the tables had it kept up (run here so the figure does not
 * depend on when autovacuum happened to pass): rows deleted are free space
 * inside the table's files, reused by later writes to that table, and still
 * counted. With `compact`, VACUUM FULL first, which rewrites each table
 * without that free space: the bytes the rows themselves need.
 *
 * SQLite: the pages of each table's and index's b-tree (the dbstat virtual
 * table, compiled into better-sqlite3). Pages freed by deletes go to the
 * file's free list, reported apart: any table reuses them. With `compact`,
 * VACUUM first, which rebuilds the file with full pages and no free list.
 */
export async function readStorageBytes(
  knex: Knex,
  options: { compact?: boolean } = {},
): Promise<StorageBytes> {
  return postgres(knex)
    ? postgresBytes(knex, options.compact)
    : sqliteBytes(knex, options.compact);
}

async function postgresBytes(
  knex: Knex,
  compact?: boolean,
): Promise<StorageBytes> {
  await knex.raw(compact ? 'vacuum full' : 'vacuum');
  const rows = await knex('pg_stat_user_tables')
    .whereLike('relname', 'jc\\_%')
    .select('relname', knex.raw('pg_total_relation_size(relid) as bytes'));
  return {
    byTable: Object.fromEntries(rows.map(r => [r.relname, Number(r.bytes)])),
  };
}

async function sqliteBytes(
  knex: Knex,
  compact?: boolean,
): Promise<StorageBytes> {
  if (compact) await knex.raw('vacuum');
  const btrees: Array<{ name: string; pgsize: number }> = await knex.raw(
    'select name, pgsize from dbstat where aggregate = 1',
  );
  // An index's b-tree belongs to its table (tbl_name).
  const owners: Array<{ name: string; tbl_name: string }> = await knex(
    'sqlite_master',
  )
    .whereIn('type', ['table', 'index'])
    .select('name', 'tbl_name');
  const tableOf = new Map(owners.map(o => [o.name, o.tbl_name]));
  const byTable: Record<string, number> = {};
  for (const { name, pgsize } of btrees) {
    const table = tableOf.get(name) ?? name;
    if (!table.startsWith('jc_')) continue;
    byTable[table] = (byTable[table] ?? 0) + Number(pgsize);
  }
  const [{ freelist_count: freePages }] = await knex.raw(
    'pragma freelist_count',
  );
  const [{ page_size: pageSize }] = await knex.raw('pragma page_size');
  return { byTable, freeBytes: Number(freePages) * Number(pageSize) };
}
