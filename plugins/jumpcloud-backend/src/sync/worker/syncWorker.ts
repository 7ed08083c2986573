import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import knexFactory from 'knex';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { RunsStore } from '../../runs/RunsStore';
import { SnapshotWriter } from '../../snapshot/SnapshotWriter';
import { createFindingsUnits } from '../../evaluation/createFindingsUnits';
import { ClientJumpCloudGateway } from '../../jumpcloud/ClientJumpCloudGateway';
import { toErrorDetail } from '../../jumpcloud/errorDetail';
import { runRecordedPipeline, StageError } from '../RunPipeline';
import { isSqlite, sqliteWorkerPool } from './sqliteSharing';
import type {
  LogLevel,
  SyncWorkerCommand,
  SyncWorkerData,
  SyncWorkerMessage,
} from './messages';

/**
 * The worker thread's side of a sync run: its own database connections,
 * JumpCloud client and checks, running the same pipeline as the engine's
 * thread would, and reporting through messages.
 */
export async function runSyncWorker(): Promise<void> {
  const port = parentPort!;
  const data = workerData as SyncWorkerData;
  const post = (message: SyncWorkerMessage) => port.postMessage(message);
  const abort = new AbortController();
  port.on('message', (command: SyncWorkerCommand) => {
    if (command.type === 'abort') abort.abort();
  });

  const logger = portLogger(port, {});
  const knex = knexFactory({
    ...data.database,
    // The backend keeps its own pool; a run needs a few connections.
    pool: isSqlite(data.database) ? sqliteWorkerPool() : { min: 0, max: 4 },
  });
  try {
    const result = await runRecordedPipeline(
      {
        runs: new RunsStore(knex),
        timing: data.timing,
        logger,
        snapshots: new SnapshotWriter(knex, data.batchSize),
        gateway: new ClientJumpCloudGateway({
          ...data.gateway,
          logger: logger.child({ component: 'jumpcloud-client' }),
        }),
        evaluator: createFindingsUnits({
          knex,
          logger: logger.child({ component: 'jumpcloud-findings' }),
          config: new ConfigReader({
            jumpcloud: data.checksConfig ? { checks: data.checksConfig } : {},
          }),
        }).evaluation,
      },
      data.input,
      {
        signal: abort.signal,
        onProgress: progress => post({ type: 'progress', progress }),
      },
    );
    post({ type: 'result', result });
  } catch (error) {
    const failed =
      error instanceof StageError
        ? error
        : new StageError('fetch', toErrorDetail(error));
    post({ type: 'failed', stage: failed.stage, detail: failed.detail });
  } finally {
    await knex.destroy();
    port.close();
  }
}

/** A LoggerService whose lines are written by the engine's logger. */
function portLogger(port: MessagePort, meta: JsonObject): LoggerService {
  const log = (level: LogLevel) => (message: string, extra?: unknown) =>
    port.postMessage({
      type: 'log',
      level,
      message,
      meta: { ...meta, ...loggableMeta(extra) },
    } satisfies SyncWorkerMessage);
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: childMeta => portLogger(port, { ...meta, ...childMeta }),
  };
}

/** Errors do not survive cloning with their message; say them in words. */
function loggableMeta(extra: unknown): JsonObject {
  if (extra instanceof Error) return { error: String(extra) };
  if (extra && typeof extra === 'object') {
    return Object.fromEntries(
      Object.entries(extra).map(([key, value]) => [
        key,
        value instanceof Error ? String(value) : (value as any),
      ]),
    );
  }
  return {};
}

/** This module's file, which the engine's worker program requires. */
export const syncWorkerFile = __filename;
