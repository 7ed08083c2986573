import { isSqlite } from './sqliteSharing';
import type { Knex } from 'knex';

/**
 * The plugin database's knex config, when a worker thread can open its own
 * connections with it; otherwise why not. An in-memory SQLite database
 * exists only in the backend's own connection, and a connection given as a
 * function (e.g. cloud IAM tokens) cannot be sent to another thread.
 */
export function workerDatabaseConfig(
  knex: Knex,
): { config: Knex.Config } | { reason: string } {
  const config = (knex.client as { config?: Knex.Config }).config;
  if (!config) return { reason: 'the database client has no settings to copy' };
  const connection = config.connection as
    | string
    | { filename?: string }
    | undefined;
  const sqlite = isSqlite(config);
  const filename =
    typeof connection === 'string' ? connection : connection?.filename;
  if (sqlite && (!filename || filename === ':memory:')) {
    return { reason: 'the SQLite database is in memory' };
  }
  try {
    return { config: structuredClone(config) };
  } catch {
    return {
      reason:
        'the database connection settings cannot be shared with a worker thread',
    };
  }
}
