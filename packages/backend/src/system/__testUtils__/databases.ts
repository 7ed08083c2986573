import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** The PostgreSQL server the runner provides, if any (npm test sets it when 5432 answers). */
export function postgresConnectionString(): string | undefined {
  return process.env[POSTGRES_ENV] || undefined;
}

/**
 * SQLite always; PostgreSQL 15 as well when the runner provides it. Says in
 * one line when the PostgreSQL variants of `suite` are skipped.
 */
export function systemTestDatabases(suite: string): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const withPostgres = Boolean(postgresConnectionString());
  if (!withPostgres) {
    // eslint-disable-next-line no-console
    console.log(
      `${suite}: PostgreSQL variants skipped (${POSTGRES_ENV} is not set)`,
    );
  }
  const ids: TestDatabaseId[] = withPostgres
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
  return { databases: TestDatabases.create({ ids }), ids };
}
