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

/**
 * Statistics for tables a run without a base (a connection's first) has
 * just filled, before the same run reads them back: evaluation its
 * snapshot, the seal its results. PostgreSQL has none for those rows until
 * autovacuum passes, a minute or more later if at all, and meanwhile
 * estimates a run's rows at a handful: it paged a first sync's 641k results
 * at L with a bitmap scan and a sort per page (580 ms a page, against 8 ms
 * down the index once analysed). A later run adds only what changed, which
 * the statistics taken after the last apply still describe. SQLite plans
 * these reads from its indexes alone.
 */
export async function analyzeFirstRunRows(
  knex: Knex,
  run: { baseRunId: string | null },
  tables: readonly string[],
): Promise<void> {
  if (run.baseRunId || knex.client.dialect !== 'postgresql') return;
  try {
    await knex.raw(`ANALYZE ${tables.join(', ')}`);
  } catch {
    // Only the plans of this run's reads depend on it: they stay correct.
  }
}
