import type { Knex } from 'knex';

/**
 * Failing checks (open findings) of the listed devices or users: stored
 * on SQLite (`failing_checks`, kept by triggers on jc_findings), counted
 * per row on PostgreSQL, where keeping them on the wide rows left a dead
 * copy per update (migration 20261201_1_stored_counts).
 */
export function failingChecks(
  knex: Knex,
  alias: string,
): {
  computed: Record<string, () => Knex.QueryBuilder>;
  sortAs?: string;
} {
  if (knex.client.dialect !== 'postgresql') return { computed: {} };
  const subquery = () =>
    knex('jc_findings as f')
      .count('*')
      .whereRaw(
        `f.connection_id = ${alias}.connection_id and f.entity_id = ${alias}.id and f.status = 'open'`,
      )
      .as('failing_checks');
  return {
    computed: { failing_checks: subquery },
    sortAs: `${alias}.failing_checks`,
  };
}
