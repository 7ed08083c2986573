export { EntityJumpCloudContent } from './EntityJumpCloudContent';
export { EntityJumpCloudPostureCard } from './EntityJumpCloudPostureCard';
