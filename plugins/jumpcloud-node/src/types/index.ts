export * from './objects';
export * from './snapshot';
