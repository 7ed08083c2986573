import type { UnevaluatedCheck } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { runChecks, type CheckResult, type CheckRunError } from '../checks';
import type { CheckCatalogue } from '../checks/CheckCatalogue';
import { runChecksInChunks } from '../checks/chunkedRunner';
import { partitionByCoverage } from '../checks/coverage';
import { RunRowsReader } from '../snapshot/RunRowsReader';
import { storeFailingChecks } from '../snapshot/failingChecks';
import { analyzeFirstRunRows } from '../database/plannerStatistics';
import type { EvidenceStore } from '../evidence/EvidenceStore';
import type { PostureStore } from '../posture/PostureStore';
import { scoreResults, ScoreTally, type PostureScore } from '../posture/score';
import type { RunEvaluator, SealedRun } from './RunEvaluator';
import { exceptionsApplier } from './exceptionsApplier';
import type { ExceptionsStore } from '../findings/ExceptionsStore';
import { CheckStatusTally } from '../findings/CheckStatusCounts';
import { findingsById } from '../findings/findingPages';
import { latestSealedRuns } from '../findings/latestSealedRuns';
import type { FindingsStore } from '../findings/FindingsStore';
import { buildPopulations } from './populations';
import {
  resultsInMemory,
  StoredRunResults,
  type RunResults,
} from '../findings/RunResults';
import { upsertFindings } from './sealFindings';
import { systemClock, toIsoUtc, type Clock } from '../findings/time';
import type { CompleteRunContext, EvaluationResult } from './types';

export interface RunEvaluationDeps {
  /** The plugin's knex client (seal writes in one transaction). */
  knex: Knex;
  logger: LoggerService;
  catalogue: CheckCatalogue;
  findings: FindingsStore;
  exceptions: ExceptionsStore;
  evidence: EvidenceStore;
  posture: PostureStore;
  clock?: Clock;
}

type Evaluated = Pick<
  EvaluationResult,
  'results' | 'errors' | 'posture' | 'statusCounts'
>;

/**
 * Checks → findings → posture → sealed evidence of an applied run.
 * `evaluate` only reads; `seal` writes everything of one run in a single
 * transaction.
 */
export class RunEvaluation implements RunEvaluator {
  readonly #deps: RunEvaluationDeps;
  readonly #clock: Clock;

