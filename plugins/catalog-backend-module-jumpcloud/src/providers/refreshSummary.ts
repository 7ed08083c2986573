/**
 * What one connection's refresh did.
 *
 * @public
 */
export interface ConnectionRefreshResult {
  connectionId: string;
  connectionName: string;
  status: 'applied' | 'unchanged' | 'not_synced' | 'failed' | 'removed';
  runId?: string;
  written: number;
  removed: number;
  held: number;
  unchanged: number;
  error?: string;
}

/** @public */
export interface RefreshSummary {
  mutation: 'full' | 'delta' | 'none';
  connections: ConnectionRefreshResult[];
  written: number;
  removed: number;
  held: number;
  /** Reading and building the snapshots, and applying them, in ms. */
  timings: { prepareMs: number; applyMs: number };
}

/** A connection's result before any count: everything 0. */
export function connectionResult(
  connection: { connectionId: string; connectionName: string },
  status: ConnectionRefreshResult['status'],
  details: Partial<ConnectionRefreshResult> = {},
): ConnectionRefreshResult {
  return {
    connectionId: connection.connectionId,
    connectionName: connection.connectionName,
    status,
    written: 0,
    removed: 0,
    held: 0,
    unchanged: 0,
    ...details,
  };
}

/** The summary of one pass over every connection. */
export function summarise(
  mutation: RefreshSummary['mutation'],
  connections: ConnectionRefreshResult[],
  timings: RefreshSummary['timings'],
): RefreshSummary {
  return {
    mutation,
    connections,
    written: connections.reduce((sum, r) => sum + r.written, 0),
    removed: connections.reduce((sum, r) => sum + r.removed, 0),
    held: connections.reduce((sum, r) => sum + r.held, 0),
    timings,
  };
}

/**
 * Adds a pass to the running total: every connection of the first pass, of
 * the later ones only those that did something.
 */
export function addPass(
  total: RefreshSummary | undefined,
  pass: RefreshSummary,
): RefreshSummary {
  if (!total) {
    return {
      ...pass,
      connections: [...pass.connections],
      timings: { ...pass.timings },
    };
  }
  const worked = pass.connections.filter(c => c.status !== 'unchanged');
  return {
    mutation:
      total.mutation !== 'full' && pass.mutation !== 'none'
        ? pass.mutation
        : total.mutation,
    connections: [...total.connections, ...worked],
    written: total.written + pass.written,
    removed: total.removed + pass.removed,
    held: total.held + pass.held,
    timings: {
      prepareMs: total.timings.prepareMs + pass.timings.prepareMs,
      applyMs: total.timings.applyMs + pass.timings.applyMs,
    },
  };
}
