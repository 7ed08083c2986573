export { FindingsService, createFindingsService } from './FindingsService';
export type { FindingsServiceOptions } from './FindingsService';
export { createFindingsRouter } from './router';
export type { FindingsRouterDeps } from './router';
export type { CompleteRunContext, EvaluationResult } from './types';
export type { EntityRefResolver } from './sealFindings';
export { CustomCheckRegistry } from '../checks';
