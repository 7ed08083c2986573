import type {
  AuthService,
  DatabaseService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { ProviderStateStore } from '../database/ProviderStateStore';
import { readJumpCloudProviderConfig } from '../lib/config/providerConfig';
import {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
} from '../lib/entities/defaultTransformers';
import { RestSnapshotSource } from '../lib/source/RestSnapshotSource';
import type { JumpCloudTransformers } from '../lib/entities/types';
import { CatalogUserLinker } from '../lib/source/userLinker';
import { JumpCloudEntityProvider } from './JumpCloudEntityProvider';

/** Everything the provider needs from the backend. */
export interface JumpCloudEntityProviderDeps {
  config: RootConfigService;
  logger: LoggerService;
  discovery: DiscoveryService;
  auth: AuthService;
  database: DatabaseService;
  catalogApi: CatalogService;
  /** Omit both to drive refresh() by hand (benchmarks, tests). */
  scheduler?: SchedulerService;
  events?: EventsService;
  transformers?: Partial<JumpCloudTransformers>;
}

/** Builds the provider from backend services, as the module does. */
export async function createJumpCloudEntityProvider(
  deps: JumpCloudEntityProviderDeps,
): Promise<JumpCloudEntityProvider> {
  const config = readJumpCloudProviderConfig(deps.config);
  return new JumpCloudEntityProvider({
    source: new RestSnapshotSource({
      discovery: deps.discovery,
      auth: deps.auth,
      pageSize: config.pageSize,
    }),
    store: await ProviderStateStore.create(deps.database),
    config,
    transformers: {
      device: deps.transformers?.device ?? defaultDeviceTransformer,
      user: deps.transformers?.user ?? defaultUserTransformer,
      group: deps.transformers?.group ?? defaultGroupTransformer,
    },
    userLinker: new CatalogUserLinker({
      catalog: deps.catalogApi,
      auth: deps.auth,
    }),
    logger: deps.logger,
    scheduler: deps.scheduler,
    events: deps.events,
  });
}
