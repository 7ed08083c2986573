import type {
  ErrorDetail,
  SyncStage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import type { ProgressTiming } from '../RunProgressRecorder';
import type {
  RunPipelineInput,
  RunPipelineProgress,
  RunPipelineResult,
} from '../RunPipeline';

/** Everything a sync worker builds its pipeline from: plain, cloneable data. */
export interface SyncWorkerData {
  input: RunPipelineInput;
  /** The plugin database's knex config, for the worker's own connections. */
  database: Knex.Config;
  batchSize: number;
  gateway: {
    requestsPerSecond?: number;
    maxConcurrency?: number;
    requestTimeoutMs?: number;
    directoryInsightsDays?: number;
  };
  /** `jumpcloud.checks` of the app config: thresholds and disabled checks. */
  checksConfig: JsonObject | null;
  /** The worker records the run's progress and heartbeat itself. */
  timing: ProgressTiming;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export type SyncWorkerMessage =
  | { type: 'progress'; progress: RunPipelineProgress }
  | { type: 'log'; level: LogLevel; message: string; meta?: JsonObject }
  | { type: 'result'; result: RunPipelineResult }
  | { type: 'failed'; stage: SyncStage; detail: ErrorDetail };

export type SyncWorkerCommand = { type: 'abort' };
