/**
 * Types, permissions, annotation keys and check metadata shared by the
 * JumpCloud plugins (isomorphic: used by frontend and backend).
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './annotations';
export * from './api';
export * from './checks';
