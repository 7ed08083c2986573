import type { Knex } from 'knex';

/**
 * Which stored rows make up one run. A connection's applied rows all carry
 * one label, its base (`jc_connections.snapshot_run_id`); a run in progress
 * adds the rows its base lacks under its own id and marks the base rows it
 * no longer has as superseded by it (see RunDelta). Its rows are its own
 * plus the base's unmarked ones. A connection's first run has no base: all
 * its rows are its own.
 */
export interface RunView {
  runId: string;
  baseRunId: string | null;
}

/** A run id alone: a run whose rows are all its own (no base). */
export function asRunView(run: string | RunView): RunView {
  return typeof run === 'string' ? { runId: run, baseRunId: null } : run;
}

/**
 * One page of a run's rows of `table`. `page` adds the filters, order and
 * limit; with a base it is applied to the run's own rows and to the base's
 * separately (each walks its index) and the two are merged in that order.
 */
export function pageOfRun(
  db: Knex,
  table: string,
  run: RunView,
  page: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  order: Array<{ column: string; order: 'asc' | 'desc' }>,
  limit: number,
): Knex.QueryBuilder {
  const own = page(db(table).where('run_id', run.runId));
  if (!run.baseRunId) return own;
  const base = page(
    db(table)
      .where('run_id', run.baseRunId)
      .andWhere(q =>
        q.whereNull('superseded_by').orWhereNot('superseded_by', run.runId),
      ),
  );
  const merged = db
    .select('*')
    .from(own.as('own'))
    .unionAll(db.select('*').from(base.as('base')));
  return db.select('*').from(merged.as('run_rows')).orderBy(order).limit(limit);
}
