export { JumpCloudClient, CLIENT_DEFAULTS } from './JumpCloudClient';
export {
  JumpCloudError,
  FATAL_ERROR_KINDS,
  RETRYABLE_ERROR_KINDS,
} from './JumpCloudError';
export type { JumpCloudErrorOptions } from './JumpCloudError';
export {
  REGION_HOSTS,
  REGION_TOKEN_URLS,
  JUMPCLOUD_REGIONS,
  resolveHosts,
  resolveTokenUrl,
} from './regions';
export type { RegionHosts } from './regions';
export * from './collections';
export type { ListSpec, ReadOptions, ReadSummary } from './paging';
export type {
  CollectedList,
  DirectoryEventsQuery,
  JumpCloudClientOptions,
  JumpCloudClientStats,
  JumpCloudCredential,
  JumpCloudCredentialType,
  JumpCloudLogger,
  JumpCloudRegion,
  ListOptions,
} from './types';
export type { QueryValue } from './http/JumpCloudHttp';
