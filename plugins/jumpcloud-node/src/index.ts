/**
 * JumpCloud API client and extension points for the JumpCloud plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './client';
export * from './snapshot';
export * from './extensions/checks';
export * from './extensions/checkReads';
