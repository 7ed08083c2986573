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
export {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
  commonAnnotations,
  SYSTEM_GROUP_LABEL_PREFIX,
} from './lib/defaultTransformers';
export { sanitizeEntityName } from './lib/naming';
export {
  readJumpCloudProviderConfig,
  type JumpCloudProviderConfig,
} from './lib/config';
export { RestSnapshotSource } from './lib/RestSnapshotSource';
export { ProviderStateStore } from './database/ProviderStateStore';
export {
  JumpCloudEntityProvider,
  type JumpCloudEntityProviderOptions,
  type RefreshSummary,
  type ConnectionRefreshResult,
} from './providers/JumpCloudEntityProvider';
export {
  JUMPCLOUD_PROVIDER_NAME,
  JUMPCLOUD_REFRESH_TASK_ID,
} from './lib/constants';
export type * from './lib/types';
