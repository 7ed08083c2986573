export interface RequestCounters {
  /** API requests (control API excluded). */
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** By key label (the built-in key names), never by key. */
  byKey: Record<string, number>;
  rateLimited: number;
  faultsInjected: number;
}

export function emptyCounters(): RequestCounters {
  return {
    total: 0,
    byRoute: {},
    byStatus: {},
    byKey: {},
    rateLimited: 0,
    faultsInjected: 0,
  };
}

export function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
