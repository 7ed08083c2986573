export { JumpCloudPage } from './JumpCloudPage';
export { JumpCloudTabs } from './JumpCloudTabs';
