import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type {
  AppliedConnection,
  ProviderStateStore,
} from '../database/ProviderStateStore';
import { deltaMutation, fullMutation } from '../lib/planning/catalogMutations';
import type {
  AppliedEntity,
  ConnectionPlan,
} from '../lib/planning/planMutation';
import {
  type ConnectionRefreshResult,
  connectionResult,
} from './refreshSummary';

/** A connection's plan and the state it leaves once applied. */
export interface PreparedPlan {
  state: AppliedConnection;
  plan: ConnectionPlan;
}

/** Where plans go: the catalog, and the provider's memory of what it applied. */
export interface ApplyTarget {
  connection: EntityProviderConnection;
  store: ProviderStateStore;
  logger: LoggerService;
}

/** The first refresh: one full mutation with every connection's entities. */
async function applyFirst(target: ApplyTarget, plans: PreparedPlan[]) {
  await target.connection.applyMutation(
    fullMutation(
      plans.map(({ state, plan }) => ({
        connectionId: state.connectionId,
        plan,
      })),
    ),
  );
  for (const { state, plan } of plans) {
    await target.store.replaceConnection(state, plan.next);
  }
}

/** Later refreshes: a delta mutation per connection, changes only. */
async function applyDeltas(target: ApplyTarget, plans: PreparedPlan[]) {
  for (const { state, plan } of plans) {
    const mutation = deltaMutation(
      state.connectionId,
      plan.upserts,
      plan.removals,
    );
    if (mutation) {
      await target.connection.applyMutation(mutation);
    }
    await target.store.replaceConnection(state, plan.next);
  }
}

/** Removes the entities of connections the backend no longer lists. */
async function removeGone(
  target: ApplyTarget,
  gone: AppliedConnection[],
  entities: ReadonlyMap<string, AppliedEntity[]>,
): Promise<ConnectionRefreshResult[]> {
  const results: ConnectionRefreshResult[] = [];
  for (const state of gone) {
    const rows = entities.get(state.connectionId) ?? [];
    const mutation = deltaMutation(state.connectionId, [], rows);
    if (mutation) {
      await target.connection.applyMutation(mutation);
    }
    await target.store.deleteConnection(state.connectionId);
    target.logger.info(
      `JumpCloud connection "${state.connectionName}" is gone: removed its ${rows.length} entities`,
    );
    results.push(connectionResult(state, 'removed', { removed: rows.length }));
  }
  return results;
}

/**
 * Applies one refresh's plans: a full mutation the first time, deltas
 * afterwards, when the entities of connections that are gone are removed
 * too. Returns the results of those removed connections.
 */
export async function applyPlans(
  target: ApplyTarget,
  refresh: {
    bootstrap: boolean;
    plans: PreparedPlan[];
    gone: AppliedConnection[];
    entities: ReadonlyMap<string, AppliedEntity[]>;
  },
): Promise<ConnectionRefreshResult[]> {
  if (refresh.bootstrap) {
    await applyFirst(target, refresh.plans);
    return [];
  }
  await applyDeltas(target, refresh.plans);
  return removeGone(target, refresh.gone, refresh.entities);
}
