export { fetchOrgSnapshot } from './fetchOrgSnapshot';
export type {
  FetchOrgSnapshotOptions,
  FetchOrgSnapshotResult,
  PlanEntry,
  RowSinks,
} from './fetchOrgSnapshot';
export { AccessGraph, expandGroupBindings } from './bindings';
export type { GroupGraph } from './bindings';
