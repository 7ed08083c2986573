/**
 * A sync worker's heap limit when none is configured, from the number of
 * devices and users the connection's recent runs saw. What a sync holds
 * grows with the org (group grants, the directory the checks compare
 * across); everything bulky streams through the store. An org of 20,000
 * devices and 20,000 users peaks at 125–140 MB of heap while it is
 * evaluated: 192 MB leaves it room (at 128 MB it collected garbage for a
 * quarter of the evaluation, and sometimes ran out). Larger orgs get
 * proportionally more, in 32 MB steps; small ones at least 128 MB. A
 * connection's first sync has no counts to size from: it gets room for an
 * org of about 50,000, so that a large org's first sync does not run out
 * and fetch everything twice (the limit is a ceiling: a small org's worker
 * uses what it needs). A run whose worker outgrows its limit starts again
 * once with twice the limit.
 */
export const HEAP_MB_PER_40K_ENTITIES = 192;

/** The least a worker is given, however small the org. */
export const MIN_HEAP_MB = 128;

/** A first sync's limit, before any run has counted the org. */
export const FIRST_SYNC_HEAP_MB = 256;

/** `entities`: the most devices and users recent runs saw; 0 before any. */
export function heapLimitFor(entities: number): number {
  if (!(entities > 0)) return FIRST_SYNC_HEAP_MB;
  const sized = (Math.max(0, entities) / 40_000) * HEAP_MB_PER_40K_ENTITIES;
  return Math.max(MIN_HEAP_MB, Math.ceil(sized / 32) * 32);
}
