import type { Knex } from 'knex';

/**
 * Failing checks (open findings) of the listed devices or users: stored
 * on SQLite (`failing_checks`, kept by triggers on jc_findings), and on
 * PostgreSQL in the narrow jc_entity_open_findings (kept by the same
 * triggers), where keeping them on the wide rows left a dead copy per
 * update (migrations 20261201_1_stored_counts, 20261208_5).
 */
export function failingChecks(
  knex: Knex,
  alias: string,
): {
  computed: Record<string, () => Knex.QueryBuilder>;
  sortAs?: string;
  /** Adds the count to a sort's key page by one join. */
  sortedCount?: (keys: Knex.QueryBuilder) => Knex.QueryBuilder;
} {
  if (knex.client.dialect !== 'postgresql') return { computed: {} };
  const subquery = () =>
    knex('jc_entity_open_findings as e')
      .select('e.open_count')
      .whereRaw(
        `e.connection_id = ${alias}.connection_id and e.entity_id = ${alias}.id`,
      )
      .as('failing_checks');
  // Sorting by the count reads it for every row of the list: one join,
  // not a lookup per row.
  const sortedCount = (keys: Knex.QueryBuilder) =>
    keys
      .leftJoin('jc_entity_open_findings as fc', join =>
        join
          .on('fc.connection_id', '=', `${alias}.connection_id`)
          .andOn('fc.entity_id', '=', `${alias}.id`),
      )
      .select(knex.raw('coalesce(fc.open_count, 0) as failing_checks'));
  return {
    computed: { failing_checks: subquery },
    sortAs: `${alias}.failing_checks`,
    sortedCount,
  };
}
