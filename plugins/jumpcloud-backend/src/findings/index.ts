export { createFindingsUnits } from './createFindingsUnits';
export type {
  FindingsUnits,
  FindingsUnitsOptions,
} from './createFindingsUnits';
export { createFindingsRouter } from './router';
export type { FindingsRouterDeps } from './router';
export type { CompleteRunContext, EvaluationResult } from './types';
export type { EntityRefResolver } from './sealFindings';
export { CustomCheckRegistry } from '../checks';
