export { EntityJumpCloudContent } from './EntityJumpCloudContent';
export { EntityJumpCloudPostureCard } from './EntityJumpCloudPostureCard';
export { readJumpCloudAnnotations } from './useJumpCloudEntity';
