/**
 * Each tab of the JumpCloud page is its own chunk: opening one tab (the
 * Findings first of all) does not fetch and parse the others' code, such as
 * material-table for Assets and History or the connection form.
 */
export const tabLoaders = {
  overview: () =>
    import('../OverviewTab/OverviewTab').then(m => ({
      default: m.OverviewTab,
    })),
  findings: () =>
    import('../FindingsTab/FindingsTab').then(m => ({
      default: m.FindingsTab,
    })),
  assets: () =>
    import('../AssetsTab/AssetsTab').then(m => ({ default: m.AssetsTab })),
  connections: () =>
    import('../ConnectionsTab/ConnectionsTab').then(m => ({
      default: m.ConnectionsTab,
    })),
  history: () =>
    import('../HistoryTab/HistoryTab').then(m => ({ default: m.HistoryTab })),
};

/** The tab a path below the page shows (the first, Overview, by default). */
export function tabOfPath(subPath: string): keyof typeof tabLoaders {
  const first = subPath.split('/').filter(Boolean)[0];
  return first && first in tabLoaders
    ? (first as keyof typeof tabLoaders)
    : 'overview';
}
