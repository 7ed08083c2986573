import type { Knex } from 'knex';
import type { CheckResult } from '../checks';
import { RunDelta } from '../snapshot/RunDelta';
import {
  asRunView,
  pageOfRun,
  pagesOfRun,
  rowsOfRun,
  type RunView,
} from '../snapshot/runView';

/**
 * A run's check results, as sealing reads them (several passes): from
 * memory for a small evaluation, or from the store for a run evaluated a
 * chunk of entities at a time. `db` is the connection to read through (the
 * seal's transaction: SQLite has a single connection).
 */
export interface RunResults {
  /** Every result, in evaluation order. */
  all(db: Knex): AsyncIterable<CheckResult>;
  /** The results that can keep a finding open (neither pass nor not applicable), in evaluation order. */
  notPassing(db: Knex): AsyncIterable<CheckResult>;
  /**
   * Every result, each entity's together (in evaluation order within an
   * entity); with `entityIds`, those entities' results only.
   */
  byEntity(db: Knex, entityIds?: string[]): AsyncIterable<CheckResult>;
  /**
   * The entities whose results differ from the base run's (some result
   * added, changed or gone), when the results are stored against a base;
   * undefined when there is no base to compare with. With `atMost`, no
   * more than that many and one (enough to tell there are more).
   */
  changedEntities(
    db: Knex,
    atMost?: number,
  ): Promise<{ baseRunId: string; entityIds: string[] } | undefined>;
  /**
   * The results that differ from the base run's, when stored against a
   * base; undefined without one.
   */
  sinceBase(db: Knex): ResultsSinceBase | undefined;
}

/** A result's identity within a run: at most one result per check and entity. */
export interface ResultKey {
  checkId: string;
  entityId: string;
}

export interface ResultsSinceBase {
  baseRunId: string;
  /** The run's own results: added, or changed from the base's. */
  own: AsyncIterable<CheckResult>;
  /** The base's results the run superseded (changed or gone), by key. */
  superseded: AsyncIterable<ResultKey>;
}

/** Statuses that keep no finding open. */
export const PASSING: ReadonlySet<CheckResult['status']> = new Set<
  CheckResult['status']
>(['pass', 'not_applicable']);

/** Results held in an array. */
export function resultsInMemory(results: CheckResult[]): RunResults {
  return {
    async *all() {
      yield* results;
    },
    async *notPassing() {
      for (const result of results)
        if (!PASSING.has(result.status)) yield result;
    },
    async *byEntity(_db, entityIds) {
      const only = entityIds && new Set(entityIds);
      const byEntity = new Map<string, CheckResult[]>();
      for (const result of results) {
        if (only && !only.has(result.entityId)) continue;
        const list = byEntity.get(result.entityId);
        if (list) list.push(result);
        else byEntity.set(result.entityId, [result]);
      }
      for (const list of byEntity.values()) yield* list;
    },
    async changedEntities() {
      return undefined;
    },
    sinceBase() {
      return undefined;
    },
  };
}

interface ResultRow {
  seq: number;
  check_id: string;
  severity: CheckResult['severity'];
  entity_kind: CheckResult['entityKind'];
  entity_id: string;
  entity_name: string;
  status: CheckResult['status'];
  message: string;
  evidence_json: string | null;
}

const NO_EVIDENCE: Record<string, unknown> = Object.freeze({});

function toResult(row: ResultRow): CheckResult {
  return {
    checkId: row.check_id,
    severity: row.severity,
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    entityName: row.entity_name,
    status: row.status,
    message: row.message,
    evidence: row.evidence_json ? JSON.parse(row.evidence_json) : NO_EVIDENCE,
  };
}

const RESULT_COLUMNS = [
  'seq',
  'check_id',
  'severity',
  'entity_kind',
  'entity_id',
  'entity_name',
  'status',
  'message',
  'evidence_json',
];

/**
 * One run's results in `jc_run_results`: written a chunk at a time while
 * evaluating, read back in pages. Passing results are stored without their
 * evidence (nothing downstream reads it). Stored as what changed against
 * the results of the connection's applied run (see RunDelta): once the
 * evaluation is over, `close` marks the base's results this run did not
 * produce; the run's results are the rest of the base's and its own.
 */
export class StoredRunResults implements RunResults {
  readonly #delta: RunDelta | undefined;
  readonly #runId: string;
  /** The rows that make up the run: its own, and its base's it keeps. */
  readonly #view: RunView;

  constructor(
    run: string | RunDelta,
    private readonly pageSize = 5000,
    private readonly batchSize = 500,
  ) {
    this.#delta = typeof run === 'string' ? undefined : run;
    this.#view = typeof run === 'string' ? asRunView(run) : run.view;
    this.#runId = this.#view.runId;
  }

  #deltaFor(db: Knex): RunDelta {
    return (
      this.#delta ??
      new RunDelta(db, { runId: this.#runId, baseRunId: null }, this.batchSize)
    );
  }

  async add(db: Knex, results: CheckResult[]): Promise<void> {
    await this.#deltaFor(db).insert(
      'jc_run_results',
      results.map(r => ({
        run_id: this.#runId,
        check_id: r.checkId,
        severity: r.severity,
        entity_kind: r.entityKind,
        entity_id: r.entityId,
        entity_name: r.entityName,
        status: r.status,
        message: r.message,
        evidence_json: r.status === 'pass' ? null : JSON.stringify(r.evidence),
      })),
      db,
    );
  }

