import type { AppliedEntity } from './planMutation';

/** What the other connections hold, which one connection's entities must avoid. */
export interface HeldByOthers {
  /** Names per kind. */
  takenByOthers: Map<string, Set<string>>;
  /** Entity refs, lower-cased. */
  refsOfOthers: Set<string>;
}

/** The names and refs every connection but `connectionId` has applied. */
export function heldByOthers(
  entities: ReadonlyMap<string, AppliedEntity[]>,
  connectionId: string,
): HeldByOthers {
  const takenByOthers = new Map<string, Set<string>>();
  const refsOfOthers = new Set<string>();
  for (const [otherId, rows] of entities) {
    if (otherId === connectionId) continue;
    for (const row of rows) {
      const names = takenByOthers.get(row.kind) ?? new Set<string>();
      names.add(row.assignedName);
      takenByOthers.set(row.kind, names);
      refsOfOthers.add(row.entityRef.toLowerCase());
    }
  }
  return { takenByOthers, refsOfOthers };
}
