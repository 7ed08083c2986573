import type { ConnectionRecord } from '../connections/ConnectionsStore';
import type { RunOutcome, RunRecord } from '../runs/RunsStore';

/** A run the engine finished and recorded, as a listener hears of it. */
export interface FinishedRun {
  run: RunRecord;
  /** The connection as the run started: `latestCompleteRunId` is the previous one. */
  connection: ConnectionRecord;
  outcome: RunOutcome;
}

/** Hears of each run the engine finished (notifications); must never throw. */
export interface RunFinishedListener {
  runFinished(finished: FinishedRun): Promise<void>;
}
