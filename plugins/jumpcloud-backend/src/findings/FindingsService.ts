import {
  FRAMEWORKS,
  type CheckDefinitionInfo,
  type CheckMetadata,
  type EvidenceManifest,
  type Framework,
  type Posture,
  type PostureTrendPoint,
  type RiskException,
  type UnevaluatedCheck,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCheck } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import {
  builtInChecks,
  describeChecks,
  readCheckThresholds,
  runChecks,
  type CheckResult,
  type CheckRunError,
  type CheckThresholds,
  type RegisteredCheck,
} from '../checks';
import { runChecksInChunks } from '../checks/chunkedRunner';
import { partitionByCoverage } from '../checks/coverage';
import { RunRowsReader } from '../database/RunRowsReader';
import { EvidenceStore } from '../evidence/EvidenceStore';
import { PostureStore } from '../posture/PostureStore';
import { scoreResults, ScoreTally, type PostureScore } from '../posture/score';
import { ExceptionsStore } from './ExceptionsStore';
import { findingsById } from './findingPages';
import {
  resultsInMemory,
  StoredRunResults,
  type RunResults,
} from './RunResults';
import { FindingsStore } from './FindingsStore';
import { buildPopulations } from './populations';
import { upsertFindings, type EntityRefResolver } from './sealFindings';
import { systemClock, toIsoUtc, type Clock } from './time';
import type { CompleteRunContext, EvaluationResult } from './types';

export interface FindingsServiceOptions {
  /** The plugin's knex client (migrated by the core plugin). */
  database: Knex;
  logger: LoggerService;
  /** Root config; `jumpcloud.checks` holds thresholds and disabled checks. */
  config?: Config;
  /** Kept for symmetry with the routes, which audit through it. */
  auditor?: AuditorService;
  /** Custom checks from the extension point, run after the built-in ones. */
  checks?: JumpCloudCheck[];
  /** Overrides `jumpcloud.checks` (tests, benchmarks). */
  thresholds?: CheckThresholds;
  /** Catalog entity ref of a result's entity, when the caller can tell. */
  entityRef?: EntityRefResolver;
  clock?: Clock;
}

/**
 * Marks results under an active exception as excepted. Exceptions apply to
 * failing results only: a passing entity stays passing.
 */
function exceptionsApplier(
  exceptions: RiskException[],
): (result: CheckResult) => CheckResult {
  const wholeCheck = new Set(
    exceptions.filter(e => e.entityId === null).map(e => e.checkId),
  );
  const perEntity = new Set(
    exceptions
      .filter(e => e.entityId !== null)
      .map(e => `${e.checkId}\u0000${e.entityId}`),
  );
  return r =>
    r.status === 'fail' &&
    (wholeCheck.has(r.checkId) ||
      perEntity.has(`${r.checkId}\u0000${r.entityId}`))
      ? { ...r, status: 'excepted' }
      : r;
}

/**
 * Checks → findings → posture → sealed evidence. `evaluate` only reads;
 * `seal` writes everything of one complete run in a single transaction.
 */
export class FindingsService {
  readonly findings: FindingsStore;
  readonly exceptions: ExceptionsStore;
  readonly evidence: EvidenceStore;
  readonly posture: PostureStore;
  readonly thresholds: CheckThresholds;
  private readonly knex: Knex;
  private readonly logger: LoggerService;
  private readonly allChecks: RegisteredCheck[];
  private readonly metadata: Map<string, CheckMetadata>;
  private readonly entityRef: EntityRefResolver;
  readonly clock: Clock;
  private readonly runRows: RunRowsReader;

  constructor(options: FindingsServiceOptions) {
    this.knex = options.database;
    this.logger = options.logger;
    this.thresholds = options.thresholds ?? readCheckThresholds(options.config);
    this.allChecks = [...builtInChecks, ...(options.checks ?? [])];
    this.metadata = new Map(this.allChecks.map(c => [c.id, c]));
    this.entityRef = options.entityRef ?? (() => null);
    this.clock = options.clock ?? systemClock;
    this.findings = new FindingsStore(this.knex);
    this.runRows = new RunRowsReader(this.knex);
    this.exceptions = new ExceptionsStore(this.knex);
    this.evidence = new EvidenceStore(this.knex);
    this.posture = new PostureStore(this.knex, this.findings);
    const unknownIds = this.thresholds.disabled.filter(
      id => !this.metadata.has(id),
    );
    if (unknownIds.length)
      this.logger.warn(
        `jumpcloud.checks.disabled names unknown checks: ${unknownIds.join(
          ', ',
        )}`,
      );
  }

