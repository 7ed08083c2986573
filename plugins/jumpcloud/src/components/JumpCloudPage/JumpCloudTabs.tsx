import { Progress, TabbedLayout } from '@backstage/core-components';
import { lazy, ReactNode, Suspense } from 'react';
import { JumpCloudBasePathProvider } from '../shared/basePath';
import { tabLoaders } from './tabLoaders';

const OverviewTab = lazy(tabLoaders.overview);
const FindingsTab = lazy(tabLoaders.findings);
const AssetsTab = lazy(tabLoaders.assets);
const ConnectionsTab = lazy(tabLoaders.connections);
const HistoryTab = lazy(tabLoaders.history);

/** The tabs stay visible while a tab's code loads. */
function TabContent(props: { children: ReactNode }) {
  return <Suspense fallback={<Progress />}>{props.children}</Suspense>;
}

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
          <TabContent>
            <OverviewTab />
          </TabContent>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/findings" title="Findings">
          <TabContent>
            <FindingsTab />
          </TabContent>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/assets" title="Assets">
          <TabContent>
            <AssetsTab />
          </TabContent>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/connections" title="Connections">
          <TabContent>
            <ConnectionsTab />
          </TabContent>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/history" title="History">
          <TabContent>
            <HistoryTab />
          </TabContent>
        </TabbedLayout.Route>
      </TabbedLayout>
    </JumpCloudBasePathProvider>
  );
}
