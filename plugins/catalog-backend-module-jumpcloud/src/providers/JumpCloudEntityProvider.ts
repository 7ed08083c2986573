import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  JUMPCLOUD_CONNECTION_DELETED_TOPIC,
  JUMPCLOUD_SYNC_COMPLETED_TOPIC,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  AppliedConnection,
  ProviderStateStore,
} from '../database/ProviderStateStore';
import {
  effectiveUsersMode,
  type JumpCloudProviderConfig,
} from '../lib/config/providerConfig';
import type { JumpCloudTransformers } from '../lib/entities/types';
import { heldByOthers } from '../lib/planning/heldByOthers';
import type { AppliedEntity } from '../lib/planning/planMutation';
import { prepareConnection } from '../lib/planning/prepareConnection';
import type {
  JumpCloudCatalogConnection,
  SnapshotSource,
} from '../lib/source/types';
import type { UserLinker } from '../lib/source/userLinker';
import { applyPlans, type PreparedPlan } from './applyPlans';
import {
  JUMPCLOUD_EVENTS_SUBSCRIBER_ID,
  JUMPCLOUD_PROVIDER_NAME,
  JUMPCLOUD_REFRESH_TASK_ID,
} from './constants';
import {
  addPass,
  type ConnectionRefreshResult,
  connectionResult,
  type RefreshSummary,
  summarise,
} from './refreshSummary';

/** @public */
export interface JumpCloudEntityProviderOptions {
  source: SnapshotSource;
  store: ProviderStateStore;
  config: JumpCloudProviderConfig;
  transformers: JumpCloudTransformers;
  logger: LoggerService;
  userLinker?: UserLinker;
  /** Runs the fallback schedule; without it refresh() must be called. */
  scheduler?: SchedulerService;
  /** Delivers "sync completed" and "connection deleted". */
  events?: EventsService;
}

const MAX_PASSES = 3;
/** How often a trigger refused while the task runs (on any replica) is tried again. */
const TRIGGER_RETRY_MS = 5_000;

/**
 * Puts every JumpCloud connection's latest complete snapshot into the catalog.
 * It reads only from jumpcloud-backend, applies a full mutation the first time
 * and delta mutations (changed entities only) afterwards, and never touches a
 * connection whose snapshot could not be read completely.
 *
 * @public
 */
export class JumpCloudEntityProvider implements EntityProvider {
  readonly #options: JumpCloudEntityProviderOptions;
  #connection?: EntityProviderConnection;
  #queue: Promise<unknown> = Promise.resolve();
  /** Config and transformers may differ from the last process: rebuild once. */
  #rebuiltAll = false;
  /** A trigger is waiting for the running refresh to end: later events join it. */
  #triggerPending = false;

  constructor(options: JumpCloudEntityProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return JUMPCLOUD_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    const { scheduler, events, config, logger } = this.#options;
    if (scheduler) {
      await scheduler.scheduleTask({
        id: JUMPCLOUD_REFRESH_TASK_ID,
        ...config.schedule,
        scope: 'global',
        fn: async signal => {
          await this.refresh({ signal });
        },
      });
    }
    if (events) {
      await events.subscribe({
        id: JUMPCLOUD_EVENTS_SUBSCRIBER_ID,
        topics: [
          JUMPCLOUD_SYNC_COMPLETED_TOPIC,
          JUMPCLOUD_CONNECTION_DELETED_TOPIC,
        ],
        onEvent: async params => {
          logger.debug(
            `JumpCloud event ${params.topic}, refreshing the catalog`,
          );
          this.#requestRefresh();
        },
      });
    }
  }

  /**
   * Runs the refresh through the scheduler, so that one replica at a time
   * applies snapshots. While a refresh runs the scheduler refuses the
   * trigger; it is tried again until that refresh ends, however long it
   * takes: the running one may have read the connections before this sync
   * completed, and the next scheduled refresh may be hours away. Events
   * that arrive meanwhile share the one pending trigger.
   */
  #requestRefresh() {
    const { scheduler, logger } = this.#options;
    if (!scheduler) {
      this.refresh().catch(error =>
        logger.error(
          `JumpCloud catalog refresh failed: ${stringifyError(error)}`,
        ),
      );
      return;
    }
    if (this.#triggerPending) return;
    this.#triggerPending = true;
    const trigger = () =>
      scheduler.triggerTask(JUMPCLOUD_REFRESH_TASK_ID).then(
        () => {
          this.#triggerPending = false;
        },
        error => {
          if (
            error instanceof ConflictError ||
            error?.name === 'ConflictError'
          ) {
            setTimeout(() => void trigger(), TRIGGER_RETRY_MS).unref();
            return;
          }
          this.#triggerPending = false;
          logger.warn(
            `Could not trigger ${JUMPCLOUD_REFRESH_TASK_ID}: ${stringifyError(
              error,
            )}`,
          );
        },
      );
    void trigger();
  }