  /** Forgets one check's results (a check that threw part-way). */
  async discard(db: Knex, checkId: string): Promise<void> {
    await db('jc_run_results')
      .where({ run_id: this.#runId, check_id: checkId })
      .delete();
    await this.#deltaFor(db).supersedeAll(
      'jc_run_results',
      { check_id: checkId },
      db,
    );
  }

  /** Once every result is added: the base's results not produced again are not the run's. */
  async close(db: Knex): Promise<void> {
    const delta = this.#deltaFor(db);
    await delta.supersedeUnseen('jc_run_results', {}, db);
    delta.forget('jc_run_results');
  }

  #page(
    db: Knex,
    page: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
    order: Array<{ column: string; order: 'asc' | 'desc' }>,
  ): Promise<ResultRow[]> {
    return pageOfRun(
      db,
      'jc_run_results',
      this.#view,
      page,
      order,
      this.pageSize,
    );
  }

  all(db: Knex): AsyncGenerator<CheckResult> {
    return this.#bySeq(db, false);
  }

  notPassing(db: Knex): AsyncGenerator<CheckResult> {
    return this.#bySeq(db, true);
  }

  async *#bySeq(db: Knex, notPassing: boolean): AsyncGenerator<CheckResult> {
    const pages = pagesOfRun<ResultRow>(db, 'jc_run_results', this.#view, {
      select: query => {
        query.select(RESULT_COLUMNS);
        return notPassing ? query.whereNotIn('status', [...PASSING]) : query;
      },
      key: 'seq',
      pageSize: this.pageSize,
    });
    for await (const rows of pages) for (const row of rows) yield toResult(row);
  }

  async *byEntity(db: Knex, entityIds?: string[]): AsyncGenerator<CheckResult> {
    if (!entityIds) {
      yield* this.#byEntityAmong(db);
      return;
    }
    const sorted = [...new Set(entityIds)].sort();
    for (let i = 0; i < sorted.length; i += this.batchSize)
      yield* this.#ofEntities(db, sorted.slice(i, i + this.batchSize));
  }

  /**
   * A batch of entities' results, each entity's together in evaluation
   * order. Read whole and ordered here: a batch has at most one result per
   * check and entity, and paging it through a UNION had the database sort
   * the two sides again for every page.
   */
  async *#ofEntities(
    db: Knex,
    entityIds: string[],
  ): AsyncGenerator<CheckResult> {
    const rows = await rowsOfRun<ResultRow>(
      db,
      'jc_run_results',
      this.#view,
      q => q.whereIn('entity_id', entityIds).select(RESULT_COLUMNS),
    );
    rows.sort((a, b) => {
      if (a.entity_id !== b.entity_id)
        return a.entity_id < b.entity_id ? -1 : 1;
      return a.seq - b.seq;
    });
    for (const row of rows) yield toResult(row);
  }

  async changedEntities(
    db: Knex,
    atMost?: number,
  ): Promise<{ baseRunId: string; entityIds: string[] } | undefined> {
    const baseRunId = this.#view.baseRunId;
    if (!baseRunId) return undefined;
    // The run's own rows are the results added or changed; the base's rows
    // it marked superseded are the results changed or gone.
    const query = db
      .select('entity_id')
      .from('jc_run_results')
      .where('run_id', this.#runId)
      .union(q =>
        q
          .select('entity_id')
          .from('jc_run_results')
          .where({ run_id: baseRunId, superseded_by: this.#runId }),
      );
    const rows: Array<{ entity_id: string }> =
      atMost === undefined ? await query : await query.limit(atMost + 1);
    return { baseRunId, entityIds: rows.map(row => row.entity_id) };
  }

  sinceBase(db: Knex): ResultsSinceBase | undefined {
    const baseRunId = this.#view.baseRunId;
    if (!baseRunId) return undefined;
    const own = this.#pagesBySeq(db, { run_id: this.#runId }, RESULT_COLUMNS);
    const superseded = this.#pagesBySeq(
      db,
      { run_id: baseRunId, superseded_by: this.#runId },
      ['seq', 'check_id', 'entity_id'],
    );
    return {
      baseRunId,
      own: (async function* rows() {
        for await (const page of own)
          for (const row of page) yield toResult(row);
      })(),
      superseded: (async function* keys() {
        for await (const page of superseded)
          for (const row of page)
            yield { checkId: row.check_id, entityId: row.entity_id };
      })(),
    };
  }

  /** Rows of `jc_run_results` matching `where` (one run's), a page at a time in order. */
  async *#pagesBySeq(
    db: Knex,
    where: Record<string, string>,
    columns: string[],
  ): AsyncGenerator<ResultRow[]> {
    let after = 0;
    for (;;) {
      const rows: ResultRow[] = await db('jc_run_results')
        .where(where)
        .andWhere('seq', '>', after)
        .orderBy('seq')
        .limit(this.pageSize)
        .select(columns);
      yield rows;
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /** Every result by entity. */
  async *#byEntityAmong(db: Knex): AsyncGenerator<CheckResult> {
    let after: [string, number] | undefined;
    for (;;) {
      const from = after;
      const rows = await this.#page(
        db,
        query => {
          query
            .select(RESULT_COLUMNS)
            .orderBy([
              { column: 'entity_id', order: 'asc' },
              { column: 'seq', order: 'asc' },
            ])
            .limit(this.pageSize);
          // A row-value comparison: both databases walk the (run_id,
          // entity_id, seq) index from there instead of re-sorting every page.
          return from
            ? query.whereRaw('(entity_id, seq) > (?, ?)', from)
            : query;
        },
        [
          { column: 'entity_id', order: 'asc' },
          { column: 'seq', order: 'asc' },
        ],
      );
      for (const row of rows) yield toResult(row);
      if (rows.length < this.pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.entity_id, last.seq];
    }
  }
}
