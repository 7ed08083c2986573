import {
  JUMPCLOUD_CONNECTION_CHANGED_TOPIC,
  JUMPCLOUD_CONNECTION_DELETED_TOPIC,
  type ConnectionEventPayload,
  type SyncTrigger,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Duration } from 'luxon';
import type {
  ConnectionRecord,
  ConnectionsStore,
} from '../connections/ConnectionsStore';
import type { RunRecord } from '../runs/RunsStore';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SyncEngine } from './SyncEngine';

export interface SyncSchedulerDeps {
  scheduler: SchedulerService;
  engine: SyncEngine;
  connections: ConnectionsStore;
  logger: LoggerService;
  /** Longest a run may take before it is aborted. */
  timeout: Duration;
  /** Delay before this replica starts taking syncs after start-up. */
  initialDelay?: Duration;
  /** Syncs this replica runs at once. Default 4. */
  maxConcurrentRuns?: number;
  /** How often this replica looks for due connections. Default 5 s. */
  pollInterval?: Duration;
}

/** The local task through which each replica takes due syncs. */
export const SYNC_CLAIM_TASK_ID = 'jumpcloud-sync-claims';

const DEFAULT_MAX_CONCURRENT_RUNS = 4;

/**
 * Every replica takes due connections itself, as many as it has free sync
 * slots, from the schedule in the database (a local scheduled task polls it;
 * a finished run looks again at once). A scheduled task per connection
 * would not spread: whichever replica's scheduler polls first claims every
 * due task and runs them all. The one-running-run index keeps a connection
 * to one run at a time across replicas.
 */
export class SyncScheduler {
  readonly #active = new Map<string, AbortController>();
  readonly #maxConcurrentRuns: number;
  #claimTask: AbortController | undefined;
  #filling: Promise<void> | undefined;
  #fillAgain = false;
  /** When this replica starts taking syncs (after its initial delay). */
  #claimingFrom = Infinity;

  constructor(private readonly deps: SyncSchedulerDeps) {
    this.#maxConcurrentRuns =
      deps.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS;
  }

  /**
   * Follows connection changes as they are announced (on this replica, and
   * on every replica when an events backend relays them); the maintenance
   * task's reconcile catches anything missed.
   */
  async follow(events: EventsService): Promise<void> {
    await events.subscribe({
      id: 'jumpcloud-sync-schedules',
      topics: [
        JUMPCLOUD_CONNECTION_CHANGED_TOPIC,
        JUMPCLOUD_CONNECTION_DELETED_TOPIC,
      ],
      onEvent: async ({ topic, eventPayload }) => {
        const { connectionId } = eventPayload as ConnectionEventPayload;
        const connection =
          topic === JUMPCLOUD_CONNECTION_DELETED_TOPIC
            ? undefined
            : await this.deps.connections.get(connectionId);
        if (connection) await this.ensure(connection);
        else await this.#forget(connectionId);
      },
    });
  }

  /**
   * Keeps the connection's turn in the shared schedule. A frequency change
   * or disabling does not cancel the sync in progress.
   */
  async ensure(connection: ConnectionRecord): Promise<void> {
    await this.#startClaiming();
    if (connection.enabled) {
      await this.deps.engine.schedule.ensure(
        connection.id,
        connection.syncFrequency,
      );
    } else {
      await this.deps.engine.schedule.remove(connection.id);
    }
  }

