export { builtInChecks, CustomCheckRegistry } from './registry';
export { runChecks } from './runner';
export type { CheckResult, CheckRunError } from './runner';
export { defaultCheckThresholds, readCheckThresholds } from './thresholds';
export type { CheckThresholds } from './thresholds';
