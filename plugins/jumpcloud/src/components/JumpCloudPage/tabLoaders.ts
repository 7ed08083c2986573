import type { ComponentType } from 'react';

type TabModule = { default: ComponentType };

/** Tab components whose chunk has loaded (e.g. preloaded with the page). */
const loaded = new Map<string, ComponentType>();

function loader(id: string, load: () => Promise<TabModule>) {
  return () =>
    load().then(m => {
      loaded.set(id, m.default);
      return m;
    });
}

/**
 * Each tab of the JumpCloud page is its own chunk: opening one tab (the
 * Findings first of all) does not fetch and parse the others' code, such as
 * material-table for Assets and History or the connection form.
 */
export const tabLoaders = {
  overview: loader('overview', () =>
    import('../OverviewTab/OverviewTab').then(m => ({
      default: m.OverviewTab,
    })),
  ),
  findings: loader('findings', () =>
    import('../FindingsTab/FindingsTab').then(m => ({
      default: m.FindingsTab,
    })),
  ),
  assets: loader('assets', () =>
    import('../AssetsTab/AssetsTab').then(m => ({ default: m.AssetsTab })),
  ),
  connections: loader('connections', () =>
    import('../ConnectionsTab/ConnectionsTab').then(m => ({
      default: m.ConnectionsTab,
    })),
  ),
  history: loader('history', () =>
    import('../HistoryTab/HistoryTab').then(m => ({ default: m.HistoryTab })),
  ),
};

export type TabId = keyof typeof tabLoaders;

/** The tab's component if its chunk has already loaded. */
export function loadedTab(id: TabId): ComponentType | undefined {
  return loaded.get(id);
}

/** The tab a path below the page shows (the first, Overview, by default). */
export function tabOfPath(subPath: string): TabId {
  const first = subPath.split('/').filter(Boolean)[0];
  return first && first in tabLoaders ? (first as TabId) : 'overview';
}
