import type {
  RunExecutor,
  RunPipelineHooks,
  RunPipelineInput,
} from '../sync/RunPipeline';
import type { SyncSignals } from './SyncSignals';

/**
 * A run executor whose runs' progress also goes to open browsers (throttled
 * by SyncSignals). Progress reaches this thread from a worker too, so this
 * works wherever the run executes.
 */
export class SignallingRunExecutor implements RunExecutor {
  constructor(
    private readonly executor: RunExecutor,
    private readonly signals: SyncSignals,
  ) {}

  execute(input: RunPipelineInput, hooks: RunPipelineHooks) {
    const run = { id: input.runId, connectionId: input.connection.id };
    return this.executor.execute(input, {
      ...hooks,
      onProgress: progress => {
        hooks.onProgress(progress);
        this.signals.runProgress(run, progress.stage);
      },
    });
  }
}
