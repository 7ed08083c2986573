/**
 * The JumpCloud frontend plugin.
 *
 * @packageDocumentation
 */
export { jumpcloudPlugin } from './plugin';
