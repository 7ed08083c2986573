// The database's own counts of rows written, read before and after a sync so
// the difference is what the sync wrote, whatever our code believes it wrote.
import type { Knex } from 'knex';

export interface TableWrites {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface WriteCounters {
  /** Rows inserted + updated + deleted: PostgreSQL's jc_ tables, SQLite's whole connection. */
  total: number;
  /** Per jc_ table (PostgreSQL only: SQLite keeps one count per connection). */
  byTable?: Record<string, TableWrites>;
}

const postgres = (knex: Knex) => knex.client.dialect === 'postgresql';

/**
 * PostgreSQL: pg_stat_user_tables' n_tup_ins/upd/del (which count rows the
 * triggers write, and rows of rolled-back statements too). A session keeps
 * its counts to itself until it flushes them (at most once a second, or 10 s
 * after it went idle), so every session of the pool first asks for a flush
 * at its next statement's end (pg_stat_force_next_flush, PostgreSQL 15),
 * which happens before the statement's answer comes back.
 *
 * SQLite: total_changes() of the one connection knex keeps to the file
 * (better-sqlite3's pool holds exactly one), so the sync must run on this
 * knex, in this thread.
 */
export async function readWriteCounters(knex: Knex): Promise<WriteCounters> {
  if (!postgres(knex)) {
    const [row] = await knex.raw('select total_changes() as n');
    return { total: Number(row.n) };
  }
  await inEverySession(knex, 'select pg_stat_force_next_flush()');
  const rows = await knex.transaction(async trx => {
    // Statistics read in a transaction are cached for it (stats_fetch_consistency).
    await trx.raw('select pg_stat_clear_snapshot()');
    const stats: Array<Record<string, string>> = await trx(
      'pg_stat_user_tables',
    )
      .whereLike('relname', 'jc\\_%')
      .select('relname', 'n_tup_ins', 'n_tup_upd', 'n_tup_del');
    return stats;
  });
  const byTable: Record<string, TableWrites> = {};
  let total = 0;
  for (const r of rows) {
    const writes = {
      inserted: Number(r.n_tup_ins),
      updated: Number(r.n_tup_upd),
      deleted: Number(r.n_tup_del),
    };
    byTable[r.relname] = writes;
    total += writes.inserted + writes.updated + writes.deleted;
  }
  return { total, byTable };
}

/** What was written between two readings. */
export function writesBetween(
  before: WriteCounters,
  after: WriteCounters,
): WriteCounters {
  if (!after.byTable) return { total: after.total - before.total };
  const byTable: Record<string, TableWrites> = {};
  for (const [table, now] of Object.entries(after.byTable)) {
    const then = before.byTable?.[table];
    byTable[table] = {
      inserted: now.inserted - (then?.inserted ?? 0),
      updated: now.updated - (then?.updated ?? 0),
      deleted: now.deleted - (then?.deleted ?? 0),
    };
  }
  return { total: after.total - before.total, byTable };
}

/**
 * Runs a statement once in each connection the pool holds: as many
 * connections are taken at once as it has, so each is a different one.
 */
async function inEverySession(knex: Knex, sql: string): Promise<void> {
  const pool = knex.client.pool;
  const held = pool.numFree() + pool.numUsed();
  const sessions = await Promise.all(
    Array.from({ length: held }, () => knex.client.acquireConnection()),
  );
  try {
    await Promise.all(
      sessions.map(session => knex.raw(sql).connection(session)),
    );
  } finally {
    for (const session of sessions) knex.client.releaseConnection(session);
  }
}
