export { builtInChecks, CustomCheckRegistry, describeChecks } from './registry';
export type { RegisteredCheck } from './registry';
export { runChecks } from './runner';
export type { CheckResult, CheckRunError, RunChecksOptions } from './runner';
export {
  checksConfigSchema,
  defaultCheckThresholds,
  readCheckThresholds,
} from './thresholds';
export type { CheckThresholds } from './thresholds';
export type { BuiltInCheck, BuiltInCheckContext } from './types';
