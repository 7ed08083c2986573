import { Header, Page } from '@backstage/core-components';
import { JumpCloudTabs } from './JumpCloudTabs';

/**
 * The JumpCloud page of the legacy frontend system. The new frontend system
 * renders the same tabs under its own page header.
 */
export function JumpCloudPage() {
  return (
    <Page themeId="tool">
      <Header
        title="JumpCloud"
        subtitle="Device and user posture, findings and sync history"
      />
      <JumpCloudTabs />
    </Page>
  );
}
