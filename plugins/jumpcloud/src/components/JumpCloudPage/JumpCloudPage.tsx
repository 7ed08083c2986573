import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { AssetsTab } from '../AssetsTab/AssetsTab';
import { ConnectionsTab } from '../ConnectionsTab/ConnectionsTab';
import { FindingsTab } from '../FindingsTab/FindingsTab';
import { HistoryTab } from '../HistoryTab/HistoryTab';
import { OverviewTab } from '../OverviewTab/OverviewTab';
import { JumpCloudBasePathProvider } from '../shared/basePath';

/**
 * The JumpCloud page of the legacy frontend system: one page, one route per
 * tab. The new frontend system builds the same tabs from sub-page extensions.
 */
export function JumpCloudPage() {
  return (
    <JumpCloudBasePathProvider relative=".">
      <Page themeId="tool">
        <Header
          title="JumpCloud"
          subtitle="Device and user posture, findings and sync history"
        />
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
      </Page>
    </JumpCloudBasePathProvider>
  );
}
