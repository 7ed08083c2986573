/**
 * Catalog entity provider for JumpCloud devices, users and groups.
 *
 * @packageDocumentation
 */
export { catalogModuleJumpCloud as default } from './module';
export {
  jumpcloudTransformersExtensionPoint,
  type JumpCloudTransformersExtensionPoint,
} from './extensions';

// Transformers: the defaults to wrap, and what a replacement gets and returns.
export {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
  commonAnnotations,
  SYSTEM_GROUP_LABEL_PREFIX,
} from './lib/entities/defaultTransformers';
export type {
  JumpCloudTransformerContext,
  JumpCloudDeviceTransformerContext,
  JumpCloudUserTransformerContext,
  JumpCloudGroupTransformerContext,
  JumpCloudDeviceTransformer,
  JumpCloudUserTransformer,
  JumpCloudGroupTransformer,
  JumpCloudTransformers,
  JumpCloudTransformerResult,
} from './lib/entities/types';

// The provider, its options and what a refresh reports.
export {
  JumpCloudEntityProvider,
  type JumpCloudEntityProviderOptions,
} from './providers/JumpCloudEntityProvider';
export type {
  RefreshSummary,
  ConnectionRefreshResult,
} from './providers/refreshSummary';
export {
  JUMPCLOUD_PROVIDER_NAME,
  JUMPCLOUD_REFRESH_TASK_ID,
} from './providers/constants';
// Types the provider's options name.
export type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  SnapshotReadOptions,
  SnapshotSource,
} from './lib/source/types';
export type { UserLinker } from './lib/source/userLinker';
export type { JumpCloudProviderConfig } from './lib/config/providerConfig';
export type {
  ProviderStateStore,
  AppliedConnection,
} from './database/ProviderStateStore';
export type { AppliedEntity } from './lib/planning/planMutation';
export type { NameKind } from './lib/entities/builtEntities';
