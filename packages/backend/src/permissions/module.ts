import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JumpCloudPermissionPolicy } from './JumpCloudPermissionPolicy';

/** The group whose members may manage JumpCloud connections, by default. */
export const DEFAULT_JUMPCLOUD_ADMIN_GROUP = 'group:default/jumpcloud-admins';

/** Installs {@link JumpCloudPermissionPolicy} as the permission policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'jumpcloud-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const adminGroups = config.getOptionalStringArray(
          'permission.jumpcloudAdminGroups',
        ) ?? [DEFAULT_JUMPCLOUD_ADMIN_GROUP];
        policy.setPolicy(new JumpCloudPermissionPolicy(adminGroups, userInfo));
      },
    });
  },
});
