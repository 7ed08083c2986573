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
 * The queries for a run's rows of `table`: its own, then (with a base) the
 * base's it keeps, those not marked superseded by it.
 */
function sidesOfRun(
  db: Knex,
  table: string,
  run: RunView,
): Array<() => Knex.QueryBuilder> {
  const own = () => db(table).where('run_id', run.runId);
  const baseRunId = run.baseRunId;
  if (!baseRunId) return [own];
  const baseKept = () =>
    db(table)
      .where('run_id', baseRunId)
      .andWhere(q =>
        q.whereNull('superseded_by').orWhereNot('superseded_by', run.runId),
      );
  return [own, baseKept];
}

/**
 * Every row of a run's rows of `table` that `select` picks, unordered: for
 * a filter that picks few (a batch of entities), each side read through
 * its index.
 */
export async function rowsOfRun<Row extends object>(
  db: Knex,
  table: string,
  run: RunView,
  select: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const side of sidesOfRun(db, table, run))
    rows.push(...((await select(side())) as Row[]));
  return rows;
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
  const [own, baseKept] = sidesOfRun(db, table, run).map(side => page(side()));
  if (!baseKept) return own;
  const merged = db
    .select('*')
    .from(own.as('own'))
    .unionAll(db.select('*').from(baseKept.as('base')));
  return db.select('*').from(merged.as('run_rows')).orderBy(order).limit(limit);
}

/** How `pagesOfRun` reads a run's rows of one table. */
export interface RunPaging {
  /** Adds the columns (the key among them) and any filter. */
  select(query: Knex.QueryBuilder): Knex.QueryBuilder;
  /** A column unique within a run's rows, ascending: the order and the cursor. */
  key: string;
  pageSize: number;
}

/** One side of a run's rows, read a page at a time in key order. */
class KeyCursor<Row extends object> {
  #rows: Row[] = [];
  #next = 0;
  #ended = false;

  constructor(
    private readonly from: () => Knex.QueryBuilder,
    private readonly paging: RunPaging,
  ) {}

  get inHand(): boolean {
    return this.#next < this.#rows.length;
  }

  /** Whether a row is in hand, after reading the next page if need be. */
  async fill(): Promise<boolean> {
    if (this.inHand) return true;
    if (this.#ended) return false;
    const { select, key, pageSize } = this.paging;
    const query = select(this.from()).orderBy(key).limit(pageSize);
    const last = this.#rows[this.#rows.length - 1];
    if (last) query.andWhere(key, '>', keyOf(last, key));
    this.#rows = await query;
    this.#next = 0;
    this.#ended = this.#rows.length < pageSize;
    return this.inHand;
  }

  key(): string | number {
    return keyOf(this.#rows[this.#next], this.paging.key);
  }

  take(): Row {
    return this.#rows[this.#next++];
  }
}

/**
 * A run's rows of `table` in `paging.key` order, a page at a time. With a
 * base, the run's own rows and the base's it keeps are each read in order
 * from their index and merged here: a UNION sorted by the database
 * re-sorted every page (wide result rows included) and read the side that
 * lost the merge twice. Equal keys cannot meet: a base row the run
 * replaced is marked superseded and left out.
 */
export async function* pagesOfRun<Row extends object>(
  db: Knex,
  table: string,
  run: RunView,
  paging: RunPaging,
): AsyncGenerator<Row[]> {
  const sides = sidesOfRun(db, table, run).map(
    side => new KeyCursor<Row>(side, paging),
  );
  let page: Row[] = [];
  for (;;) {
    const live: Array<KeyCursor<Row>> = [];
    for (const side of sides) if (await side.fill()) live.push(side);
    if (live.length === 0) break;
    // Merge while every live side has rows in hand; a side that runs out
    // reads its next page first.
    while (live.every(side => side.inHand)) {
      const [first, second] = live;
      const next = !second || first.key() < second.key() ? first : second;
      page.push(next.take());
      if (page.length === paging.pageSize) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length > 0) yield page;
}

function keyOf(row: object, key: string): string | number {
  return (row as Record<string, string | number>)[key];
}
