import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import type {
  AppliedEntity,
  ConnectionPlan,
  PlannedEntity,
} from './planMutation';

/** The catalog location key of one connection's entities. */
export const locationKey = (connectionId: string) =>
  `jumpcloud-provider:${connectionId}`;

/** The first mutation: every planned entity of every connection at once. */
export function fullMutation(
  plans: ReadonlyArray<{ connectionId: string; plan: ConnectionPlan }>,
): EntityProviderMutation {
  return {
    type: 'full',
    entities: plans.flatMap(({ connectionId, plan }) =>
      plan.upserts.map(item => ({
        entity: item.entity,
        locationKey: locationKey(connectionId),
      })),
    ),
  };
}

/**
 * A delta mutation of one connection: writes `upserts`, removes `removals`;
 * undefined when there is nothing to send.
 */
export function deltaMutation(
  connectionId: string,
  upserts: PlannedEntity[],
  removals: AppliedEntity[],
): EntityProviderMutation | undefined {
  if (upserts.length === 0 && removals.length === 0) {
    return undefined;
  }
  return {
    type: 'delta',
    added: upserts.map(item => ({
      entity: item.entity,
      locationKey: locationKey(connectionId),
    })),
    removed: removals.map(row => ({
      entityRef: row.entityRef,
      locationKey: locationKey(connectionId),
    })),
  };
}
