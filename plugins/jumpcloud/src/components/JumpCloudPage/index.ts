export { JumpCloudPage } from './JumpCloudPage';
