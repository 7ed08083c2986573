import {
  JUMPCLOUD_SIGNAL_CHANNELS,
  type JumpCloudConnectionSignal,
  type JumpCloudHistorySignal,
  type JumpCloudRunSignal,
  type SyncStage,
  type SyncStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { toErrorDetail } from '../jumpcloud/errorDetail';
import { LatestPerKeyThrottle } from './LatestPerKeyThrottle';

/** The run a signal is about. */
export interface SignalledRun {
  id: string;
  connectionId: string;
}

/**
 * Tells open browsers that connections, runs or History changed, through
 * Backstage signals (see JUMPCLOUD_SIGNAL_CHANNELS). Messages carry ids only:
 * they are broadcast, and the views refetch through the REST API, which
 * checks permissions. Publishing never waits and never throws: a failing
 * event bus costs live updates, never a sync or a request.
 */
export class SyncSignals {
  readonly #progress: LatestPerKeyThrottle<JumpCloudRunSignal>;
  #warned = false;

  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    /** At most one progress signal per run this often (the final one always goes). */
    progressIntervalMs = 1000,
  ) {
    this.#progress = new LatestPerKeyThrottle(progressIntervalMs, message =>
      this.#publish(JUMPCLOUD_SIGNAL_CHANNELS.run(message.runId), message),
    );
  }

  connectionChanged(
    connectionId: string,
    change: JumpCloudConnectionSignal['change'] = 'changed',
  ): void {
    this.#publish(JUMPCLOUD_SIGNAL_CHANNELS.connections, {
      kind: 'connection',
      connectionId,
      change,
    } satisfies JumpCloudConnectionSignal);
  }

  historyWritten(connectionId: string | null, runId: string | null): void {
    this.#publish(JUMPCLOUD_SIGNAL_CHANNELS.history, {
      kind: 'history',
      connectionId,
      runId,
    } satisfies JumpCloudHistorySignal);
  }

  /** A run was queued or started: its connection's card shows it. */
  runStarted(run: SignalledRun): void {
    this.runProgress(run, null);
    this.connectionChanged(run.connectionId);
  }

  runProgress(run: SignalledRun, stage: SyncStage | null): void {
    this.#progress.offer(run.id, runSignal(run, 'running', stage));
  }

  /**
   * A run ended (its outcome committed): the run's followers, its
   * connection's card and its History row change.
   */
  runFinished(
    run: SignalledRun,
    status: SyncStatus,
    stage: SyncStage | null,
  ): void {
    this.#progress.finish(run.id, runSignal(run, status, stage));
    this.connectionChanged(run.connectionId);
    this.historyWritten(run.connectionId, run.id);
  }

  #publish(
    channel: string,
    message:
      | JumpCloudRunSignal
      | JumpCloudConnectionSignal
      | JumpCloudHistorySignal,
  ): void {
    if (!this.signals) return;
    this.signals
      .publish({ recipients: { type: 'broadcast' }, channel, message })
      .catch(error => {
        // Once at warn: a broken bus would otherwise log every second.
        const log = this.#warned ? this.logger.debug : this.logger.warn;
        this.#warned = true;
        log.call(
          this.logger,
          `Could not publish a JumpCloud signal on ${channel} (open JumpCloud pages will not update live): ${
            toErrorDetail(error).message
          }`,
        );
      });
  }
}

function runSignal(
  run: SignalledRun,
  status: SyncStatus,
  stage: SyncStage | null,
): JumpCloudRunSignal {
  return {
    kind: 'run',
    connectionId: run.connectionId,
    runId: run.id,
    status,
    stage,
  };
}
