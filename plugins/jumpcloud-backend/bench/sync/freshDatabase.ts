// The empty databases a sync benchmark runs into: a SQLite file in a
// temporary directory, or a new PostgreSQL database; both removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type BenchDatabase = 'sqlite' | 'postgres';

export const BENCH_DATABASES: readonly BenchDatabase[] = ['sqlite', 'postgres'];

export const DATABASE_NAMES: Record<BenchDatabase, string> = {
  sqlite: 'SQLite (better-sqlite3, file)',
  postgres: 'PostgreSQL 15',
};

const postgresUrl =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

/** The --db option's databases: the one named, or both. */
export function databasesToRun(option: string | undefined): BenchDatabase[] {
  if (option === undefined) return [...BENCH_DATABASES];
  if (!BENCH_DATABASES.includes(option as BenchDatabase))
    throw new Error(`--db must be sqlite or postgres, not ${option}`);
  return [option as BenchDatabase];
}

/**
 * Runs `use` with the knex config of a fresh database of the kind. Resolves
 * to undefined, having said so on stdout, when PostgreSQL is not reachable.
 */
export async function withFreshDatabase<T>(
  kind: BenchDatabase,
  use: (database: Knex.Config) => Promise<T>,
): Promise<T | undefined> {
  return kind === 'sqlite' ? withSqliteFile(use) : withPostgresDatabase(use);
}

async function withSqliteFile<T>(
  use: (database: Knex.Config) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jumpcloud-bench-'));
  try {
    return await use({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgresDatabase<T>(
  use: (database: Knex.Config) => Promise<T>,
): Promise<T | undefined> {
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  const dbName = `jumpcloud_bench_${Date.now()}`;
  try {
    await admin.raw(`create database ${dbName}`);
  } catch (error) {
    process.stdout.write(
      `PostgreSQL: skipped, ${postgresUrl} is not reachable (${
        (error as Error).message
      })\n`,
    );
    await admin.destroy();
    return undefined;
  }
  try {
    const url = new URL(postgresUrl);
    url.pathname = `/${dbName}`;
    return await use({ client: 'pg', connection: url.toString() });
  } finally {
    await admin.raw(`drop database if exists ${dbName}`);
    await admin.destroy();
  }
}
