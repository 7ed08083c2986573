import { createPlugin } from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/** The JumpCloud frontend plugin for the legacy frontend system. */
export const jumpcloudPlugin = createPlugin({
  id: 'jumpcloud',
  routes: { root: rootRouteRef },
});
