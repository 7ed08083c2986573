/**
 * The JumpCloud backend plugin.
 *
 * @packageDocumentation
 */
export { jumpcloudPlugin as default } from './plugin';
