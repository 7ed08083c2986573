/**
 * A local JumpCloud API simulator for the demo, tests and benchmarks.
 *
 * @packageDocumentation
 */
export { startSimulator } from './server';
export type { StartedSimulator, SimulatorKeys } from './server';
export type { SimulatorControl } from './state';
export type { SimulatorDataset } from './data/dataset';
export type { OrgIndex, GraphObjectWithPaths, PathStep } from './data/orgIndex';
export type { SiTable } from './data/systemInsights';
export type { KeyRecord } from './http/keyStore';
export type { ServiceAccount } from './routes/oauth';
export type {
  OrgData,
  GraphEdge,
  GraphNode,
  GraphNodeType,
} from './data/model';
export type { FaultSpec, FaultScope, ActiveFault } from './http/faults';
export type { RequestCounters } from './http/counters';
export type { MutationSummary } from './data/mutate';
export type {
  AdminRole,
  Region,
  SizeName,
  SizeSpec,
  SimulatorOptions,
  ExtraKeySpec,
  RateLimitOptions,
} from './types';
export { SIZES } from './data/sizes';
export { SI_TABLES, SI_FILTER_FIELDS } from './data/systemInsights';
export { POLICY_TEMPLATES } from './data/generatePolicies';
export { CURRENT_AGENT_VERSION } from './data/generateOrganization';
export {
  PASSWORD_MANAGERS,
  EDR_PRODUCTS,
  PROHIBITED_SOFTWARE,
} from './data/names';
export { CONTROL_PREFIX } from './http/pipeline';
export { PROFILES, PROFILE_NAMES, applyProfiles } from './profiles/profiles';
export type { ProfileName, ProfileOptions } from './profiles/profiles';
export { PLAN_FEATURES, ALL_FEATURES } from './access/plan';
export type { PlanFeature } from './access/plan';
export { ROLE_ACCESS, ROLE_NAMES } from './access/roles';
export type { RoleName, RoleOption, CustomRole } from './access/roles';
export { DEFAULT_CHURN } from './churn/options';
export type { ChurnOptions } from './churn/options';
export { CLOUDFLARE_STATUSES } from './http/cloudflare';
export { RETENTION_DAYS } from './routes/directoryInsights';
export { runCli, DEMO_KEY } from './cli';
