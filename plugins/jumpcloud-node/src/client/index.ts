export { JumpCloudClient } from './JumpCloudClient';
export { JumpCloudError } from './JumpCloudError';
export type { JumpCloudErrorOptions } from './JumpCloudError';
export * from './collections';
export type { ListSpec, ReadOptions, ReadSummary } from './paging';
export type { SystemInsightsReadOptions } from './systemInsights';
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
