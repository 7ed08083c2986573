import type { Knex } from 'knex';

/**
 * SQLite has one writer at a time. With a sync worker, the backend's thread
 * and the worker write to one database file through separate connections.
 * The worker waits this long for the lock; the backend's connection keeps
 * better-sqlite3's 5 s, because a wait there blocks its whole event loop
 * (progress written meanwhile is then skipped with a warning).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 120_000;

interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): unknown;
}

export function isSqlite(config: Knex.Config): boolean {
  return /sqlite/.test(String(config.client));
}

/**
 * The worker's pool on a SQLite file: one connection (as knex uses for
 * SQLite), waiting for the lock, and transactions that take the write lock
 * when they begin. A deferred transaction that reads first and then writes
 * would fail at once (SQLITE_BUSY, the deadlock rule) whenever the backend's
 * thread wrote in between; an immediate one waits its turn.
 */
export function sqliteWorkerPool(): Knex.PoolConfig {
  return {
    min: 0,
    max: 1,
    afterCreate(
      connection: SqliteConnection,
      done: (error: Error | null, connection: unknown) => void,
    ) {
      connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      const prepare = connection.prepare.bind(connection);
      connection.prepare = (source: string) =>
        prepare(source === 'BEGIN;' ? 'BEGIN IMMEDIATE;' : source);
      done(null, connection);
    },
  };
}

/**
 * Write-ahead logging for a SQLite file a worker writes to: the backend's
 * thread keeps reading while a large seal is written. In the default
 * rollback journal, a transaction bigger than the page cache takes the
 * file's exclusive lock to spill, and every read then fails after the
 * busy timeout. The mode is a property of the file and persists.
 */
export async function useWriteAheadLog(knex: Knex): Promise<void> {
  await knex.raw('PRAGMA journal_mode = WAL');
}
