import type { Knex } from 'knex';
import type { CheckResult } from '../checks';

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
  /** Every result, each entity's together (in evaluation order within an entity). */
  byEntity(db: Knex): AsyncIterable<CheckResult>;
}

/** Statuses that keep no finding open. */
const PASSING = new Set<CheckResult['status']>(['pass', 'not_applicable']);

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
    async *byEntity() {
      const byEntity = new Map<string, CheckResult[]>();
      for (const result of results) {
        const list = byEntity.get(result.entityId);
        if (list) list.push(result);
        else byEntity.set(result.entityId, [result]);
      }
      for (const list of byEntity.values()) yield* list;
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

/**
 * One run's results in `jc_run_results`: written a chunk at a time while
 * evaluating, read back in pages. Passing results are stored without their
 * evidence (nothing downstream reads it).
 */
export class StoredRunResults implements RunResults {
  constructor(
    private readonly runId: string,
    private readonly pageSize = 5000,
    private readonly batchSize = 500,
  ) {}

  async add(db: Knex, results: CheckResult[]): Promise<void> {
    for (let i = 0; i < results.length; i += this.batchSize) {
      await db('jc_run_results').insert(
        results.slice(i, i + this.batchSize).map(r => ({
          run_id: this.runId,
          check_id: r.checkId,
          severity: r.severity,
          entity_kind: r.entityKind,
          entity_id: r.entityId,
          entity_name: r.entityName,
          status: r.status,
          message: r.message,
          evidence_json:
            r.status === 'pass' ? null : JSON.stringify(r.evidence),
        })),
      );
    }
  }

  /** Forgets one check's results (a check that threw part-way). */
  async discard(db: Knex, checkId: string): Promise<void> {
    await db('jc_run_results')
      .where({ run_id: this.runId, check_id: checkId })
      .delete();
  }

  all(db: Knex): AsyncGenerator<CheckResult> {
    return this.#bySeq(db, false);
  }

  notPassing(db: Knex): AsyncGenerator<CheckResult> {
    return this.#bySeq(db, true);
  }

  async *#bySeq(db: Knex, notPassing: boolean): AsyncGenerator<CheckResult> {
    let after = 0;
    for (;;) {
      const query = db('jc_run_results')
        .where('run_id', this.runId)
        .andWhere('seq', '>', after)
        .orderBy('seq')
        .limit(this.pageSize);
      if (notPassing) query.whereNotIn('status', [...PASSING]);
      const rows: ResultRow[] = await query;
      for (const row of rows) yield toResult(row);
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  async *byEntity(db: Knex): AsyncGenerator<CheckResult> {
    let after: [string, number] | undefined;
    for (;;) {
      const query = db('jc_run_results')
        .where('run_id', this.runId)
        .orderBy([
          { column: 'entity_id', order: 'asc' },
          { column: 'seq', order: 'asc' },
        ])
        .limit(this.pageSize);
      // A row-value comparison: both databases walk the (run_id,
      // entity_id, seq) index from there instead of re-sorting every page.
      if (after) query.whereRaw('(entity_id, seq) > (?, ?)', after);
      const rows: ResultRow[] = await query;
      for (const row of rows) yield toResult(row);
      if (rows.length < this.pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.entity_id, last.seq];
    }
  }
}
