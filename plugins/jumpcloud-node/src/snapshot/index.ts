export { fetchOrgSnapshot } from './fetchOrgSnapshot';
export type {
  FetchOrgSnapshotOptions,
  FetchOrgSnapshotResult,
  PlanEntry,
} from './fetchOrgSnapshot';
export { expandGroupBindings } from './bindings';
export type { GroupGraph } from './bindings';
