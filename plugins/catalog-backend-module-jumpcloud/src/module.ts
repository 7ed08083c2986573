import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { jumpcloudTransformersExtensionPoint } from './extensions';
import type { JumpCloudTransformers } from './lib/entities/types';
import { createJumpCloudEntityProvider } from './providers/createJumpCloudEntityProvider';

function setOnce<K extends keyof JumpCloudTransformers>(
  transformers: Partial<JumpCloudTransformers>,
  key: K,
  value: JumpCloudTransformers[K],
) {
  if (transformers[key]) {
    throw new Error(`The JumpCloud ${key} transformer may be set only once`);
  }
  transformers[key] = value;
}

/**
 * Catalog module that ingests JumpCloud devices, users and groups.
 *
 * @public
 */
export const catalogModuleJumpCloud = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'jumpcloud',
  register(env) {
    const custom: Partial<JumpCloudTransformers> = {};
    env.registerExtensionPoint(jumpcloudTransformersExtensionPoint, {
      setDeviceTransformer: t => setOnce(custom, 'device', t),
      setUserTransformer: t => setOnce(custom, 'user', t),
      setGroupTransformer: t => setOnce(custom, 'group', t),
    });

    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        database: coreServices.database,
        events: eventsServiceRef,
        catalogApi: catalogServiceRef,
      },
      async init(deps) {
        const provider = await createJumpCloudEntityProvider({
          ...deps,
          transformers: custom,
        });
        deps.catalog.addEntityProvider(provider);
      },
    });
  },
});
