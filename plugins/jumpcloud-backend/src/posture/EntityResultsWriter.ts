import type { Knex } from 'knex';
import type { CheckResult } from '../checks';

/** An entity's results as stored (the Checks columns of the entity tab). */
export type StoredResult = Pick<
  CheckResult,
  'checkId' | 'severity' | 'status' | 'message'
>;

interface EntityRow {
  connection_id: string;
  entity_id: string;
  entity_kind: string;
  entity_name: string;
  run_id: string;
  counts_json: string;
  results_json: string;
}

const BATCH = 300;

/**
 * Keeps `jc_check_entity_results` (one row per entity: its latest results)
 * in step with a sealed run, writing only the entities whose results
 * changed, the new ones, and deleting the ones the run no longer has. A
 * row's `run_id` is the run that last changed it; readers name the latest
 * run (every row is current).
 */
export class EntityResultsWriter {
  #batch: EntityRow[] = [];
  readonly #seen = new Set<string>();

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly run: { connectionId: string; runId: string },
    private readonly countsOf: (results: StoredResult[]) => unknown,
  ) {}

  /** One entity's results, all of them together. */
  async add(entity: CheckResult[]): Promise<void> {
    const stored: StoredResult[] = entity.map(r => ({
      checkId: r.checkId,
      severity: r.severity,
      status: r.status,
      message: r.message,
    }));
    this.#seen.add(entity[0].entityId);
    this.#batch.push({
      connection_id: this.run.connectionId,
      entity_id: entity[0].entityId,
      entity_kind: entity[0].entityKind,
      entity_name: entity[0].entityName,
      run_id: this.run.runId,
      counts_json: JSON.stringify(this.countsOf(stored)),
      results_json: JSON.stringify(stored),
    });
    if (this.#batch.length >= BATCH) await this.#flush();
  }

  /**
   * Writes what is batched and deletes the entities the run did not have:
   * of `candidates` when given (the only ones that can have gone), else of
   * every entity stored for the connection.
   */
  async finish(candidates?: string[]): Promise<void> {
    await this.#flush();
    if (candidates) {
      await this.#delete(candidates.filter(id => !this.#seen.has(id)));
      return;
    }
    let after = '';
    for (;;) {
      const ids: string[] = await this.trx('jc_check_entity_results')
        .where('connection_id', this.run.connectionId)
        .andWhere('entity_id', '>', after)
        .orderBy('entity_id')
        .limit(5000)
        .pluck('entity_id');
      await this.#delete(ids.filter(id => !this.#seen.has(id)));
      if (ids.length < 5000) return;
      after = ids[ids.length - 1];
    }
  }

  async #delete(gone: string[]): Promise<void> {
    for (let i = 0; i < gone.length; i += BATCH)
      await this.trx('jc_check_entity_results')
        .where('connection_id', this.run.connectionId)
        .whereIn('entity_id', gone.slice(i, i + BATCH))
        .delete();
  }

  async #flush(): Promise<void> {
    const batch = this.#batch;
    this.#batch = [];
    if (batch.length === 0) return;
    const stored: EntityRow[] = await this.trx('jc_check_entity_results')
      .where('connection_id', this.run.connectionId)
      .whereIn(
        'entity_id',
        batch.map(row => row.entity_id),
      )
      .select('entity_id', 'entity_kind', 'entity_name', 'results_json');
    const before = new Map(stored.map(row => [row.entity_id, row]));
    // New and changed rows in one statement: a row at a time, a sync that
    // changed a few thousand entities spent seconds in round trips.
    const writes = batch.filter(row => {
      const old = before.get(row.entity_id);
      return (
        !old ||
        old.results_json !== row.results_json ||
        old.entity_name !== row.entity_name ||
        old.entity_kind !== row.entity_kind
      );
    });
    if (writes.length > 0)
      await this.trx('jc_check_entity_results')
        .insert(writes)
        .onConflict(['connection_id', 'entity_id'])
        .merge();
  }
}
