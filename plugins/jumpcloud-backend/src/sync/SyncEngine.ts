import type {
  ErrorDetail,
  SyncTrigger,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  ConnectionRecord,
  ConnectionsStore,
} from '../connections/ConnectionsStore';
import type { HistoryStore } from '../runs/HistoryStore';
import type { RunOutcome, RunRecord, RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';
import type { ConnectionTargets } from '../connections/ConnectionTargets';
import { describeError, toErrorDetail } from '../jumpcloud/errorDetail';
import type { JumpCloudGateway } from '../jumpcloud/JumpCloudGateway';
import type { RunEvaluator } from '../evaluation/RunEvaluator';
import {
  InProcessRunExecutor,
  StageError,
  type RunExecutor,
  type RunPipelineProgress,
} from './RunPipeline';
import {
  essentialError,
  gapsReason,
  notAppliedReason,
  passingFailures,
} from './outcomeWording';
import { expectedEntities } from './expectedEntities';
import { SyncSchedule } from './SyncSchedule';
import { afterApplied } from './afterApplied';
import { historyOfStartedRun, mirrorFinishedRun } from './runHistory';
import {
  DEFAULT_SYNC_ENGINE_OPTIONS,
  type SyncEngineOptions,
} from './engineOptions';
import type { RunFinishedListener } from './RunFinishedListener';

export interface SyncEngineDeps {
  knex: Knex;
  connections: ConnectionsStore;
  targets: Pick<ConnectionTargets, 'target'>;
  runs: RunsStore;
  history: HistoryStore;
  snapshots: SnapshotWriter;
  gateway: JumpCloudGateway;
  events: EventsService;
  logger: LoggerService;
  evaluator?: RunEvaluator;
  /**
   * Where runs do their work; by default this thread, with `snapshots`,
   * `gateway` and `evaluator`.
   */
  executor?: RunExecutor;
  /** Identifies this process in claimed runs. */
  instanceId?: string;
  options?: Partial<SyncEngineOptions>;
  /** Told of every run this engine executed, once it is recorded. */
  notifier?: RunFinishedListener;
}

/**
 * Runs syncs: fetch → store → evaluate → seal → publish. One running run per
 * connection (a partial unique index), claimed by exactly one process.
 */
export class SyncEngine {
  readonly instanceId: string;
  /** Which connections are due, shared by every replica. */
  readonly schedule: SyncSchedule;
  readonly #options: SyncEngineOptions;
  readonly #executor: RunExecutor;

  constructor(private readonly deps: SyncEngineDeps) {
    this.instanceId = deps.instanceId ?? randomUUID();
    this.schedule = new SyncSchedule(deps.knex);
    this.#options = { ...DEFAULT_SYNC_ENGINE_OPTIONS, ...deps.options };
    this.#executor =
      deps.executor ??
      new InProcessRunExecutor({ ...deps, timing: this.#options });
  }

  /**
   * Queues a run for Sync Now, or returns the connection's running run.
   * The caller then triggers the connection's scheduled task.
   */
  async requestRun(
    connection: ConnectionRecord,
    trigger: SyncTrigger,
  ): Promise<{ run: RunRecord; created: boolean }> {
    await this.closeStaleRuns();
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.deps.runs.tryCreate({
        id: randomUUID(),
        connectionId: connection.id,
        connectionName: connection.name,
        trigger,
        claimedBy: null,
      });
      if (created) {
        await historyOfStartedRun(this.deps.history, created);
        return { run: created, created: true };
      }
      const running = await this.deps.runs.getRunning(connection.id);
      if (running) return { run: running, created: false };
      // The running run ended between our insert and read: try again.
    }
    throw new Error('Could not queue a sync run, please retry');
  }

  /**
   * A connection's turn: runs the queued run (Sync Now) if any, else a
   * scheduled run (unless `scheduled` is false: only picking up a queued
   * run); then any run queued meanwhile.
   */
  async runTask(
    connectionId: string,
    signal: AbortSignal,
    { scheduled = true }: { scheduled?: boolean } = {},
  ): Promise<void> {
    await this.closeStaleRuns();
    let scheduledDone = !scheduled;
    while (!signal.aborted) {
      const connection = await this.deps.connections.get(connectionId);
      if (!connection || !connection.enabled) return; // removed or disabled meanwhile
      const running = await this.deps.runs.getRunning(connectionId);
      let run: RunRecord | undefined;
      if (running) {
        if (running.claimedBy !== null) return; // another process is on it
        if (!(await this.deps.runs.claim(running.id, this.instanceId))) return;
        run = await this.deps.runs.get(running.id);
      } else if (!scheduledDone) {
        run = await this.deps.runs.tryCreate({
          id: randomUUID(),
          connectionId,
          connectionName: connection.name,
          trigger: { type: 'scheduled' },
          claimedBy: this.instanceId,
        });
        if (run) await historyOfStartedRun(this.deps.history, run);
      }
      scheduledDone = true;
      if (!run) return;
      await this.execute(run, connection, signal);
    }
  }

  /** Executes a claimed run to its end; never throws. */
  async execute(
    run: RunRecord,
    connection: ConnectionRecord,
    signal: AbortSignal,
  ): Promise<RunOutcome> {
    const logger = this.deps.logger.child({
      connection: connection.name,
      runId: run.id,
    });
    logger.info(`JumpCloud sync started (${run.trigger.type})`);
    // What the run reported last: a failed run's outcome keeps its counts.
    let latest: Omit<RunPipelineProgress, 'force'> = {
      stage: 'fetch',
      counts: {},
      requests: 0,
    };
    let outcome: RunOutcome;
    try {
      const target = await this.deps.targets.target(connection).catch(error => {
        throw new StageError('fetch', toErrorDetail(error));
      });
      const result = await this.#executor.execute(
        {
          runId: run.id,
          startedAt: run.startedAt,
          connection: {
            id: connection.id,
            name: connection.name,
            orgId: connection.orgId,
          },
          target,
          expectedEntities: await expectedEntities(
            this.deps.runs,
            connection.id,
          ),
          previous: await this.#previousApplied(connection),
          baseRunId: connection.snapshotRunId,
        },
        {
          signal,
          onProgress: ({ force: _force, ...progress }) => {
            latest = progress;
          },
        },
      );
      if (result.status === 'not_applied') {
        outcome = {
          status: 'failed',
          stage: 'fetch',
          counts: result.counts,
          failedDataTypes: result.failures,
          coverage: result.coverage,
          error: essentialError(result.failures),
          requests: result.requests,
        };
        await this.#finish(run, connection, outcome, notAppliedReason(result));
        await this.deps.snapshots.deleteRun(run.id).catch(() => {});
        logger.warn(
          `JumpCloud sync not applied: ${Object.keys(result.failures).join(
            ', ',
          )} could not be read`,
        );
        return outcome;
      }
      const gaps = passingFailures(result.coverage);
      outcome = {
        status: gaps.length > 0 ? 'partial' : 'succeeded',
        stage: null,
        counts: result.counts,
        failedDataTypes: result.failures,
        coverage: result.coverage,
        error: null,
        requests: result.requests,
        findingChanges: result.findingChanges ?? null,
      };
      await this.#apply(run, connection, outcome, gaps, logger);
      return outcome;
    } catch (error) {
      const failed =
        error instanceof StageError
          ? error
          : new StageError(latest.stage, toErrorDetail(error));
      outcome = {
        status: 'failed',
        stage: failed.stage,
        counts: latest.counts,
        failedDataTypes: {},
        error: failed.detail,
        requests: latest.requests,
      };
      logger.warn(
        `JumpCloud sync failed in ${failed.stage}: ${failed.detail.kind}: ${failed.detail.message}`,
      );
      await this.#finish(
        run,
        connection,
        outcome,
        describeError(failed.detail),
      ).catch(e => logger.error(`Could not record the failed sync: ${e}`));
      await this.deps.snapshots.deleteRun(run.id).catch(() => {});
      return outcome;
    }
  }

  /** The connection's latest applied run, whose rows a run with gaps keeps. */
  async #previousApplied(connection: ConnectionRecord) {
    const runId = connection.latestCompleteRunId;
    if (!runId) return null;
    const coverage = await this.deps.runs.coverageOf([runId]);
    return { runId, coverage: coverage.get(runId) ?? {} };
  }

  /** Connections whose Sync Now run waits for a process to take it. */
  queuedConnections(limit: number): Promise<string[]> {
    return this.deps.runs.queuedConnections(limit);
  }

  /** Closes runs whose process died (no heartbeat) as failed. */
  async closeStaleRuns(): Promise<number> {
    const threshold = new Date(
      Date.now() - this.#options.staleAfterMs,
    ).toISOString();
    const stale = await this.deps.runs.findStale(threshold);
    for (const run of stale) {
      const detail: ErrorDetail = {
        kind: 'internal',
        message: run.claimedBy
          ? 'The backend process running this sync stopped before it finished'
          : 'The sync was queued but never started',
      };
      await this.deps.knex.transaction(async trx => {
        await this.deps.runs.finish(
          run.id,
          {
            status: 'failed',
            stage: run.stage,
            counts: run.counts,
            failedDataTypes: {},
            error: detail,
            requests: run.requests,
          },
          trx,
        );
        await mirrorFinishedRun(this.deps, run.id, trx);
      });
      await this.deps.snapshots.deleteRun(run.id).catch(() => {});
      // Its process died mid-turn: any live replica takes the connection over.
      if (run.claimedBy) await this.schedule.makeDue(run.connectionId);
      this.deps.logger.warn(
        `Closed stale JumpCloud sync run ${run.id} of ${run.connectionName} as failed`,
      );
    }
    return stale.length;
  }

  /** Applies a complete run and logs it, with where the time went. */
  async #apply(
    run: RunRecord,
    connection: ConnectionRecord,
    outcome: RunOutcome,
    gaps: ReturnType<typeof passingFailures>,
    logger: LoggerService,
  ): Promise<void> {
    const started = Date.now();
    await this.#finish(run, connection, outcome, gapsReason(gaps), true);
    const applied = `applied in ${Date.now() - started} ms`;
    const after = `${applied}, ${await afterApplied(
      this.deps,
      connection,
      run.id,
      logger,
    )}`;
    const unavailable = Object.entries(outcome.coverage ?? {}).filter(
      ([, entry]) => entry.state !== 'complete' && entry.state !== 'failed',
    );
    if (unavailable.length > 0)
      logger.info(
        `Not available to this connection: ${unavailable
          .map(([type, entry]) => `${type} (${entry.state})`)
          .join(', ')}`,
      );
    if (gaps.length > 0)
      logger.warn(
        `JumpCloud sync applied with gaps: ${gapsReason(gaps)}; ${after}`,
      );
    else
      logger.info(
        `JumpCloud sync succeeded in ${outcome.requests} requests; ${after}`,
      );
  }

  async #finish(
    run: RunRecord,
    connection: ConnectionRecord,
    outcome: RunOutcome,
    statusReason: string | null,
    complete = false,
  ) {
    await this.deps.knex.transaction(async trx => {
      await this.deps.runs.finish(run.id, outcome, trx);
      await mirrorFinishedRun(this.deps, run.id, trx);
      // Only a complete run moves the pointer downstream readers follow,
      // and its rows become the connection's in the same transaction.
      const snapshotRunId = complete
        ? await this.deps.snapshots.apply(trx, {
            runId: run.id,
            baseRunId: connection.snapshotRunId,
          })
        : undefined;
      await this.deps.connections.update(
        connection.id,
        complete
          ? { latestCompleteRunId: run.id, snapshotRunId, statusReason }
          : { statusReason },
        trx,
      );
    });
    await this.deps.notifier?.runFinished({ run, connection, outcome });
  }
}
