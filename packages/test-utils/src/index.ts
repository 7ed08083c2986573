/**
 * Test and benchmark helpers shared by this repository's packages (private,
 * never published).
 *
 * @packageDocumentation
 */
export {
  createTestDatabases,
  logPostgresSkipped,
  postgresConnectionString,
  POSTGRES_ENV,
} from './databases';
export type { CreateTestDatabasesOptions } from './databases';
export { CapturedLogs } from './capturedLogs';
export { eventually, waitFor } from './waitFor';