  /** Makes the schedule match the stored connections (start-up, periodic). */
  async reconcile(): Promise<void> {
    const connections = await this.deps.connections.list();
    for (const connection of connections) {
      try {
        await this.ensure(connection);
      } catch (error) {
        this.deps.logger.error(
          `Could not schedule JumpCloud sync of ${connection.name}: ${error}`,
        );
      }
    }
    await this.deps.engine.schedule.keepOnly(connections.map(c => c.id));
    for (const id of [...this.#active.keys()]) {
      if (!connections.some(c => c.id === id)) this.#abort(id);
    }
  }

  /** Runs this replica syncs now. */
  get activeConnections(): string[] {
    return [...this.#active.keys()];
  }

  /** Sync Now: queue a run (or find the running one) for a replica to take. */
  async syncNow(
    connection: ConnectionRecord,
    trigger: SyncTrigger,
  ): Promise<{ run: RunRecord; created: boolean }> {
    if (!connection.enabled) {
      throw new ConflictError(
        `Connection "${connection.name}" is disabled; enable it to sync`,
      );
    }
    await this.ensure(connection);
    const result = await this.deps.engine.requestRun(connection, trigger);
    // Taken here at once, or by whichever replica polls first.
    if (result.created) this.#fillInBackground();
    return result;
  }

  /** Stops taking syncs and aborts this replica's runs (plugin shutdown). */
  stopAll() {
    this.#claimTask?.abort();
    this.#claimTask = undefined;
    for (const id of [...this.#active.keys()]) this.#abort(id);
  }

  /**
   * Closes runs of dead processes, then takes queued Sync Now runs and due
   * turns for this replica's free slots. Calls while one is under way make
   * it look once more when it ends, so a freed slot is never left idle.
   */
  async fill(): Promise<void> {
    if (this.#filling) {
      this.#fillAgain = true;
      return this.#filling;
    }
    this.#filling = (async () => {
      do {
        this.#fillAgain = false;
        await this.#fillOnce();
      } while (this.#fillAgain && this.#claimTask);
    })().finally(() => {
      this.#filling = undefined;
    });
    return this.#filling;
  }

  async #fillOnce() {
    const { engine } = this.deps;
    if (Date.now() < this.#claimingFrom) return;
    await engine.closeStaleRuns();
    // Someone asked for these: they do not wait for a slot (a queued run
    // nobody takes within staleAfter is closed as never started).
    const queued = await engine.queuedConnections(this.#maxConcurrentRuns);
    for (const id of queued) {
      if (!this.#active.has(id)) this.#run(id, false);
    }
    const free = () => this.#maxConcurrentRuns - this.#active.size;
    const due = await engine.schedule.claimDue(free(), this.#active.keys());
    for (const id of due) this.#run(id, true);
  }

  #run(connectionId: string, scheduled: boolean) {
    const controller = new AbortController();
    const timeout = setTimeout(
      () => controller.abort(),
      this.deps.timeout.as('milliseconds'),
    );
    this.deps.engine
      .runTask(connectionId, controller.signal, { scheduled })
      .catch(error =>
        this.deps.logger.error(
          `JumpCloud sync of connection ${connectionId} failed: ${error}`,
        ),
      )
      .finally(() => {
        clearTimeout(timeout);
        this.#active.delete(connectionId);
        if (this.#claimTask) this.#fillInBackground();
      });
    this.#active.set(connectionId, controller);
  }

  #fillInBackground() {
    this.fill().catch(error =>
      this.deps.logger.warn(`Could not take due JumpCloud syncs: ${error}`),
    );
  }

  async #startClaiming() {
    if (this.#claimTask) return;
    this.#claimTask = new AbortController();
    this.#claimingFrom =
      Date.now() + (this.deps.initialDelay?.as('milliseconds') ?? 0);
    const interval =
      this.deps.pollInterval ?? Duration.fromObject({ seconds: 5 });
    await this.deps.scheduler.scheduleTask({
      id: SYNC_CLAIM_TASK_ID,
      scope: 'local',
      frequency: interval.toObject(),
      timeout: this.deps.timeout.toObject(),
      initialDelay: this.deps.initialDelay?.toObject(),
      signal: this.#claimTask.signal,
      fn: () => this.fill(),
    });
  }

  async #forget(connectionId: string) {
    await this.deps.engine.schedule.remove(connectionId);
    this.#abort(connectionId);
  }

  #abort(connectionId: string) {
    this.#active.get(connectionId)?.abort();
  }
}
