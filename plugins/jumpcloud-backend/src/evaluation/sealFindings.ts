import type { CheckMetadata } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { CheckResult } from '../checks';
import { latestSealedRuns, type SealedRun } from '../findings/latestSealedRuns';
import {
  searchTextOf,
  SEVERITY_RANK,
  type FindingRow,
} from '../findings/findingRow';
import { PASSING, type ResultKey } from '../findings/RunResults';
import {
  notSeenSince,
  resolveUnkeptAmong,
  resolveUnkeptFindings,
} from './resolveFindings';
import type { CompleteRunContext, EvaluationResult } from './types';

const CHUNK = 400;
/**
 * Open findings' ids read at once when resolving: each page sorts the
 * connection's open findings by id again (a first seal at L opens 107k;
 * 400 at a time took 12 s on SQLite).
 */
const OPEN_IDS_PAGE = 5000;

const keyOf = (checkId: string, entityId: string) =>
  `${checkId}\u0000${entityId}`;

export interface FindingChanges {
  opened: number;
  reopened: number;
  resolved: number;
  stillOpen: number;
}

type ExistingRow = Pick<
  FindingRow,
  | 'id'
  | 'check_id'
  | 'entity_id'
  | 'status'
  | 'message'
  | 'evidence_json'
  | 'entity_name'
  | 'seen_in_latest_run'
>;

/**
 * The stored findings of some results, looked up per check with the unique
 * key (connection, check, entity): only the findings a batch of results can
 * touch are in memory, never all of a connection's with their evidence.
 */
async function existingFindings(
  trx: Knex.Transaction,
  connectionId: string,
  results: CheckResult[],
): Promise<Map<string, ExistingRow>> {
  const entitiesByCheck = new Map<string, Set<string>>();
  for (const r of results) {
    let entities = entitiesByCheck.get(r.checkId);
    if (!entities) entitiesByCheck.set(r.checkId, (entities = new Set()));
    entities.add(r.entityId);
  }
  const byKey = new Map<string, ExistingRow>();
  for (const [checkId, entities] of entitiesByCheck) {
    const rows: ExistingRow[] = await trx('jc_findings')
      .where({ connection_id: connectionId, check_id: checkId })
      .whereIn('entity_id', [...entities])
      .select(
        'id',
        'check_id',
        'entity_id',
        'status',
        'message',
        'evidence_json',
        'entity_name',
        'seen_in_latest_run',
      );
    for (const row of rows) byKey.set(keyOf(row.check_id, row.entity_id), row);
  }
  return byKey;
}

/**
 * Compares a run's results with the stored findings, a page at a time, and
 * writes what changes: new findings inserted in batches, resolved ones
 * reopened, open ones refreshed when their message, evidence or name moved.
 * A finding still open as it was is not written at all: an open finding is
 * seen by its connection's latest sealed run (readers take its last seen
 * time from there). Remembers every finding the run keeps open, so that
 * resolving afterwards leaves them alone.
 */
class FindingUpserts {
  // Findings this run must not resolve: those with a result that is neither
  // pass nor not applicable (fail, excepted, unknown…), and those it opened.
  // Ids only, at most one per finding (not a map of every result: a large
  // org has millions, most of them passes).
  readonly keep = new Set<string>();
  readonly changes: FindingChanges = {
    opened: 0,
    reopened: 0,
    resolved: 0,
    stillOpen: 0,
  };
  // New findings are inserted a batch at a time as they are met: a first
  // sync of a large org opens tens of thousands, each row a few kB.
  #inserts: FindingRow[] = [];
  readonly #at: string;

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly ctx: CompleteRunContext,
    evaluatedAt: string,
    private readonly checks: ReadonlyMap<string, CheckMetadata>,
    private readonly previous: SealedRun | undefined,
  ) {
    this.#at = evaluatedAt;
  }

  async upsertPage(page: CheckResult[]): Promise<void> {
    const byKey = await existingFindings(this.trx, this.ctx.connectionId, page);
    for (const result of page) {
      const row = byKey.get(keyOf(result.checkId, result.entityId));
      if (row) this.keep.add(row.id);
      if (result.status !== 'fail' && result.status !== 'excepted') {
        if (row) await this.#unseen(row);
        continue;
      }
      const evidenceJson = JSON.stringify(result.evidence);
      if (!row) await this.#open(result, evidenceJson);
      else if (row.status === 'resolved')
        await this.#reopen(row, result, evidenceJson);
      else await this.#refresh(row, result, evidenceJson);
    }
  }

  /** Writes the inserts still batched, and the connection's name where it changed. */
  async flush(): Promise<void> {
    await this.#flushInserts();
    await this.trx('jc_findings')
      .where('connection_id', this.ctx.connectionId)
      .whereNot('connection_name', this.ctx.connectionName)
      .update({ connection_name: this.ctx.connectionName });
  }

  async #open(result: CheckResult, evidenceJson: string): Promise<void> {
    const { ctx } = this;
    const at = this.#at;
    const meta = this.checks.get(result.checkId);
    this.changes.opened++;
    const id = randomUUID();
    this.keep.add(id);
    const row: FindingRow = {
      id,
      connection_id: ctx.connectionId,
      connection_name: ctx.connectionName,
      check_id: result.checkId,
      check_title: meta?.title ?? result.checkId,
      severity: result.severity,
      severity_rank: SEVERITY_RANK[result.severity],
      entity_kind: result.entityKind,
      entity_id: result.entityId,
      entity_name: result.entityName,
      // The catalog names entities (transformers can rename them): the UI
      // links a finding to its entity through the JumpCloud id annotation.
      entity_ref: null,
      status: 'open',
      first_seen_at: at,
      last_seen_at: at,
      seen_in_latest_run: true,
      resolved_at: null,
      reopened_at: null,
      last_run_id: ctx.runId,
      message: result.message,
      evidence_json: evidenceJson,
      frameworks_json: JSON.stringify(meta?.frameworks ?? {}),
      exception_id: null,
      excepted_until: null,
    };
    this.#inserts.push(row);
    row.search_text = searchTextOf(row);
    if (this.#inserts.length >= 200) await this.#flushInserts();
  }

  async #reopen(
    row: ExistingRow,
    result: CheckResult,
    evidenceJson: string,
  ): Promise<void> {
    const at = this.#at;
    this.changes.reopened++;
    await this.trx('jc_findings')
      .where('id', row.id)
      .update({
        status: 'open',
        reopened_at: at,
        resolved_at: null,
        last_seen_at: at,
        seen_in_latest_run: true,
        last_run_id: this.ctx.runId,
        message: result.message,
        evidence_json: evidenceJson,
        entity_name: result.entityName,
        connection_name: this.ctx.connectionName,
        search_text: this.#searchText(row, result),
      });
  }

  /**
   * A finding still open: rewritten only when what it shows changed, or
   * when it is seen again after runs that did not see it.
   */
  async #refresh(
    row: ExistingRow,
    result: CheckResult,
    evidenceJson: string,
  ): Promise<void> {
    this.changes.stillOpen++;
    const shown =
      row.message !== result.message ||
      row.evidence_json !== evidenceJson ||
      row.entity_name !== result.entityName;
    const seenAgain = !row.seen_in_latest_run;
    if (!shown && !seenAgain) return;
    await this.trx('jc_findings')
      .where('id', row.id)
      .update({
        ...(shown
          ? {
              message: result.message,
              evidence_json: evidenceJson,
              entity_name: result.entityName,
              search_text: this.#searchText(row, result),
            }
          : {}),
        ...(seenAgain
          ? {
              seen_in_latest_run: true,
              last_seen_at: this.#at,
              last_run_id: this.ctx.runId,
            }
          : {}),
      });
  }

  /**
   * A finding kept open by an unknown result (its data missing): this run
   * did not see it, so it was last seen when the previous run was.
   */
  async #unseen(row: ExistingRow): Promise<void> {
    if (row.status !== 'open' || !row.seen_in_latest_run) return;
    await this.trx('jc_findings')
      .where('id', row.id)
      .update(notSeenSince(this.previous));
  }

  #searchText(row: ExistingRow, result: CheckResult): string {
    return searchTextOf({
      ...row,
      entity_name: result.entityName,
      message: result.message,
      check_title: this.checks.get(result.checkId)?.title ?? result.checkId,
    });
  }

  async #flushInserts(): Promise<void> {
    if (this.#inserts.length > 0)
      await this.trx('jc_findings').insert(this.#inserts);
    this.#inserts = [];
  }
}

