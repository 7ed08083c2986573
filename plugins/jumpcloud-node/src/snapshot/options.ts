import type {
  JcPolicyResult,
  JcSystem,
  JcSystemUser,
  JcSystemInsightsRow,
} from '../types';
import type {
  SnapshotDataType,
  SystemInsightsTable,
  UserSystemBinding,
} from '../types/snapshot';

/**
 * Where a large org's bulk rows go instead of the snapshot. Each data type
 * with a sink is left as `[]` in the snapshot (for System Insights, each
 * table read whole): it was collected, its rows went to the sink.
 *
 * @public
 */
export interface RowSinks {
  /** Devices, each once (a page boundary can repeat an object). */
  systems?: (rows: JcSystem[]) => Promise<void>;
  /** Users, each once. */
  users?: (rows: JcSystemUser[]) => Promise<void>;
  systemInsights?: (
    table: SystemInsightsTable,
    rows: JcSystemInsightsRow[],
  ) => Promise<void>;
  /** Effective access, sorted by user id then device id; `access` answers per user or device. */
  userSystemBindings?: (rows: UserSystemBinding[]) => Promise<void>;
  policyStatuses?: (rows: JcPolicyResult[]) => Promise<void>;
}

/** @public */
export interface FetchOrgSnapshotOptions {
  signal?: AbortSignal;
  onProgress?: (
    dataType: SnapshotDataType,
    fetched: number,
    total?: number,
  ) => void;
  /** Days of Directory Insights events to read. Default 30. */
  directoryInsightsDays?: number;
  /** System Insights tables to read. Default SYSTEM_INSIGHTS_TABLES. */
  systemInsightsTables?: readonly SystemInsightsTable[];
  /**
   * Receives the rows of the largest data types a page at a time, in order,
   * instead of keeping them in the snapshot (see `RowSinks`). A rejection
   * fails that data type.
   */
  rowSinks?: RowSinks;
  /**
   * Read direct user ↔ device associations. JumpCloud has no bulk route for
   * them: one request per user or per device (whichever side is smaller).
   * Without them, `userSystemBindings` holds only group-granted access.
   * Default true.
   */
  directBindings?: boolean;
}
