import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ProviderStateStore } from './database/ProviderStateStore';
import { jumpcloudTransformersExtensionPoint } from './extensions';
import { readJumpCloudProviderConfig } from './lib/config';
import {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
} from './lib/defaultTransformers';
import { RestSnapshotSource } from './lib/RestSnapshotSource';
import type { JumpCloudTransformers } from './lib/types';
import { CatalogUserLinker } from './lib/userLinker';
import { JumpCloudEntityProvider } from './providers/JumpCloudEntityProvider';

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

/** Catalog module that ingests JumpCloud devices, users and groups. */
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
        const config = readJumpCloudProviderConfig(deps.config);
        const provider = new JumpCloudEntityProvider({
          source: new RestSnapshotSource({
            discovery: deps.discovery,
            auth: deps.auth,
            pageSize: config.pageSize,
          }),
          store: await ProviderStateStore.create(deps.database),
          config,
          transformers: {
            device: custom.device ?? defaultDeviceTransformer,
            user: custom.user ?? defaultUserTransformer,
            group: custom.group ?? defaultGroupTransformer,
          },
          userLinker: new CatalogUserLinker({
            catalog: deps.catalogApi,
            auth: deps.auth,
          }),
          logger: deps.logger,
          scheduler: deps.scheduler,
          events: deps.events,
        });
        deps.catalog.addEntityProvider(provider);
      },
    });
  },
});