  now(): string {
    return toIsoUtc(this.clock());
  }

  /** GET /checks */
  catalogue(): CheckDefinitionInfo[] {
    return describeChecks(this.allChecks, this.thresholds.disabled);
  }

  hasCheck(id: string): boolean {
    return this.metadata.has(id);
  }

  /** Check ids mapped to a framework (`soc2`) or to one control (`soc2:CC6.1`). */
  checkIdsForFramework(filter: string): string[] {
    const [framework, control] = filter.split(':', 2) as [
      Framework,
      string | undefined,
    ];
    if (!FRAMEWORKS.includes(framework)) return [];
    return this.allChecks
      .filter(c =>
        (c.frameworks[framework] ?? []).some(
          ref => !control || ref.toLowerCase() === control.toLowerCase(),
        ),
      )
      .map(c => c.id);
  }

  async evaluate(ctx: CompleteRunContext): Promise<EvaluationResult> {
    const evaluatedAt = toIsoUtc(ctx.finishedAt);
    const started = Date.now();
    const disabled = new Set(this.thresholds.disabled);
    const { runnable, unevaluated } = partitionByCoverage(
      this.allChecks.filter(c => !disabled.has(c.id)),
      ctx.coverage,
    );
    const options = {
      snapshot: ctx.snapshot,
      connectionId: ctx.connectionId,
      orgId: ctx.orgId,
      now: evaluatedAt,
      thresholds: this.thresholds,
      checks: runnable,
    };
    const except = exceptionsApplier(
      await this.exceptions.active(ctx.connectionId, this.now()),
    );
    const unknowns = await this.#unknownsOfUnevaluated(
      ctx.connectionId,
      unevaluated,
    );
    let results: RunResults;
    let errors: CheckRunError[];
    let posture: PostureScore;
    if (ctx.rowsStored) {
      // A large run: results go to the store a chunk at a time, tallied
      // per check (a check that throws part-way leaves no trace).
      const stored = new StoredRunResults(ctx.runId);
      const tallies = new Map<string, ScoreTally>();
      ({ errors } = await runChecksInChunks({
        ...options,
        access: ctx.rowsStored.access,
        directory: await this.runRows.directory(ctx.runId),
        devices: () => this.runRows.devices(ctx.runId),
        users: () => this.runRows.users(ctx.runId),
        loadDeviceRows: systemIds =>
          this.runRows.deviceRows(ctx.runId, systemIds),
        sink: {
          add: async chunk => {
            const excepted = chunk.map(except);
            for (const result of excepted) {
              let tally = tallies.get(result.checkId);
              if (!tally)
                tallies.set(result.checkId, (tally = new ScoreTally()));
              tally.add(result);
            }
            await stored.add(this.knex, excepted);
          },
          discard: async checkId => {
            tallies.delete(checkId);
            await stored.discard(this.knex, checkId);
          },
        },
      }));
      if (unknowns.length > 0) {
        const tally = new ScoreTally();
        unknowns.forEach(result => tally.add(result));
        tallies.set('\u0000unevaluated', tally);
        await stored.add(this.knex, unknowns);
      }
      const total = new ScoreTally();
      for (const tally of tallies.values()) total.merge(tally);
      posture = total.score();
      results = stored;
    } else {
      const evaluated = runChecks(options);
      const excepted = [...evaluated.results.map(except), ...unknowns];
      errors = evaluated.errors;
      posture = scoreResults(excepted);
      results = resultsInMemory(excepted);
    }
    for (const error of errors)
      this.logger.warn(
        `Check ${error.checkId} failed on run ${ctx.runId}: ${error.message}`,
      );
    const failed = new Set(errors.map(e => e.checkId));
    if (unevaluated.length > 0)
      this.logger.info(
        `Run ${ctx.runId} could not evaluate ${
          unevaluated.length
        } checks: ${unevaluated
          .map(u => `${u.checkId} (${u.reason})`)
          .join(', ')}`,
      );
    this.logger.info(
      `Evaluated ${Object.values(posture.counts).reduce(
        (sum, n) => sum + n,
        0,
      )} results of run ${ctx.runId} in ${Date.now() - started} ms`,
    );
    return {
      evaluatedAt,
      results,
      evaluatedCheckIds: runnable
        .map(c => c.id)
        .filter(id => !failed.has(id)),
      unevaluated,
      errors,
      summary: posture.counts,
      posture,
    };
  }

  /**
   * `unknown` results, with the reason, for the entities a check that could
   * not be evaluated has findings on: they show why the finding was not
   * re-assessed, and (not being a pass) leave it exactly as it was.
   */
  async #unknownsOfUnevaluated(
    connectionId: string,
    unevaluated: UnevaluatedCheck[],
  ): Promise<CheckResult[]> {
    if (unevaluated.length === 0) return [];
    const reasons = new Map(unevaluated.map(u => [u.checkId, u]));
    const rows: Array<{
      check_id: string;
      severity: CheckResult['severity'];
      entity_kind: CheckResult['entityKind'];
      entity_id: string;
      entity_name: string;
    }> = await this.knex('jc_findings')
      .where({ connection_id: connectionId, status: 'open' })
      .whereIn('check_id', [...reasons.keys()])
      .select('check_id', 'severity', 'entity_kind', 'entity_id', 'entity_name');
    return rows.map(row => {
      const { reason, missing } = reasons.get(row.check_id)!;
      return {
        checkId: row.check_id,
        severity: row.severity,
        entityKind: row.entity_kind,
        entityId: row.entity_id,
        entityName: row.entity_name,
        status: 'unknown',
        message: `Not evaluated: ${reason}`,
        evidence: { notEvaluated: true, missing },
      };
    });
  }

  async seal(
    ctx: CompleteRunContext,
    evaluation: EvaluationResult,
  ): Promise<EvidenceManifest> {
    const already = await this.evidence.get(ctx.runId);
    if (already) return already;
    const now = this.now();
    const sealed = await this.knex.transaction(async trx => {
      const changes = await upsertFindings(
        trx,
        ctx,
        evaluation,
        this.metadata,
        this.entityRef,
      );
      await this.exceptions.relinkConnection(trx, ctx.connectionId, now);
      await this.posture.record(trx, ctx, evaluation, now);
      const manifest = await this.evidence.seal(trx, {
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
                systems: flatten(new RunRowsReader(trx).devices(ctx.runId)),
                users: flatten(new RunRowsReader(trx).users(ctx.runId)),
              }
            : ctx.snapshot,
          evaluation.results.all(trx),
          findingsById(trx, ctx.connectionId, now),
          await this.exceptions.all(ctx.connectionId, now, trx),
        ),
      });
      this.logger.info(
        `Sealed run ${ctx.runId}: ${changes.opened} opened, ${
          changes.reopened
        } reopened, ${changes.resolved} resolved, hash ${manifest.hash.slice(
          0,
          12,
        )}`,
      );
      return manifest;
    });
    await this.refreshStatistics();
    return sealed;
  }

  /**
   * Query-planner statistics after each seal: without them SQLite picks the
   * sort index and scans every finding for selective filters.
   */
  private async refreshStatistics(): Promise<void> {
    try {
      await this.knex.raw('ANALYZE jc_findings');
    } catch (error) {
      this.logger.debug(`ANALYZE jc_findings failed: ${error}`);
    }
  }

  async postureOf(connectionId?: string): Promise<Posture> {
    return this.posture.current(connectionId, this.now());
  }

  async trend(
    connectionId?: string,
    limit = 200,
  ): Promise<PostureTrendPoint[]> {
    return this.posture.trend(connectionId, limit);
  }

  /** Results of one entity from the latest sealed run, exceptions applied as of now. */
  async entityPosture(connectionId: string, entityId: string) {
    const active = await this.exceptions.active(connectionId, this.now());
    return this.posture.entity(connectionId, entityId, active);
  }
}

async function* flatten<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

/** Factory the core plugin calls (see contracts). */
export function createFindingsService(
  options: FindingsServiceOptions,
): FindingsService {
  return new FindingsService(options);
}
