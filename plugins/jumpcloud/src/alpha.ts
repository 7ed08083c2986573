/**
 * The JumpCloud frontend plugin for the new frontend system (default export).
 *
 * @packageDocumentation
 */
import { jumpcloudPlugin } from './alpha/plugin';

export default jumpcloudPlugin;
export { jumpcloudApi } from './alpha/apis';
export {
  entityJumpCloudContent,
  entityJumpCloudPostureCard,
} from './alpha/entity';
export { jumpcloudPage } from './alpha/pages';
