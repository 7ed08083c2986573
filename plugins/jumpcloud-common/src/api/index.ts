export * from './connections';
export * from './paging';
export * from './assets';
export * from './findings';
export * from './coverage';
export * from './evidence';
export * from './checkSummary';
export * from './signals';
