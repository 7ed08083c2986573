import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RunsStore } from '../runs/RunsStore';
import { toErrorDetail } from '../jumpcloud/errorDetail';
import type { RunPipelineProgress } from './RunPipeline';

export interface ProgressTiming {
  /** How often a live run proves it is alive. */
  heartbeatMs: number;
  /** Minimum spacing of progress writes. */
  progressIntervalMs: number;
}

/**
 * Writes a running run's progress and heartbeat, from the thread that does
 * the run's work: a run whose work stops stops proving it is alive, and on
 * SQLite the writes queue behind the run's own instead of contending with
 * them for the file's lock.
 */
export class RunProgressRecorder {
  #latest: Omit<RunPipelineProgress, 'force'> = {
    stage: 'fetch',
    counts: {},
    requests: 0,
  };
  #lastWrite = 0;
  #inFlight: Promise<void> = Promise.resolve();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(
    private readonly runs: RunsStore,
    private readonly runId: string,
    private readonly timing: ProgressTiming,
    private readonly logger: LoggerService,
  ) {
    this.#heartbeat = setInterval(() => this.#write(), timing.heartbeatMs);
  }

  update({ force, ...progress }: RunPipelineProgress): void {
    this.#latest = progress;
    if (force || Date.now() - this.#lastWrite >= this.timing.progressIntervalMs)
      this.#write();
  }

  /** Stops the heartbeat once the last write has landed. */
  async stop(): Promise<void> {
    clearInterval(this.#heartbeat);
    await this.#inFlight;
  }

  #write() {
    this.#lastWrite = Date.now();
    const progress = this.#latest;
    this.#inFlight = this.#inFlight
      .then(() => this.runs.progress(this.runId, progress))
      .catch(error =>
        this.logger.warn(
          `Could not record sync progress: ${toErrorDetail(error).message}`,
        ),
      );
  }
}
