import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CheckDefinitionInfo,
  ChecksSummary,
  Connection,
  ConnectionInput,
  ConnectionTestResult,
  DeviceAsset,
  DeviceAssetDetail,
  EntityPosture,
  EvidenceRun,
  EvidenceVerification,
  Finding,
  HistoryEntry,
  Page,
  Posture,
  PostureTrendPoint,
  RiskException,
  SyncRun,
  UserAsset,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  AssetsQuery,
  EvidenceQuery,
  FindingsQuery,
  FrameworksExportQuery,
  HistoryQuery,
  RiskExceptionInput,
  RunsQuery,
} from './types';

/**
 * The JumpCloud backend's REST API (/api/jumpcloud) as the frontend uses it.
 *
 * @public
 */
export interface JumpCloudApi {
  listConnections(): Promise<Connection[]>;
  getConnection(id: string): Promise<Connection>;
  createConnection(input: ConnectionInput): Promise<Connection>;
  updateConnection(id: string, input: ConnectionInput): Promise<Connection>;
  deleteConnection(id: string): Promise<void>;
  /** Tests unsaved values (the key must be given). */
  testConnection(input: ConnectionInput): Promise<ConnectionTestResult>;
  /** Tests a saved connection with its stored key. */
  testSavedConnection(id: string): Promise<ConnectionTestResult>;
  /** Starts a sync, or returns the one already running. */
  syncConnection(id: string): Promise<SyncRun>;

  listRuns(query?: RunsQuery): Promise<Page<SyncRun>>;
  getRun(id: string): Promise<SyncRun>;
  listHistory(query?: HistoryQuery): Promise<Page<HistoryEntry>>;

  listDevices(query?: AssetsQuery): Promise<Page<DeviceAsset>>;
  listUsers(query?: AssetsQuery): Promise<Page<UserAsset>>;
  getDevice(connectionId: string, id: string): Promise<DeviceAssetDetail>;
  getUser(connectionId: string, id: string): Promise<UserAssetDetail>;

  listChecks(): Promise<CheckDefinitionInfo[]>;
  /** Every check with its thresholds and its results per connection. */
  getChecksSummary(connectionId?: string): Promise<ChecksSummary>;
  /** A framework's controls with their checks' status, as CSV (an auditor's request list). */
  exportFrameworksCsv(query?: FrameworksExportQuery): Promise<Blob>;
  listFindings(query?: FindingsQuery): Promise<Page<Finding>>;
  /**
   * Requests a page of findings ahead of the component that shows it (e.g.
   * the first page while the app restores the session): the next
   * `listFindings` with the same query takes it, once, while in flight or
   * briefly after it arrived. Optional: without it, readers just ask.
   */
  prefetchFindings?(query?: FindingsQuery): void;
  getFinding(id: string): Promise<Finding>;
  /** The CSV export of the findings matching the filters (no paging). */
  exportFindingsCsv(query?: FindingsQuery): Promise<Blob>;

  createException(input: RiskExceptionInput): Promise<RiskException>;
  deleteException(id: string): Promise<void>;

  getPosture(connectionId?: string): Promise<Posture>;
  getPostureTrend(connectionId?: string): Promise<PostureTrendPoint[]>;
  getEntityPosture(
    connectionId: string,
    entityId: string,
  ): Promise<EntityPosture>;

  /** Sealed runs, newest first, or with `asOf` those in force at a date. */
  listEvidence(query?: EvidenceQuery): Promise<Page<EvidenceRun>>;
  /** A sealed run's bundle: JSON (manifest and populations) or a zip of CSVs. Audited. */
  exportEvidence(runId: string, format: 'json' | 'csv'): Promise<Blob>;
  /** Recomputes the hash chain (kept in History with who asked). */
  verifyEvidence(connectionId?: string): Promise<EvidenceVerification>;
}

/**
 * The API reference of {@link JumpCloudApi}.
 *
 * @public
 */
export const jumpcloudApiRef = createApiRef<JumpCloudApi>({
  id: 'plugin.jumpcloud.service',
});