  constructor(deps: RunEvaluationDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  async evaluate(ctx: CompleteRunContext): Promise<EvaluationResult> {
    const { logger, catalogue, exceptions } = this.#deps;
    const evaluatedAt = toIsoUtc(ctx.finishedAt);
    const started = Date.now();
    const { runnable, unevaluated } = partitionByCoverage(
      catalogue.enabled(),
      ctx.coverage,
    );
    const except = exceptionsApplier(
      await exceptions.active(ctx.connectionId, toIsoUtc(this.#clock())),
    );
    const unknowns = unknownsOf(
      await this.#deps.findings.openOnChecks(
        ctx.connectionId,
        unevaluated.map(u => u.checkId),
      ),
      unevaluated,
    );
    const options = {
      snapshot: ctx.snapshot,
      connectionId: ctx.connectionId,
      orgId: ctx.orgId,
      now: evaluatedAt,
      thresholds: catalogue.thresholds,
      checks: runnable,
    };
    const { results, errors, posture, statusCounts } = ctx.rowsStored
      ? await this.#evaluateStored(ctx, options, except, unknowns)
      : evaluateInMemory(options, except, unknowns);
    for (const error of errors)
      logger.warn(
        `Check ${error.checkId} failed on run ${ctx.runId}: ${error.message}`,
      );
    if (unevaluated.length > 0)
      logger.info(
        `Run ${ctx.runId} could not evaluate ${
          unevaluated.length
        } checks: ${unevaluated
          .map(u => `${u.checkId} (${u.reason})`)
          .join(', ')}`,
      );
    logger.info(
      `Evaluated ${Object.values(posture.counts).reduce(
        (sum, n) => sum + n,
        0,
      )} results of run ${ctx.runId} in ${Date.now() - started} ms`,
    );
    const failed = new Set(errors.map(e => e.checkId));
    return {
      evaluatedAt,
      results,
      evaluatedCheckIds: runnable.map(c => c.id).filter(id => !failed.has(id)),
      unevaluated,
      errors,
      summary: posture.counts,
      posture,
      statusCounts,
    };
  }

  /**
   * A large run: its rows are in the store, and results go to the store a
   * chunk at a time, tallied per check (a check that throws part-way
   * leaves no trace).
   */
  async #evaluateStored(
    ctx: CompleteRunContext,
    options: Parameters<typeof runChecks>[0],
    except: (result: CheckResult) => CheckResult,
    unknowns: CheckResult[],
  ): Promise<Evaluated> {
    const { knex } = this.#deps;
    const runRows = new RunRowsReader(knex);
    const { delta } = ctx.rowsStored!;
    const view = delta.view;
    const stored = new StoredRunResults(delta);
    const tallies = new Map<string, ScoreTally>();
    const statusCounts = new CheckStatusTally();
    const add = async (results: CheckResult[]) => {
      for (const result of results) {
        let tally = tallies.get(result.checkId);
        if (!tally) tallies.set(result.checkId, (tally = new ScoreTally()));
        tally.add(result);
        statusCounts.add(result);
      }
      await stored.add(knex, results);
    };
    const { errors } = await runChecksInChunks({
      ...options,
      access: ctx.rowsStored!.access,
      directory: await runRows.directory(view),
      devices: () => runRows.devices(view),
      users: () => runRows.users(view),
      loadDeviceRows: systemIds => runRows.deviceRows(view, systemIds),
      sink: {
        add: chunk => add(chunk.map(except)),
        discard: async checkId => {
          tallies.delete(checkId);
          statusCounts.discard(checkId);
          await stored.discard(knex, checkId);
        },
      },
    });
    if (unknowns.length > 0) await add(unknowns);
    await stored.close(knex);
    await analyzeFirstRunRows(knex, view, ['jc_run_results']);
    const total = new ScoreTally();
    for (const tally of tallies.values()) total.merge(tally);
    return {
      results: stored,
      errors,
      posture: total.score(),
      statusCounts,
    };
  }

  async seal(
    ctx: CompleteRunContext,
    evaluation: EvaluationResult,
  ): Promise<SealedRun> {
    const { knex, logger, evidence, exceptions, posture } = this.#deps;
    const already = await evidence.get(ctx.runId);
    if (already) return { manifest: already, findingChanges: null };
    const now = toIsoUtc(this.#clock());
    return knex.transaction(async trx => {
      // Where a seal's time goes, for the log: findings, posture, evidence.
      const took: number[] = [Date.now()];
      // Findings and per-entity results as the last seal left them: only
      // what changed since needs comparing, when that is known and little.
      const changedEntities = await changedSinceLastSeal(
        trx,
        ctx.connectionId,
        evaluation.results,
      );
      const changes = await upsertFindings(
        trx,
        ctx,
        evaluation,
        this.#deps.catalogue.metadata,
        { sinceBase: changedEntities !== undefined },
      );
      await storeFailingChecks(trx, ctx.connectionId, ctx.runId);
      await exceptions.relinkConnection(trx, ctx.connectionId, now);
      took.push(Date.now());
      await posture.record(
        trx,
        {
          ...evaluation,
          runId: ctx.runId,
          connectionId: ctx.connectionId,
          changedEntities,
        },
        now,
      );
      took.push(Date.now());
      const manifest = await evidence.seal(trx, {
        runId: ctx.runId,
        connectionId: ctx.connectionId,
        connectionName: ctx.connectionName,
        orgId: ctx.orgId,
        startedAt: ctx.startedAt,
        finishedAt: ctx.finishedAt,
        counts: ctx.counts,
        resultsSummary: evaluation.summary,
        ...(ctx.coverage
          ? {
              coverage: {
                dataTypes: ctx.coverage,
                evaluatedCheckIds: evaluation.evaluatedCheckIds,
                unevaluatedChecks: evaluation.unevaluated,
              },
            }
          : {}),
        sealedAt: now,
        populations: buildPopulations(
          ctx.rowsStored
            ? {
                // Read inside the transaction: SQLite has one connection.
                ...ctx.snapshot,
                systems: flatten(
                  new RunRowsReader(trx).deviceTexts(ctx.rowsStored.delta.view),
                ),
                users: flatten(
                  new RunRowsReader(trx).userTexts(ctx.rowsStored.delta.view),
                ),
              }
            : ctx.snapshot,
          evaluation.results.all(trx),
          findingsById(trx, ctx.connectionId, now),
          await exceptions.all(ctx.connectionId, now, trx),
        ),
      });
      took.push(Date.now());
      const [findingsMs, postureMs, evidenceMs] = took
        .slice(1)
        .map((at, i) => at - took[i]);
      logger.info(
        `Sealed run ${ctx.runId}: ${changes.opened} opened, ${
          changes.reopened
        } reopened, ${changes.resolved} resolved, hash ${manifest.hash.slice(
          0,
          12,
        )} (findings ${findingsMs} ms, posture ${postureMs} ms, evidence ${evidenceMs} ms)`,
      );
      return { manifest, findingChanges: changes };
    });
  }
}

function evaluateInMemory(
  options: Parameters<typeof runChecks>[0],
  except: (result: CheckResult) => CheckResult,
  unknowns: CheckResult[],
): Evaluated {
  const evaluated = runChecks(options);
  const excepted = [...evaluated.results.map(except), ...unknowns];
  const errors: CheckRunError[] = evaluated.errors;
  const posture: PostureScore = scoreResults(excepted);
  const results: RunResults = resultsInMemory(excepted);
  const statusCounts = new CheckStatusTally();
  for (const result of excepted) statusCounts.add(result);
  return { results, errors, posture, statusCounts };
}

/**
 * `unknown` results, with the reason, for the entities a check that could
 * not be evaluated has open findings on: they show why the finding was not
 * re-assessed, and (not being a pass) leave it exactly as it was.
 */
function unknownsOf(
  open: Array<
    Pick<
      CheckResult,
      'checkId' | 'severity' | 'entityKind' | 'entityId' | 'entityName'
    >
  >,
  unevaluated: UnevaluatedCheck[],
): CheckResult[] {
  const reasons = new Map(unevaluated.map(u => [u.checkId, u]));
  return open.map(finding => {
    const { reason, missing } = reasons.get(finding.checkId)!;
    return {
      ...finding,
      status: 'unknown',
      message: `Not evaluated: ${reason}`,
      evidence: { notEvaluated: true, missing },
    };
  });
}

/**
 * The entities whose results changed since the connection's last sealed
 * run, when the per-entity results stored are that run's and it is the
 * run this one's results are stored against (it was sealed and applied),
 * and they are few; otherwise undefined (compare every entity).
 */
async function changedSinceLastSeal(
  trx: Knex.Transaction,
  connectionId: string,
  results: RunResults,
): Promise<string[] | undefined> {
  const connection:
    | { latest_complete_run_id: string | null; snapshot_run_id: string | null }
    | undefined = await trx('jc_connections')
    .where('id', connectionId)
    .first('latest_complete_run_id', 'snapshot_run_id');
  const sealed = (await latestSealedRuns(trx, [connectionId])).get(
    connectionId,
  );
  if (!sealed || connection?.latest_complete_run_id !== sealed.runId)
    return undefined;
  // A few entities' results are read by id, at about twice the cost a
  // result of walking them all in order: past a third, walk them all.
  const [{ stored }] = await trx('jc_check_entity_results')
    .where('connection_id', connectionId)
    .count({ stored: '*' });
  const atMost = Math.floor(Number(stored) / 3);
  const changed = await results.changedEntities(trx, atMost);
  return changed &&
    changed.baseRunId === connection.snapshot_run_id &&
    changed.entityIds.length <= atMost
    ? changed.entityIds
    : undefined;
}

async function* flatten<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}
