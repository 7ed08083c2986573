import {
  coverageStateOf,
  type ErrorDetail,
  type RunCoverage,
  type RunFindingChanges,
  type SyncStage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  isEssentialDataType,
  SNAPSHOT_DATA_TYPES,
  type OrgSnapshot,
  type SnapshotDataType,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { bindingsInMemory } from '../checks/snapshotIndex';
import type { RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';
import { canKeepRows } from '../snapshot/dataTypeRows';
import { nowIso } from '../database/util';
import { toErrorDetail } from '../jumpcloud/errorDetail';
import type {
  JumpCloudGateway,
  JumpCloudTarget,
} from '../jumpcloud/JumpCloudGateway';
import type { RunEvaluator } from '../evaluation/RunEvaluator';
import type { FindingChanges } from '../evaluation/sealFindings';
import type { CompleteRunContext } from '../evaluation/types';
import {
  RunProgressRecorder,
  type ProgressTiming,
} from './RunProgressRecorder';

/** What one run's pipeline needs to know; plain data, so it can go to a worker. */
export interface RunPipelineInput {
  runId: string;
  startedAt: string;
  connection: { id: string; name: string; orgId: string | null };
  target: JumpCloudTarget;
  /** Devices and users the connection's recent runs saw (0 if none): the org's size. */
  expectedEntities: number;
  /**
   * The connection's latest applied run, whose rows of a supplementary data
   * type this run keeps when it cannot read that type itself.
   */
  previous: { runId: string; coverage: RunCoverage } | null;
  /**
   * The label of the connection's applied rows, which this run is stored
   * against (see RunDelta); null before its first applied run.
   */
  baseRunId: string | null;
}

export interface RunPipelineProgress {
  stage: SyncStage;
  counts: Record<string, number>;
  requests: number;
  /** Stage changes are recorded at once; counts at most every progressIntervalMs. */
  force: boolean;
}

export interface RunPipelineHooks {
  signal: AbortSignal;
  onProgress(progress: RunPipelineProgress): void;
}

/**
 * How a pipeline that did not throw ended: `applied` when devices and users
 * (and what the catalog needs with them) were read completely, whatever
 * supplementary data was missing; `not_applied` otherwise (nothing stored
 * stays, nothing downstream changes).
 */
export interface RunPipelineResult {
  status: 'applied' | 'not_applied';
  counts: Record<string, number>;
  requests: number;
  /** Data types not read completely, and why. */
  failures: Record<string, ErrorDetail>;
  coverage: RunCoverage;
  /** What sealing the run did to the findings (applied runs with an evaluator). */
  findingChanges?: RunFindingChanges | null;
}

/** Raised inside a run to carry the stage it failed in. */
export class StageError extends Error {
  constructor(readonly stage: SyncStage, readonly detail: ErrorDetail) {
    super(detail.message);
  }
}

/**
 * Runs a claimed run's work, recording its progress and heartbeat (in this
 * thread or a worker thread): the sync engine around it claims, records the
 * outcome and publishes.
 */
export interface RunExecutor {
  /** Rejects with a StageError; other rejections are internal failures. */
  execute(
    input: RunPipelineInput,
    hooks: RunPipelineHooks,
  ): Promise<RunPipelineResult>;
}

export interface RunPipelineDeps {
  snapshots: SnapshotWriter;
  gateway: JumpCloudGateway;
  evaluator?: RunEvaluator;
}

/**
 * fetch → store → evaluate → seal of one run. Bulk rows are stored as they
 * arrive; a partial or failed run leaves its rows for the engine to delete,
 * so nothing downstream changes.
 */
export async function runPipeline(
  deps: RunPipelineDeps,
  input: RunPipelineInput,
  hooks: RunPipelineHooks,
): Promise<RunPipelineResult> {
  let stage: SyncStage = 'fetch';
  let counts: Record<string, number> = {};
  let requests = 0;
  const report = (force: boolean) =>
    hooks.onProgress({ stage, counts: { ...counts }, requests, force });
  const enter = (next: SyncStage) => {
    stage = next;
    report(true);
  };
  try {
    let storeError: unknown;
    const storeFailed = () =>
      new StageError('store', toErrorDetail(storeError, 'database'));
    const delta = deps.snapshots.delta({
      runId: input.runId,
      baseRunId: input.baseRunId,
    });
    const rowSinks = noteFailures(
      deps.snapshots.rowSinks(delta, input.connection.id),
      error => {
        storeError ??= error;
      },
    );
    const fetched = await deps.gateway
      .fetchSnapshot(input.target, {
        signal: hooks.signal,
        onProgress: (dataType, fetchedCount) => {
          counts[dataType] = fetchedCount;
          report(false);
        },
        rowSinks,
      })
      .catch(error => {
        throw storeError
          ? storeFailed()
          : new StageError('fetch', toErrorDetail(error));
      });
    if (storeError) throw storeFailed();
    counts = { ...fetched.counts };
    requests = fetched.requests;
    const failures = Object.fromEntries(
      Object.entries(fetched.failures).map(([type, error]) => [
        type,
        toErrorDetail(error),
      ]),
    );
    const coverage = coverageOf(failures);
    if (Object.keys(failures).some(isEssentialDataType)) {
      return { status: 'not_applied', counts, requests, failures, coverage };
    }

    enter('store');
    await deps.snapshots
      .write(delta, input.connection.id, fetched.snapshot, async () => {
        report(false);
        if (hooks.signal.aborted) throw new Error('The sync was cancelled');
      })
      .then(() => {
        keepLastCompleteRows(input, coverage, fetched.snapshot);
        releaseStoredRows(fetched.snapshot);
        return deps.snapshots.closeRun(delta, coverage);
      })
      .catch(error => {
        throw new StageError('store', toErrorDetail(error, 'database'));
      });

    const context: CompleteRunContext = {
      connectionId: input.connection.id,
      connectionName: input.connection.name,
      orgId:
        input.connection.orgId ?? fetched.snapshot.organization?._id ?? null,
      runId: input.runId,
      startedAt: input.startedAt,
      finishedAt: nowIso(),
      snapshot: fetched.snapshot,
      counts,
      coverage,
      rowsStored: {
        access:
          fetched.access ??
          bindingsInMemory(fetched.snapshot.userSystemBindings),
        delta,
      },
    };
    if (deps.evaluator) {
      enter('evaluate');
      const evaluation = await deps.evaluator.evaluate(context).catch(error => {
        throw new StageError('evaluate', toErrorDetail(error));
      });
      releaseAfterEvaluate(fetched.snapshot);
      enter('seal');
      const sealed = await deps.evaluator
        .seal(context, evaluation)
        .catch(error => {
          throw new StageError('seal', toErrorDetail(error));
        });
      return {
        status: 'applied',
        counts,
        requests,
        failures,
        coverage,
        findingChanges: findingChangesOf(sealed.findingChanges),
      };
    }
    return { status: 'applied', counts, requests, failures, coverage };
  } catch (error) {
    throw error instanceof StageError
      ? error
      : new StageError(stage, toErrorDetail(error));
  }
}

/**
 * What the run did to the findings, as History shows it beside what the
 * run read. A reopened finding is opened again, as an admin reads it.
 */
function findingChangesOf(
  changes: FindingChanges | null,
): RunFindingChanges | null {
  if (!changes) return null;
  return {
    opened: changes.opened + changes.reopened,
    resolved: changes.resolved,
  };
}

/** Every data type: complete, or why not (402 and 403 are lasting states). */
function coverageOf(failures: Record<string, ErrorDetail>): RunCoverage {
  const coverage: RunCoverage = {};
  for (const type of SNAPSHOT_DATA_TYPES) {
    const error = failures[type];
    coverage[type] = error
      ? { state: coverageStateOf(error), error }
      : { state: 'complete' };
  }
  return coverage;
}

/**
 * For each supplementary type this run could not read, notes the run whose
 * rows of it the connection keeps (the previous applied run that read it,
 * or the one it kept them from): readers show its last complete value,
 * marked with that run (closeRun keeps the rows themselves). The checks
 * reading it are still not evaluated (see partitionByCoverage).
 */
function keepLastCompleteRows(
  input: RunPipelineInput,
  coverage: RunCoverage,
  snapshot: OrgSnapshot,
) {
  const previous = input.previous;
  for (const [type, entry] of Object.entries(coverage)) {
    if (entry.state === 'complete') continue;
    clearSnapshotType(snapshot, type as SnapshotDataType);
    if (!canKeepRows(type) || !previous) continue;
    const before = previous.coverage[type];
    const source =
      !before || before.state === 'complete'
        ? previous.runId
        : before.keptFromRunId;
    if (source) entry.keptFromRunId = source;
  }
}

/** Drops what was read of an incomplete type, so no check reads a part. */
function clearSnapshotType(snapshot: OrgSnapshot, type: SnapshotDataType) {
  if (type === 'organization') snapshot.organization = null;
  else if (type === 'systemInsights') snapshot.systemInsights = {};
  else (snapshot as unknown as Record<string, unknown[]>)[type] = [];
}

/** What an executor needs to record its runs' progress. */
export interface ProgressRecording {
  runs: RunsStore;
  timing: ProgressTiming;
  logger: LoggerService;
}

/** The pipeline, with its progress and heartbeat recorded as it goes. */
export async function runRecordedPipeline(
  deps: RunPipelineDeps & ProgressRecording,
  input: RunPipelineInput,
  hooks: RunPipelineHooks,
): Promise<RunPipelineResult> {
  const recorder = new RunProgressRecorder(
    deps.runs,
    input.runId,
    deps.timing,
    deps.logger.child({
      connection: input.connection.name,
      runId: input.runId,
    }),
  );
  try {
    return await runPipeline(deps, input, {
      signal: hooks.signal,
      onProgress: progress => {
        recorder.update(progress);
        hooks.onProgress(progress);
      },
    });
  } finally {
    await recorder.stop();
  }
}

/** Runs the pipeline in the calling thread. */
export class InProcessRunExecutor implements RunExecutor {
  constructor(private readonly deps: RunPipelineDeps & ProgressRecording) {}

  execute(input: RunPipelineInput, hooks: RunPipelineHooks) {
    return runRecordedPipeline(this.deps, input, hooks);
  }
}

/**
 * Devices and users, once stored: the checks and the seal read them back a
 * page at a time, so a large org's raw objects are not held (and traced by
 * every collection) through evaluate and seal.
 */
function releaseStoredRows(snapshot: OrgSnapshot) {
  snapshot.systems = [];
  snapshot.users = [];
}

/**
 * Sealing reads devices, users, admins and groups (with their members):
 * a large org's events, evaluated by now, are let go before the seal's own
 * allocations.
 */
function releaseAfterEvaluate(snapshot: OrgSnapshot) {
  snapshot.directoryEvents = [];
}

/** The same sinks, each telling `onFailure` of its rejection before passing it on. */
function noteFailures<
  Sinks extends Record<string, (...args: never[]) => Promise<void>>,
>(sinks: Sinks, onFailure: (error: unknown) => void): Sinks {
  return Object.fromEntries(
    Object.entries(sinks).map(([dataType, sink]) => [
      dataType,
      async (...args: never[]) => {
        try {
          await sink(...args);
        } catch (error) {
          onFailure(error);
          throw error;
        }
      },
    ]),
  ) as Sinks;
}
