import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { jumpcloudApi } from './apis';
import { entityJumpCloudContent, entityJumpCloudPostureCard } from './entity';
import { jumpcloudPage, jumpcloudPagePreload } from './pages';
import { jumpcloudRootRouteRef } from './routes';

/**
 * The JumpCloud frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const jumpcloudPlugin = createFrontendPlugin({
  pluginId: 'jumpcloud',
  title: 'JumpCloud',
  icon: <SecurityIcon />,
  routes: { root: jumpcloudRootRouteRef },
  extensions: [
    jumpcloudApi,
    jumpcloudPage,
    jumpcloudPagePreload,
    entityJumpCloudContent,
    entityJumpCloudPostureCard,
  ],
});
