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
import type { Duration } from 'luxon';
import type {
  ConnectionRecord,
  ConnectionsStore,
} from '../connections/ConnectionsStore';
import type { RunRecord } from '../runs/RunsStore';
import type { EventsService } from '@backstage/plugin-events-node';
import { toSchedulerFrequency } from '../connections/syncFrequency';
import type { SyncEngine } from './SyncEngine';

interface ScheduledTask {
  key: string;
  controller: AbortController;
  running: boolean;
  abortWhenIdle: boolean;
}

export interface SyncSchedulerDeps {
  scheduler: SchedulerService;
  engine: SyncEngine;
  connections: ConnectionsStore;
  logger: LoggerService;
  timeout: Duration;
  initialDelay?: Duration;
}

/** The scheduled task id of a connection's sync. */
export function syncTaskId(connectionId: string): string {
  return `jumpcloud-sync:${connectionId}`;
}

/**
 * One global scheduled task per enabled connection, kept in step with the
 * connections: the scheduler's lock makes one replica run it at a time.
 */
export class SyncScheduler {
  readonly #tasks = new Map<string, ScheduledTask>();

  constructor(private readonly deps: SyncSchedulerDeps) {}

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
        else this.#remove(connectionId, true);
      },
    });
  }

  /** Schedules, reschedules or unschedules the connection's task. */
  async ensure(connection: ConnectionRecord): Promise<void> {
    if (!connection.enabled) {
      this.#remove(connection.id, false);
      return;
    }
    const key = JSON.stringify(connection.syncFrequency);
    const existing = this.#tasks.get(connection.id);
    if (existing && existing.key === key && !existing.abortWhenIdle) return;
    if (existing) this.#remove(connection.id, false);

    const task: ScheduledTask = {
      key,
      controller: new AbortController(),
      running: false,
      abortWhenIdle: false,
    };
    this.#tasks.set(connection.id, task);
    await this.deps.scheduler.scheduleTask({
      id: syncTaskId(connection.id),
      scope: 'global',
      frequency: toSchedulerFrequency(connection.syncFrequency),
      timeout: this.deps.timeout.toObject(),
      initialDelay: this.deps.initialDelay?.toObject(),
      signal: task.controller.signal,
      fn: async signal => {
        task.running = true;
        try {
          await this.deps.engine.runTask(connection.id, signal);
        } finally {
          task.running = false;
          if (task.abortWhenIdle) task.controller.abort();
        }
      },
    });
  }

  /** Makes the schedules match the stored connections (start-up, periodic). */
  async reconcile(): Promise<void> {
    const connections = await this.deps.connections.list();
    const ids = new Set(connections.map(c => c.id));
    for (const connection of connections) {
      try {
        await this.ensure(connection);
      } catch (error) {
        this.deps.logger.error(
          `Could not schedule JumpCloud sync of ${connection.name}: ${error}`,
        );
      }
    }
    for (const id of [...this.#tasks.keys()]) {
      if (!ids.has(id)) this.#remove(id, true);
    }
  }

  /** Sync Now: queue a run (or find the running one) and trigger the task. */
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
    if (result.created) {
      try {
        await this.deps.scheduler.triggerTask(syncTaskId(connection.id));
      } catch (error) {
        // Already running between two runs: its loop picks the queued run up.
        if (
          !(error instanceof ConflictError) &&
          (error as Error).name !== 'ConflictError'
        ) {
          this.deps.logger.warn(
            `Could not trigger JumpCloud sync of ${connection.name}: ${error}`,
          );
        }
      }
    }
    return result;
  }

  /** Stops every local task worker (plugin shutdown). */
  stopAll() {
    for (const id of [...this.#tasks.keys()]) this.#remove(id, true);
  }

  #remove(connectionId: string, immediately: boolean) {
    const task = this.#tasks.get(connectionId);
    if (!task) return;
    this.#tasks.delete(connectionId);
    // A frequency change must not cancel the sync in progress.
    if (immediately || !task.running) {
      task.controller.abort();
    } else {
      task.abortWhenIdle = true;
    }
  }
}
