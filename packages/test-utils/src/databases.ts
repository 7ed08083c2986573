import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

/** Where the test runner names its PostgreSQL 15 server (`npm test` sets it when 5432 answers). */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** The PostgreSQL server the runner provides, if any. */
export function postgresConnectionString(): string | undefined {
  return process.env[POSTGRES_ENV] || undefined;
}

/**
 * Says in one console line that PostgreSQL is not there: for `suite` (a test
 * file's name) that its PostgreSQL variants are skipped, without it that the
 * PostgreSQL tests are.
 */
export function logPostgresSkipped(suite?: string): void {
  // eslint-disable-next-line no-console
  console.log(
    suite
      ? `${suite}: PostgreSQL variants skipped (${POSTGRES_ENV} is not set)`
      : `PostgreSQL tests skipped: ${POSTGRES_ENV} is not set`,
  );
}

/** Options of {@link createTestDatabases}. */
export interface CreateTestDatabasesOptions {
  /** Names the test file in the line that says PostgreSQL is skipped. */
  suite?: string;
}

/**
 * SQLite always; PostgreSQL 15 as well when the runner provides its
 * connection string (one console line says when it is skipped). Never starts
 * a Docker container. Call it at the top level of a test file: the databases
 * are closed after its tests.
 */
export function createTestDatabases(options: CreateTestDatabasesOptions = {}): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const withPostgres = Boolean(postgresConnectionString());
  if (!withPostgres) logPostgresSkipped(options.suite);
  const ids: TestDatabaseId[] = withPostgres
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
  return { databases: TestDatabases.create({ ids }), ids };
}
