/**
 * JumpCloud API client and extension points for the JumpCloud plugins.
 *
 * @packageDocumentation
 */
export * from './types';
