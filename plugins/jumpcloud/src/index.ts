/**
 * The JumpCloud frontend plugin: findings, assets, connections, sync history
 * and an entity tab. This entry point serves the legacy frontend system; the
 * new frontend system uses the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  jumpcloudPlugin,
  JumpCloudPage,
  EntityJumpCloudContent,
  EntityJumpCloudPostureCard,
} from './plugin';
export { rootRouteRef as jumpcloudRouteRef } from './routes';
export { jumpcloudApiRef, JumpCloudClient } from './api';
export type {
  JumpCloudApi,
  FindingsQuery,
  AssetsQuery,
  RunsQuery,
  HistoryQuery,
  RiskExceptionInput,
  EvidenceQuery,
  FrameworksExportQuery,
} from './api';
// The response types are declared in the common package; re-exported here
// for code that imported them from this plugin.
export type {
  DeviceAssetDetail,
  UserAssetDetail,
  AssetBinding,
  DevicePolicyResult,
  EntityPosture,
  EntityCheckResult,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
export { isJumpCloudAnnotated as isJumpCloudAvailable } from '@backstage-jumpcloud/plugin-jumpcloud-common';
