import type { ComponentType } from 'react';

/**
 * Each tab of the JumpCloud page is its own chunk: opening one tab (the
 * Findings first of all) does not fetch and parse the others' code, such as
 * material-table for Assets and History or the connection form.
 */
export const tabLoaders = {
  overview: () => import('../OverviewTab/OverviewTab').then(m => m.OverviewTab),
  findings: () => import('../FindingsTab/FindingsTab').then(m => m.FindingsTab),
  assets: () => import('../AssetsTab/AssetsTab').then(m => m.AssetsTab),
  connections: () =>
    import('../ConnectionsTab/ConnectionsTab').then(m => m.ConnectionsTab),
  history: () => import('../HistoryTab/HistoryTab').then(m => m.HistoryTab),
  evidence: () => import('../EvidenceTab/EvidenceTab').then(m => m.EvidenceTab),
  checks: () => import('../ChecksTab/ChecksTab').then(m => m.ChecksTab),
  frameworks: () =>
    import('../FrameworksTab/FrameworksTab').then(m => m.FrameworksTab),
} satisfies Record<string, () => Promise<ComponentType>>;

export type TabId = keyof typeof tabLoaders;

/** Tab components already loaded, by tab (see loadJumpCloudPage). */
export type LoadedTabs = Partial<Record<TabId, ComponentType>>;

/** The tab a path below the page shows (the first, Overview, by default). */
export function tabOfPath(subPath: string): TabId {
  const first = subPath.split('/').filter(Boolean)[0];
  return first && first in tabLoaders ? (first as TabId) : 'overview';
}
