import { Progress, TabbedLayout } from '@backstage/core-components';
import { lazy, Suspense, useState } from 'react';
import { JumpCloudBasePathProvider } from '../shared/basePath';
import { loadedTab, TabId, tabLoaders } from './tabLoaders';

/**
 * A tab loaded with its own chunk. The tabs stay visible while it loads; one
 * already loaded (preloaded with the page) renders at once, without a
 * suspended first render. Chosen once per mount, so a tab never remounts.
 */
function lazyTab(id: TabId) {
  const Lazy = lazy(tabLoaders[id]);
  return function Tab() {
    const [Loaded] = useState(() => loadedTab(id));
    return Loaded ? (
      <Loaded />
    ) : (
      <Suspense fallback={<Progress />}>
        <Lazy />
      </Suspense>
    );
  };
}

const OverviewTab = lazyTab('overview');
const FindingsTab = lazyTab('findings');
const AssetsTab = lazyTab('assets');
const ConnectionsTab = lazyTab('connections');
const HistoryTab = lazyTab('history');

/**
 * The five tabs of the JumpCloud page, one route each, shared by both
 * frontend systems. (The new system's SubPageBlueprint tabs were not used:
 * in this release they point aria-controls at panels that are never
 * rendered, a critical axe violation.)
 */
export function JumpCloudTabs() {
  return (
    <JumpCloudBasePathProvider relative=".">
      <TabbedLayout>
        <TabbedLayout.Route path="/overview" title="Overview">
          <OverviewTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/findings" title="Findings">
          <FindingsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/assets" title="Assets">
          <AssetsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/connections" title="Connections">
          <ConnectionsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/history" title="History">
          <HistoryTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </JumpCloudBasePathProvider>
  );
}
