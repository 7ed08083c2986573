export { fetchOrgSnapshot } from './fetchOrgSnapshot';
export type { FetchOrgSnapshotResult } from './fetchOrgSnapshot';
export type { FetchOrgSnapshotOptions, RowSinks } from './options';
export { AccessGraph } from './bindings';
export type { DirectBinding, GroupGraph } from './bindings';
export type { PlanEntry } from './SnapshotLedger';
