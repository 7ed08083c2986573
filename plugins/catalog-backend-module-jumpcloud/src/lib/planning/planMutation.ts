import { stringifyEntityRef } from '@backstage/catalog-model';
import type { BuiltEntity, NameKind } from '../entities/builtEntities';
import { entityHash } from './entityHash';
import { checkRemovalGuard, type RemovalGuardSettings } from './removalGuard';

/**
 * What the provider remembers of an entity it applied.
 *
 * @public
 */
export interface AppliedEntity {
  sourceKey: string;
  kind: NameKind;
  baseName: string;
  assignedName: string;
  entityRef: string;
  hash: string;
}

export interface PlannedEntity extends AppliedEntity {
  entity: BuiltEntity['entity'];
}

export interface ConnectionPlan {
  /** New or changed entities. */
  upserts: PlannedEntity[];
  /** Entities the snapshot lacks and that may go. */
  removals: AppliedEntity[];
  /** Entities the snapshot lacks but the guard keeps. */
  heldRemovals: AppliedEntity[];
  /** The state after applying the plan. */
  next: AppliedEntity[];
  unchanged: number;
  guardReason?: string;
}

export function toPlanned(item: BuiltEntity): PlannedEntity {
  return {
    sourceKey: item.sourceKey,
    kind: item.kind,
    baseName: item.baseName,
    assignedName: item.assignedName,
    entityRef: stringifyEntityRef(item.entity),
    hash: entityHash(item.entity),
    entity: item.entity,
  };
}

/**
 * Compares a connection's freshly built entities with what was applied last
 * time: only new or changed ones are written, and removals pass the guard.
 * Removals of kinds in `unguardedKinds` (an intended change such as switching
 * the users mode to link) are not counted by the guard.
 */
export function planConnectionMutation(options: {
  previous: AppliedEntity[];
  built: BuiltEntity[];
  guard: RemovalGuardSettings;
  unguardedKinds?: ReadonlySet<NameKind>;
}): ConnectionPlan {
  const planned = options.built.map(toPlanned);
  const previousByRef = new Map(
    options.previous.map(row => [row.entityRef, row]),
  );
  const nextRefs = new Set(planned.map(item => item.entityRef));

  const upserts = planned.filter(
    item => previousByRef.get(item.entityRef)?.hash !== item.hash,
  );
  const missing = options.previous.filter(row => !nextRefs.has(row.entityRef));
  const unguarded = missing.filter(row =>
    options.unguardedKinds?.has(row.kind),
  );
  const guarded = missing.filter(row => !options.unguardedKinds?.has(row.kind));
  const verdict = checkRemovalGuard(
    options.previous.length,
    guarded.length,
    options.guard,
  );
  const removals = verdict.allowed ? missing : unguarded;
  const heldRemovals = verdict.allowed ? [] : guarded;

  const strip = ({ entity: _entity, ...row }: PlannedEntity): AppliedEntity =>
    row;
  return {
    upserts,
    removals,
    heldRemovals,
    next: [...planned.map(strip), ...heldRemovals],
    unchanged: planned.length - upserts.length,
    guardReason: verdict.reason,
  };
}
