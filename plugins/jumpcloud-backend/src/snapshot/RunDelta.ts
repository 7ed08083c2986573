import { hash as hashOnce } from 'node:crypto';
import { setImmediate as giveWay } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { RunView } from './runView';
import { BaseHashes } from './BaseHashes';

/**
 * Columns a row's content hash leaves out: where it is stored, and counts
 * derived from other rows that are set when the run is applied.
 */
const UNHASHED = new Set([
  'run_id',
  'seq',
  'row_hash',
  'superseded_by',
  'is_admin',
  'device_count',
  'failing_checks',
]);

/**
 * Stores one run as what changed against its base (see RunView): a row
 * whose content the base already holds is not written again, only noted as
 * seen; the base rows never seen are marked superseded at the end. Writes
 * and deletes are in proportion to what changed in the organisation, not
 * to its size. Without a base every row is written.
 *
 * Identical rows are one row to the comparison: a run holding a row twice
 * that its base holds once keeps one.
 */
export class RunDelta {
  /** Per table, the base's row hashes, read at the table's first rows. */
  readonly #base = new Map<string, Promise<BaseHashes>>();

  constructor(
    private readonly knex: Knex,
    readonly view: RunView,
    private readonly batchSize = 500,
  ) {}

  /**
   * Stores the rows the base lacks under the run's id; returns how many.
   * Rows of more than one batch are committed together: in SQLite's
   * write-ahead log each commit writes again every index page it touched,
   * and consecutive batches touch the same pages (a first sync's 641k
   * results at L took 29 s committed a batch at a time, 14 s in one).
   */
  async insert(
    table: string,
    rows: Record<string, unknown>[],
    db: Knex = this.knex,
  ): Promise<number> {
    if (rows.length <= this.batchSize || db.isTransaction)
      return this.#insertBatches(table, rows, db);
    // The base's hashes are read before the transaction takes SQLite's one
    // connection: a read of them another caller started waits for it.
    if (this.view.baseRunId) await this.#baseOf(db, table);
    return db.transaction(trx => this.#insertBatches(table, rows, trx));
  }

  async #insertBatches(
    table: string,
    rows: Record<string, unknown>[],
    db: Knex,
  ): Promise<number> {
    let written = 0;
    for (let i = 0; i < rows.length; i += this.batchSize) {
      const batch = rows
        .slice(i, i + this.batchSize)
        .map(row => ({ ...row, row_hash: rowHash(row) }));
      const fresh = await this.#notInBase(db, table, batch);
      if (fresh.length > 0) await db(table).insert(fresh);
      written += fresh.length;
      // SQLite writes block the thread, and a query's promise resolves
      // without letting I/O in: requests still being fetched wait for the
      // whole call unless each batch gives way.
      if (i + this.batchSize < rows.length) await giveWay();
    }
    return written;
  }

  async #notInBase(
    db: Knex,
    table: string,
    batch: Array<Record<string, unknown> & { row_hash: string }>,
  ) {
    if (!this.view.baseRunId) return batch;
    const base = await this.#baseOf(db, table);
    return batch.filter(row => !base.see(row.row_hash));
  }

  #baseOf(db: Knex, table: string): Promise<BaseHashes> {
    let base = this.#base.get(table);
    if (!base) {
      base = BaseHashes.read(db, table, this.view.baseRunId!);
      this.#base.set(table, base);
    }
    return base;
  }

  /**
   * Marks the base rows of `table` (those matching `where`) this run did not
   * store or see as superseded by it. Called once the run's rows of them are
   * all in; a data type the run could not read is not called for, so its
   * base rows stay.
   */
  async supersedeUnseen(
    table: string,
    where: Record<string, string> = {},
    db: Knex = this.knex,
  ): Promise<number> {
    const base = this.view.baseRunId;
    if (!base) return 0;
    // A table the run stored no rows of saw none of its base's.
    const hashes = await this.#base.get(table);
    // Rows stored before content hashes were kept match nothing.
    let marked = await db(table)
      .where({ run_id: base, ...where })
      .whereNull('row_hash')
      .update({ superseded_by: this.view.runId });
    let after = '';
    for (;;) {
      const page: Array<{ row_hash: string }> = await db(table)
        .where({ run_id: base, ...where })
        .andWhere('row_hash', '>', after)
        .orderBy('row_hash')
        .limit(10_000)
        .select('row_hash');
      const unseen = page
        .map(row => row.row_hash)
        .filter(hash => !hashes?.seen(hash));
      marked += await this.#mark(db, table, where, unseen);
      if (page.length < 10_000) return marked;
      after = page[page.length - 1].row_hash;
    }
  }

  /** Lets go of the base's hashes of `table` (or of every table), once it is superseded. */
  forget(table?: string): void {
    if (table) this.#base.delete(table);
    else this.#base.clear();
  }

  /** Marks every base row matching `where` superseded (a check's results discarded). */
  async supersedeAll(
    table: string,
    where: Record<string, string>,
    db: Knex = this.knex,
  ): Promise<number> {
    if (!this.view.baseRunId) return 0;
    return db(table)
      .where({ run_id: this.view.baseRunId, ...where })
      .update({ superseded_by: this.view.runId });
  }

  async #mark(
    db: Knex,
    table: string,
    where: Record<string, string>,
    hashes: string[],
  ): Promise<number> {
    let marked = 0;
    for (let i = 0; i < hashes.length; i += this.batchSize) {
      marked += await db(table)
        .where({ run_id: this.view.baseRunId!, ...where })
        .whereIn('row_hash', hashes.slice(i, i + this.batchSize))
        .update({ superseded_by: this.view.runId });
    }
    return marked;
  }
}

/** The hashed columns of rows with a given set of keys, sorted (rows of a table share theirs). */
const hashedKeys = new Map<string, string[]>();

function hashedKeysOf(row: Record<string, unknown>): string[] {
  const keys = Object.keys(row);
  const signature = keys.join('\u0000');
  let sorted = hashedKeys.get(signature);
  if (!sorted) {
    sorted = keys.filter(key => !UNHASHED.has(key)).sort();
    hashedKeys.set(signature, sorted);
  }
  return sorted;
}

/**
 * The content of a stored row as 64 bits of SHA-1 over its columns (not a
 * security measure: a change detector, where a collision among a run's
 * rows is about one in 10^7 at a million rows). Each column is its name,
 * NUL, its text (\u0001 for null) and NUL, hashed as one string: a
 * million rows are hashed in one native call each.
 */
export function rowHash(row: Record<string, unknown>): string {
  let text = '';
  for (const key of hashedKeysOf(row)) {
    const value = row[key];
    text += `${key}\u0000${
      value === null || value === undefined ? '\u0001' : String(value)
    }\u0000`;
  }
  return hashOnce('sha1', text, 'hex').slice(0, 16);
}
