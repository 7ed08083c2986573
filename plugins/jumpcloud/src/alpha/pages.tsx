import { compatWrapper } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { jumpcloudRootRouteRef } from './routes';

/** The JumpCloud page: Overview, Findings, Assets, Connections, History. */
export const jumpcloudPage = PageBlueprint.make({
  params: {
    path: '/jumpcloud',
    title: 'JumpCloud',
    routeRef: jumpcloudRootRouteRef,
    loader: () =>
      import('../components/JumpCloudPage/JumpCloudTabs').then(m =>
        compatWrapper(<m.JumpCloudTabs />),
      ),
  },
});
