/**
 * A sync worker's heap limit when none is configured, from the number of
 * devices and users the connection's recent runs saw. What a sync holds
 * grows with the org (group grants, the directory the checks compare
 * across); everything bulky streams through the store. An org of 20,000
 * devices and 20,000 users peaks at 125–140 MB of heap while it is
 * evaluated: 192 MB leaves it room (at 128 MB it collected garbage for a
 * quarter of the evaluation, and sometimes ran out). Larger orgs get
 * proportionally more, in 32 MB steps; small ones at least 128 MB. A run
 * whose worker outgrows this limit starts again once with twice the limit
 * (a first sync has no counts to size from).
 */
export const HEAP_MB_PER_40K_ENTITIES = 192;

/** The least a worker is given, however small the org. */
export const MIN_HEAP_MB = 128;

export function heapLimitFor(entities: number): number {
  const sized = (Math.max(0, entities) / 40_000) * HEAP_MB_PER_40K_ENTITIES;
  return Math.max(MIN_HEAP_MB, Math.ceil(sized / 32) * 32);
}
