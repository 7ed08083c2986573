/**
 * Catalog entity provider for JumpCloud devices, users and groups.
 *
 * @packageDocumentation
 */
export { catalogModuleJumpCloud as default } from './module';
