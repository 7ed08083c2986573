import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { SnapshotNames } from './snapshotNames';

/**
 * Registry kinds (catalog names are unique per kind and namespace).
 *
 * @public
 */
export type NameKind = 'user' | 'group' | 'resource';

/** One entity the provider emits, with what it needs to stay stable. */
export interface BuiltEntity {
  /** Identity within the connection: `system:<id>`, `user:<id>`, … */
  sourceKey: string;
  kind: NameKind;
  /** The preferred (sanitised) name. */
  baseName: string;
  /** The name the registry handed out. */
  assignedName: string;
  entity: Entity;
}

function rewriteRefs(entity: Entity, renamed: ReadonlyMap<string, string>) {
  if (renamed.size === 0 || !entity.spec) return;
  const spec = entity.spec as Record<string, unknown>;
  const swap = (ref: unknown) =>
    typeof ref === 'string' ? renamed.get(ref) ?? ref : ref;
  for (const field of ['owner', 'parent']) {
    if (typeof spec[field] === 'string') spec[field] = swap(spec[field]);
  }
  for (const field of ['memberOf', 'members', 'children']) {
    if (Array.isArray(spec[field])) spec[field] = spec[field].map(swap);
  }
}

/**
 * The entities built for one connection, in the order they were added. A
 * transformer may rename an entity: references to the name the provider gave
 * it are rewritten once everything is built.
 */
export class BuiltEntities {
  readonly #names: Pick<SnapshotNames, 'name' | 'base'>;
  readonly #built: BuiltEntity[] = [];
  readonly #renamed = new Map<string, string>();

  constructor(names: Pick<SnapshotNames, 'name' | 'base'>) {
    this.#names = names;
  }

  /**
   * Adds what a transformer returned for an object (undefined skips it);
   * `defaultRef` is the ref the object has under the name it was given.
   */
  add(
    kind: NameKind,
    sourceKey: string,
    entity: Entity | undefined,
    defaultRef: string,
  ): void {
    if (!entity) return;
    const ref = stringifyEntityRef(entity);
    if (ref !== defaultRef) this.#renamed.set(defaultRef, ref);
    this.#built.push({
      sourceKey,
      kind,
      baseName: this.#names.base(sourceKey),
      assignedName: this.#names.name(sourceKey),
      entity,
    });
  }

  /**
   * Every entity with its references rewritten; of two entities with one ref
   * (a transformer's doing) the first is kept and the other reported.
   */
  finish(warn: (message: string) => void): BuiltEntity[] {
    for (const item of this.#built) {
      rewriteRefs(item.entity, this.#renamed);
    }
    const seen = new Set<string>();
    return this.#built.filter(item => {
      const ref = stringifyEntityRef(item.entity);
      if (seen.has(ref)) {
        warn(
          `Skipped ${item.sourceKey}: a transformer gave it ${ref}, which another object already has`,
        );
        return false;
      }
      seen.add(ref);
      return true;
    });
  }
}
