import {
  coreServices,
  createBackendModule,
  type AuthService,
  type BackendFeature,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CATALOG_FILTER_EXISTS,
  CatalogClient,
} from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import { eventually } from '@backstage-jumpcloud/test-utils';
import type { JumpCloudEntityProvider } from '../providers/JumpCloudEntityProvider';
import { createJumpCloudEntityProvider } from '../providers/createJumpCloudEntityProvider';
import type { JumpCloudTransformers } from '../lib/entities/types';

/**
 * The provider registered with the real catalog but without scheduler and
 * events, so a test decides exactly when a refresh happens.
 */
export function manualJumpCloudModule(
  captured: {
    provider?: JumpCloudEntityProvider;
    knex?: Knex;
    discovery?: DiscoveryService;
    auth?: AuthService;
  },
  transformers?: Partial<JumpCloudTransformers>,
) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'jumpcloud-manual',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          database: coreServices.database,
          catalogApi: catalogServiceRef,
        },
        async init(deps) {
          captured.provider = await createJumpCloudEntityProvider({
            ...deps,
            transformers,
          });
          captured.knex = await deps.database.getClient();
          captured.discovery = deps.discovery;
          captured.auth = deps.auth;
          deps.catalog.addEntityProvider(captured.provider);
        },
      });
    },
  });
}

/** Starts a backend with the real catalog plus the given features. */
export async function startCatalogBackend(
  features: BackendFeature[],
  config: JsonObject = {},
) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      mockServices.rootConfig.factory({
        data: {
          catalog: { processingInterval: { seconds: 1 } },
          ...config,
        },
      }),
      ...features,
    ],
  });
  const port = backend.server.address();
  const baseUrl =
    typeof port === 'object' && port ? `http://127.0.0.1:${port.port}` : '';
  const catalog = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...init?.headers,
            Authorization: mockCredentials.user.header(),
          },
        }),
    },
  });
  return { backend, catalog, baseUrl };
}

/** All JumpCloud-managed entities the catalog API serves. */
export async function jumpcloudEntities(
  catalog: CatalogClient,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities({
    filter: {
      'metadata.annotations.jumpcloud.com/connection-id': CATALOG_FILTER_EXISTS,
    },
  });
  return items;
}

/** Another entity provider (e.g. an IdP's) with a fixed set of entities. */
export function staticEntitiesModule(name: string, entities: Entity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: `static-${name}`,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => `static-${name}`,
            connect: async connection => {
              await connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  entity,
                  locationKey: `static-${name}`,
                })),
              });
            },
          });
        },
      });
    },
  });
}

/** Target refs of an entity's relations of one type, sorted. */
export function relationTargets(entity: Entity | undefined, type: string) {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

/**
 * Waits until the catalog serves `count` JumpCloud entities and has stitched
 * them (every device has its owner relation).
 */
export function settledEntities(catalog: CatalogClient, count: number) {
  return eventually(async () => {
    const entities = await jumpcloudEntities(catalog);
    expect(entities).toHaveLength(count);
    for (const e of entities.filter(x => x.kind === 'Resource')) {
      expect(relationTargets(e, 'ownedBy')).toHaveLength(1);
    }
    return entities;
  });
}

/** Lets `addLocation` register `file` locations (the catalog allows `url` only). */
export const allowFileLocationsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'allow-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
