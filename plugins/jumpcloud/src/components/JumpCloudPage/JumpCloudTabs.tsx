import { TabbedLayout } from '@backstage/core-components';
import { AssetsTab } from '../AssetsTab/AssetsTab';
import { ConnectionsTab } from '../ConnectionsTab/ConnectionsTab';
import { FindingsTab } from '../FindingsTab/FindingsTab';
import { HistoryTab } from '../HistoryTab/HistoryTab';
import { OverviewTab } from '../OverviewTab/OverviewTab';
import { JumpCloudBasePathProvider } from '../shared/basePath';

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
