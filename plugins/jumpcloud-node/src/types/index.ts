export * from './objects';
export * from './snapshot';
export * from './osFamily';
