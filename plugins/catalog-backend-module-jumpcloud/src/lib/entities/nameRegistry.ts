import { shortHash, suffixedName } from './naming';

/** An object that needs a catalog name. */
export interface NameRequest {
  /** Stable identity of the object within its connection, e.g. `system:<id>`. */
  sourceKey: string;
  /** The sanitised preferred name. */
  base: string;
}

/** A name handed out by an earlier sync. */
export interface PreviousName {
  base: string;
  name: string;
}

const MAX_SUFFIX_LENGTH = 16;

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Hands out catalog names that are unique per kind across every connection and
 * stable across syncs: an object keeps the name it got before as long as its
 * preferred name is unchanged, and colliding newcomers get a suffix derived
 * from their own identity, so the outcome never depends on fetch order.
 */
export class EntityNameRegistry {
  readonly #scope: string;
  readonly #takenByOthers: Map<string, Set<string>>;

  /**
   * @param scope - the connection the names are for (part of every suffix)
   * @param takenByOthers - names per kind already held by other connections
   */
  constructor(scope: string, takenByOthers: Map<string, Set<string>>) {
    this.#scope = scope;
    this.#takenByOthers = takenByOthers;
  }

  assign(
    kind: string,
    requests: NameRequest[],
    previous: ReadonlyMap<string, PreviousName>,
  ): Map<string, string> {
    const used = new Set(this.#takenByOthers.get(kind) ?? []);
    const names = new Map<string, string>();
    // Code-point order, not locale order: the outcome must not depend on the host.
    const ordered = [...requests].sort((a, b) =>
      compareCodePoints(a.sourceKey, b.sourceKey),
    );

    for (const request of ordered) {
      const earlier = previous.get(request.sourceKey);
      if (
        earlier &&
        earlier.base === request.base &&
        !used.has(earlier.name) &&
        !names.has(request.sourceKey)
      ) {
        names.set(request.sourceKey, earlier.name);
        used.add(earlier.name);
      }
    }

    for (const request of ordered) {
      if (names.has(request.sourceKey)) {
        continue;
      }
      const name = this.#firstFreeName(request, used);
      names.set(request.sourceKey, name);
      used.add(name);
    }
    return names;
  }

  #firstFreeName(request: NameRequest, used: Set<string>): string {
    if (!used.has(request.base)) {
      return request.base;
    }
    for (let length = 6; length <= MAX_SUFFIX_LENGTH; length += 2) {
      const candidate = suffixedName(
        request.base,
        shortHash([this.#scope, request.sourceKey], length),
      );
      if (!used.has(candidate)) {
        return candidate;
      }
    }
    // Only reachable with a hash collision on 64 bits; the full digest is unique.
    return suffixedName(
      request.base,
      shortHash([this.#scope, request.sourceKey], 40),
    );
  }
}
