/** Settings of the guard against mass removals. */
export interface RemovalGuardSettings {
  /** Largest share (0–1) of the previous entities one sync may remove. */
  maxShare: number;
  /** Removals up to this count are always allowed. */
  minimumCount: number;
}

export interface RemovalGuardVerdict {
  allowed: boolean;
  /** removals / previous entities (0 when there were none). */
  share: number;
  /** Why the removals were refused, for the log. */
  reason?: string;
}

/**
 * A complete snapshot that suddenly lacks a large share of the objects is more
 * likely a broken source (a revoked scope, an emptied filter) than a real
 * mass deletion, so such removals wait for an operator.
 */
export function checkRemovalGuard(
  previousCount: number,
  removalCount: number,
  settings: RemovalGuardSettings,
): RemovalGuardVerdict {
  const share = previousCount > 0 ? removalCount / previousCount : 0;
  if (removalCount <= settings.minimumCount || share <= settings.maxShare) {
    return { allowed: true, share };
  }
  const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return {
    allowed: false,
    share,
    reason:
      `the snapshot lacks ${removalCount} of ${previousCount} entities ` +
      `(${percent(share)}), more than the allowed ${percent(
        settings.maxShare,
      )}; ` +
      `they stay in the catalog. If the removal is intended, raise ` +
      `catalog.providers.jumpcloud.removalGuard.maxShare for one sync.`,
  };
}
