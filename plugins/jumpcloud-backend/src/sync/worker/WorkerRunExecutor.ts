import type { ErrorDetail } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Worker } from 'node:worker_threads';
import {
  StageError,
  type RunExecutor,
  type RunPipelineHooks,
  type RunPipelineInput,
  type RunPipelineResult,
} from '../RunPipeline';
import type {
  SyncWorkerCommand,
  SyncWorkerData,
  SyncWorkerMessage,
} from './messages';
import { heapLimitFor } from './heapLimit';
import { runSyncWorker, syncWorkerFile } from './syncWorker';

export interface WorkerRunExecutorOptions
  extends Omit<SyncWorkerData, 'input'> {
  /**
   * The worker's V8 old-generation limit in MB: the sync's memory ceiling.
   * Without it, sized from the org (heapLimitFor).
   */
  maxHeapMb?: number;
  logger: LoggerService;
  /** How long a cancelled run may take to stop before it is terminated. */
  abortGraceMs?: number;
  /** Lets a caller watch each run's worker, e.g. sample its heap. */
  onWorkerStarted?: (worker: Worker) => void;
  /**
   * Deletes what a run stored so far, so that a run whose worker outgrew a
   * limit sized from the org can start again with twice the limit.
   */
  discardRun?: (runId: string) => Promise<void>;
  /** The limit for an org of this many devices and users, when none is set. */
  sizeHeap?: (entities: number) => number;
}

/** The worker ran out of heap. */
class HeapLimitError extends StageError {}

/**
 * Runs each sync in a worker thread of its own, with a heap limit: a large
 * org's sync allocates fast, and in the backend's own heap V8 would let that
 * grow to several times what is live, and its CPU-heavy steps would hold up
 * the backend's requests. The worker's memory is returned when it ends.
 */
export class WorkerRunExecutor implements RunExecutor {
  constructor(private readonly options: WorkerRunExecutorOptions) {}

  async execute(
    input: RunPipelineInput,
    hooks: RunPipelineHooks,
  ): Promise<RunPipelineResult> {
    const { maxHeapMb, discardRun, sizeHeap = heapLimitFor } = this.options;
    const sized = maxHeapMb ?? sizeHeap(input.expectedEntities);
    try {
      return await this.#attempt(input, hooks, sized);
    } catch (error) {
      // A limit sized from earlier runs' counts may be too small for this
      // org (a first sync has none): one more go with twice the limit.
      if (
        !(error instanceof HeapLimitError) ||
        maxHeapMb !== undefined ||
        !discardRun ||
        hooks.signal.aborted
      ) {
        throw error;
      }
      this.options.logger.warn(
        `JumpCloud sync of ${
          input.connection.name
        } outgrew its ${sized} MB heap limit in ${
          error.stage
        }; starting it again with ${sized * 2} MB`,
      );
      await discardRun(input.runId);
      return this.#attempt(input, hooks, sized * 2);
    }
  }

  #attempt(
    input: RunPipelineInput,
    hooks: RunPipelineHooks,
    maxHeapMb: number,
  ): Promise<RunPipelineResult> {
    const {
      logger,
      abortGraceMs = 30_000,
      onWorkerStarted,
      maxHeapMb: _configured,
      discardRun: _discard,
      sizeHeap: _sizeHeap,
      ...setup
    } = this.options;
    const workerData: SyncWorkerData = { ...setup, input };
    const log = logger.child({
      connection: input.connection.name,
      runId: input.runId,
    });
    return new Promise((resolve, reject) => {
      let stage: StageError['stage'] = 'fetch';
      let settled: { result: RunPipelineResult } | { error: Error } | undefined;
      const worker = new Worker(workerScript(), {
        eval: true,
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
      onWorkerStarted?.(worker);
      const fail = (detail: ErrorDetail) => {
        settled ??= { error: new StageError(stage, detail) };
      };

      worker.on('message', (message: SyncWorkerMessage) => {
        switch (message.type) {
          case 'progress':
            stage = message.progress.stage;
            hooks.onProgress(message.progress);
            break;
          case 'log':
            log[message.level](message.message, message.meta);
            break;
          case 'result':
            settled ??= { result: message.result };
            break;
          case 'failed':
            stage = message.stage;
            fail(message.detail);
            break;
          default:
        }
      });
      worker.on('error', (error: Error) => {
        if (
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ) {
          settled ??= {
            error: new HeapLimitError(stage, {
              kind: 'internal',
              message: `The sync needed more than its memory limit of ${maxHeapMb} MB; jumpcloud.sync.worker.maxHeapMb sets it`,
            }),
          };
        }
        fail({
          kind: 'internal',
          message: `The sync worker failed: ${error.message}`,
        });
      });

      let terminateTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        worker.postMessage({ type: 'abort' } satisfies SyncWorkerCommand);
        terminateTimer = setTimeout(() => {
          fail({ kind: 'internal', message: 'The sync was cancelled' });
          void worker.terminate();
        }, abortGraceMs);
      };
      if (hooks.signal.aborted) onAbort();
      else hooks.signal.addEventListener('abort', onAbort, { once: true });

      // Settles on exit, so the worker's memory is gone before the next run.
      worker.on('exit', code => {
        clearTimeout(terminateTimer);
        hooks.signal.removeEventListener('abort', onAbort);
        fail({
          kind: 'internal',
          message: `The sync worker stopped before it finished (exit code ${code})`,
        });
        if ('result' in settled!) resolve(settled.result);
        else reject(settled!.error);
      });
    });
  }
}

/**
 * The worker's program: requires this plugin's worker module and calls its
 * entry (named from the function itself, so bundling keeps the two
 * together). From TypeScript sources (development, tests) it first installs
 * Backstage CLI's transform, unless the thread has one.
 */
function workerScript(): string {
  const transform = syncWorkerFile.endsWith('.ts')
    ? `if (!require.extensions['.ts']) require(${JSON.stringify(
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      )});`
    : '';
  return `${transform}require(${JSON.stringify(syncWorkerFile)}).${
    runSyncWorker.name
  }();`;
}
