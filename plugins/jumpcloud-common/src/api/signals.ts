import type { SyncStage, SyncStatus } from './connections';

/**
 * Signal channels the JumpCloud backend publishes on (with
 * `@backstage/plugin-signals-node`) and the frontend listens to. Signals go
 * to every signed-in user, so a message carries only ids and what changed:
 * a view that hears one refetches through the REST API, which checks
 * permissions.
 *
 * @public
 */
export const JUMPCLOUD_SIGNAL_CHANNELS = {
  /** A connection was created, changed, deleted, or its status moved (a run started or ended). */
  connections: 'jumpcloud:connections',
  /** A History row was written (an action started or ended). */
  history: 'jumpcloud:history',
  /** One run's progress: its stage moved, counts grew (at most once a second), or it ended. */
  run: (runId: string) => `jumpcloud:run:${runId}`,
} as const;

/**
 * On `jumpcloud:connections`.
 *
 * @public
 */
export type JumpCloudConnectionSignal = {
  kind: 'connection';
  connectionId: string;
  change: 'changed' | 'deleted';
};

/**
 * On `jumpcloud:history`; the ids are null when the action had none.
 *
 * @public
 */
export type JumpCloudHistorySignal = {
  kind: 'history';
  connectionId: string | null;
  runId: string | null;
};

/**
 * On `jumpcloud:run:<runId>`.
 *
 * @public
 */
export type JumpCloudRunSignal = {
  kind: 'run';
  connectionId: string;
  runId: string;
  status: SyncStatus;
  stage: SyncStage | null;
};

/** @public */
export type JumpCloudSignal =
  | JumpCloudConnectionSignal
  | JumpCloudHistorySignal
  | JumpCloudRunSignal;