/**
 * Opens, refreshes, reopens and resolves the findings of one connection from
 * a complete run's results. Only checks that ran may resolve findings, and
 * an `unknown` result never resolves one: missing data is not a fix.
 *
 * Memory stays flat as findings accumulate over syncs: results that can
 * keep a finding (any status but pass and not applicable) are compared with
 * the stored findings a page at a time, and the open findings left to
 * resolve are read a page at a time by id, without their evidence.
 *
 * With `sinceBase`, a finding whose result the run shares with its base is
 * as the last seal left it: only the run's own results are compared, and
 * only findings whose result passed or went away may be resolved. A sync
 * then reads and writes findings in proportion to what changed.
 */
export async function upsertFindings(
  trx: Knex.Transaction,
  ctx: CompleteRunContext,
  evaluation: EvaluationResult,
  checks: ReadonlyMap<string, CheckMetadata>,
  options: {
    pageSize?: number;
    /**
     * The findings are as the run's base results left them (the base was
     * the last run sealed): only the results that differ from the base's
     * are compared.
     */
    sinceBase?: boolean;
  } = {},
): Promise<FindingChanges> {
  const { pageSize = CHUNK } = options;
  const previous = (await latestSealedRuns(trx, [ctx.connectionId])).get(
    ctx.connectionId,
  );
  // Open findings of checks this run could not evaluate are not seen by it
  // (first: a failing result of such a check still counts as seen).
  await trx('jc_findings')
    .where({ connection_id: ctx.connectionId, status: 'open' })
    .where('seen_in_latest_run', true)
    .whereNotIn('check_id', evaluation.evaluatedCheckIds)
    .update(notSeenSince(previous));
  const upserts = new FindingUpserts(
    trx,
    ctx,
    evaluation.evaluatedAt,
    checks,
    previous,
  );
  const changed = options.sinceBase
    ? evaluation.results.sinceBase(trx)
    : undefined;
  let page: CheckResult[] = [];
  for await (const result of changed?.own ??
    evaluation.results.notPassing(trx)) {
    // A pass or a not-applicable result touches no finding and resolves one
    // as its absence does: nothing to look up.
    if (PASSING.has(result.status)) continue;
    page.push(result);
    if (page.length >= pageSize) {
      await upserts.upsertPage(page);
      page = [];
    }
  }
  await upserts.upsertPage(page);
  await upserts.flush();
  const { changes } = upserts;
  const resolution = {
    trx,
    connectionId: ctx.connectionId,
    evaluation,
    keep: upserts.keep,
    previous,
  };
  if (changed) {
    // A result that passes now or is gone replaced (superseded) the base's.
    const replaced: ResultKey[] = [];
    for await (const key of changed.superseded) replaced.push(key);
    changes.resolved += await resolveUnkeptAmong(resolution, replaced);
  } else {
    changes.resolved += await resolveUnkeptFindings(
      resolution,
      options.pageSize ?? OPEN_IDS_PAGE,
    );
  }
  return changes;
}
