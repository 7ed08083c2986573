/** The sync engine's timing. */
export interface SyncEngineOptions {
  /** A run without a heartbeat for this long is considered dead. */
  staleAfterMs: number;
  /** How often a live run proves it is alive. */
  heartbeatMs: number;
  /** Minimum spacing of progress writes. */
  progressIntervalMs: number;
}

export const DEFAULT_SYNC_ENGINE_OPTIONS: SyncEngineOptions = {
  staleAfterMs: 120_000,
  heartbeatMs: 15_000,
  progressIntervalMs: 1_000,
};
