import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** What the read routes filter, sort and join on PostgreSQL. */
const POSTGRES_VACUUMED = [
  'jc_findings',
  'jc_finding_counts',
  'jc_entity_open_findings',
  'jc_devices',
  'jc_users',
  'jc_groups',
  'jc_group_members',
  'jc_bindings',
];

/**
 * Tables only a sync reads, analysed without a VACUUM (their pages are not
 * read by the routes): the next run looks up its rows in them by content
 * hash and pages through them per device, and without statistics
 * PostgreSQL walks them in `seq` order instead (268 s of a second sync's
 * evaluation at L).
 */
const POSTGRES_ANALYZED_ONLY = [
  'jc_insights',
  'jc_policy_results',
  'jc_run_results',
];

/**
 * Query-planner statistics once a run is sealed and applied: without them
 * SQLite picks the sort index and scans every finding for selective
 * filters, and PostgreSQL (where autovacuum may be off) guesses a hundred
 * rows for tens of thousands of devices and users and joins them badly. On
 * PostgreSQL a VACUUM comes with them: it marks the new pages all-visible,
 * so counts and sorts read the indexes alone (index-only scans) instead of
 * every row's page, and drops the dead copies updates left. It runs after
 * the apply, not after the seal: applying rewrites users' device counts
 * and relabels the run's rows, and a VACUUM before that left a first sync's
 * users half dead, counted by a sequential scan (27 ms, 389 ms p95 for the
 * sort by failing checks at L).
 */
export async function refreshPlannerStatistics(
  knex: Knex,
  logger: LoggerService,
): Promise<void> {
  const statements =
    knex.client.dialect === 'postgresql'
      ? [
          `VACUUM (ANALYZE) ${POSTGRES_VACUUMED.join(', ')}`,
          `ANALYZE ${POSTGRES_ANALYZED_ONLY.join(', ')}`,
        ]
      : ['ANALYZE jc_findings'];
  for (const statement of statements) {
    try {
      await knex.raw(statement);
    } catch (error) {
      logger.debug(`${statement} failed: ${error}`);
    }
  }
}
