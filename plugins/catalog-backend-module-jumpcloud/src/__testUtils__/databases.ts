import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always; PostgreSQL 15 when the test runner provides its connection
 * string (one console line says when it is skipped).
 */
export function createTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const withPostgres = Boolean(process.env[POSTGRES_ENV]);
  if (!withPostgres) {
    // eslint-disable-next-line no-console
    console.log(`PostgreSQL tests skipped: ${POSTGRES_ENV} is not set`);
  }
  const ids: TestDatabaseId[] = withPostgres
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
  return { databases: TestDatabases.create({ ids }), ids };
}