  /** Applies every connection whose latest complete run is not applied yet. */
  async refresh(options?: { signal?: AbortSignal }): Promise<RefreshSummary> {
    const run = this.#queue.then(() =>
      this.#refreshUntilStable(options?.signal),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refreshUntilStable(signal?: AbortSignal): Promise<RefreshSummary> {
    let total: RefreshSummary | undefined;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const summary = await this.#refreshOnce(signal);
      total = addPass(total, summary);
      // A sync that completed while we applied shows up as a new run id.
      const worked = summary.connections.some(
        c => c.status === 'applied' || c.status === 'removed',
      );
      if (!worked) {
        break;
      }
    }
    return total!;
  }

  async #refreshOnce(signal?: AbortSignal): Promise<RefreshSummary> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(
        `${JUMPCLOUD_PROVIDER_NAME} is not connected to the catalog yet`,
      );
    }
    const { source, store, logger } = this.#options;
    const started = Date.now();
    const connections = await source.listConnections({ signal });
    const appliedList = await store.listConnections();
    const applied = new Map(appliedList.map(c => [c.connectionId, c]));
    const entities = await store.listEntities();
    const bootstrap = appliedList.length === 0;
    const rebuildAll = !this.#rebuiltAll;

    const results: ConnectionRefreshResult[] = [];
    const plans: PreparedPlan[] = [];

    for (const jc of [...connections].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const result = await this.#prepare(
        jc,
        applied.get(jc.id),
        entities,
        rebuildAll,
        signal,
      );
      results.push(result.result);
      if (result.prepared) {
        plans.push(result.prepared);
        entities.set(jc.id, result.prepared.plan.next);
      }
    }

    const prepareMs = Date.now() - started;
    const listed = new Set(connections.map(c => c.id));
    const gone = appliedList.filter(c => !listed.has(c.connectionId));

    const removed = await applyPlans(
      { connection, store, logger },
      { bootstrap, plans, gone, entities },
    );
    results.push(...removed);
    // Only once every connection was rebuilt; a failed one is rebuilt next time.
    if (rebuildAll && !results.some(r => r.status === 'failed')) {
      this.#rebuiltAll = true;
    }
    const applyMs = Date.now() - started - prepareMs;

    let mutation: RefreshSummary['mutation'] = 'none';
    if (bootstrap) mutation = 'full';
    else if (plans.length > 0 || gone.length > 0) mutation = 'delta';
    const summary = summarise(mutation, results, { prepareMs, applyMs });
    if (summary.mutation !== 'none') {
      logger.info(
        `JumpCloud catalog refresh (${summary.mutation}): ${summary.written} written, ${summary.removed} removed, ${summary.held} removals held by the guard; read and built in ${prepareMs} ms, applied in ${applyMs} ms`,
      );
    }
    return summary;
  }

  async #prepare(
    jc: JumpCloudCatalogConnection,
    applied: AppliedConnection | undefined,
    entities: Map<string, AppliedEntity[]>,
    rebuildAll: boolean,
    signal?: AbortSignal,
  ): Promise<{ result: ConnectionRefreshResult; prepared?: PreparedPlan }> {
    const { config, logger } = this.#options;
    const base = { connectionId: jc.id, connectionName: jc.name };
    if (!jc.latestCompleteRunId) {
      return { result: connectionResult(base, 'not_synced') };
    }
    const usersMode = effectiveUsersMode(config, jc);
    const upToDate =
      applied?.runId === jc.latestCompleteRunId &&
      applied.usersMode === usersMode &&
      applied.connectionName === jc.name;
    if (upToDate && !rebuildAll) {
      return {
        result: connectionResult(base, 'unchanged', { runId: applied.runId }),
      };
    }

    const held = heldByOthers(entities, jc.id);
    try {
      const { runId, plan } = await prepareConnection({
        connection: jc,
        usersMode,
        previousUsersMode: applied?.usersMode,
        previous: entities.get(jc.id) ?? [],
        takenByOthers: held.takenByOthers,
        refsOfOthers: held.refsOfOthers,
        source: this.#options.source,
        transformers: this.#options.transformers,
        config,
        userLinker: this.#options.userLinker,
        logger,
        signal,
      });
      return {
        result: connectionResult(base, 'applied', {
          runId,
          written: plan.upserts.length,
          removed: plan.removals.length,
          held: plan.heldRemovals.length,
          unchanged: plan.unchanged,
        }),
        prepared: { state: { ...base, runId, usersMode }, plan },
      };
    } catch (error) {
      // Nothing of this connection changes: its last applied snapshot stays.
      logger.error(
        `JumpCloud connection "${
          jc.name
        }": could not read its latest complete snapshot, its catalog entities stay as they are: ${stringifyError(
          error,
        )}`,
      );
      return {
        result: connectionResult(base, 'failed', {
          error: stringifyError(error),
        }),
      };
    }
  }
}
