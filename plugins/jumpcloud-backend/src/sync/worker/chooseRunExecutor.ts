import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import type { JumpCloudConfig } from '../../config/readJumpCloudConfig';
import type { ClientGatewayOptions } from '../../jumpcloud/ClientJumpCloudGateway';
import {
  InProcessRunExecutor,
  type RunExecutor,
  type RunPipelineDeps,
} from '../RunPipeline';
import type { RunsStore } from '../../runs/RunsStore';
import type { ProgressTiming } from '../RunProgressRecorder';
import {
  FIRST_SYNC_HEAP_MB,
  HEAP_MB_PER_40K_ENTITIES,
  MIN_HEAP_MB,
} from './heapLimit';
import { workerDatabaseConfig } from './workerDatabaseConfig';
import { WorkerRunExecutor } from './WorkerRunExecutor';

export interface ChooseRunExecutorOptions {
  knex: Knex;
  jumpcloudConfig: JumpCloudConfig;
  /** Root config, for the checks' thresholds. */
  config?: Config;
  /**
   * How the standard JumpCloud client is built, when the pipeline's gateway
   * is that client: a worker can then build its own. Without it runs stay
   * in this thread.
   */
  clientOptions?: Omit<ClientGatewayOptions, 'logger'>;
  hasCustomChecks: boolean;
  inProcess: RunPipelineDeps & { runs: RunsStore };
  timing: ProgressTiming;
  logger: LoggerService;
}

/**
 * A worker thread per run where one can do the same work as this thread;
 * this thread otherwise, saying why once at start-up.
 */
export function chooseRunExecutor(
  options: ChooseRunExecutorOptions,
): RunExecutor {
  const { worker, batchSize } = options.jumpcloudConfig.sync;
  const database = workerDatabaseConfig(options.knex);
  const reason = whyNotInWorker(options, database);
  if (reason !== undefined || !('config' in database)) {
    options.logger.info(
      `JumpCloud syncs run in the backend's thread: ${reason}`,
    );
    return new InProcessRunExecutor({
      ...options.inProcess,
      timing: options.timing,
      logger: options.logger,
    });
  }
  options.logger.info(
    `JumpCloud syncs run in worker threads with a heap limit of ${
      worker.maxHeapMb !== undefined
        ? `${worker.maxHeapMb} MB`
        : `${HEAP_MB_PER_40K_ENTITIES} MB per 40,000 devices and users (at least ${MIN_HEAP_MB} MB; ${FIRST_SYNC_HEAP_MB} MB for a connection's first sync)`
    }`,
  );
  return new WorkerRunExecutor({
    database: database.config,
    batchSize,
    gateway: options.clientOptions ?? {},
    checksConfig:
      (options.config?.getOptional('jumpcloud.checks') as JsonObject) ?? null,
    maxHeapMb: worker.maxHeapMb,
    discardRun: runId => options.inProcess.snapshots.deleteRun(runId),
    timing: options.timing,
    logger: options.logger,
  });
}

function whyNotInWorker(
  options: ChooseRunExecutorOptions,
  database: ReturnType<typeof workerDatabaseConfig>,
): string | undefined {
  if (!options.jumpcloudConfig.sync.worker.enabled)
    return 'jumpcloud.sync.worker.enabled is false';
  if (!options.clientOptions)
    return 'the JumpCloud gateway is not the standard client';
  if (options.hasCustomChecks)
    return 'custom checks are registered, and they cannot be sent to another thread';
  return 'reason' in database ? database.reason : undefined;
}
