export { jumpcloudApiRef } from './JumpCloudApi';
export type { JumpCloudApi } from './JumpCloudApi';
export { JumpCloudClient } from './JumpCloudClient';
export type * from './types';
