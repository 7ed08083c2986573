/**
 * A sync worker's heap limit when none is configured, from the number of
 * devices and users the connection's recent runs saw. What a sync holds
 * grows with the org (group grants, the directory the checks compare
 * across); everything bulky streams through the store. 128 MB holds an org
 * of 20,000 devices and 20,000 users with room to spare (its sync's live heap
 * stays under 100 MB); larger orgs get proportionally more, in 32 MB steps.
 * A run whose worker outgrows this limit starts again once with twice the
 * limit (a first sync has no counts to size from).
 */
export const HEAP_MB_PER_40K_ENTITIES = 128;

export function heapLimitFor(entities: number): number {
  const sized = (Math.max(0, entities) / 40_000) * HEAP_MB_PER_40K_ENTITIES;
  return Math.max(HEAP_MB_PER_40K_ENTITIES, Math.ceil(sized / 32) * 32);
}
