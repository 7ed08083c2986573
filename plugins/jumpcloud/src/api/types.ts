import type {
  DeviceAsset,
  FindingStatus,
  Framework,
  HistoryAction,
  ListQuery,
  RiskException,
  Severity,
  CheckEntityKind,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

// Query and body shapes the contract describes in words but the common
// package does not type; derived from the common types where possible.
// (Response types are the common package's.)

/**
 * Filters of GET /findings and GET /findings/export.csv.
 *
 * @public
 */
export interface FindingsQuery extends ListQuery {
  severity?: Severity;
  status?: FindingStatus;
  checkId?: string;
  connectionId?: string;
  entityKind?: CheckEntityKind;
  /** A JumpCloud object id, or several separated by commas. */
  entityId?: string;
  /** A framework (`soc2`), or one of its controls (`soc2:CC6.1`). */
  framework?: Framework | `${Framework}:${string}`;
}

/**
 * Filters of GET /assets/devices and /assets/users.
 *
 * @public
 */
export interface AssetsQuery extends ListQuery {
  connectionId?: string;
  osFamily?: DeviceAsset['osFamily'];
}

/**
 * Filters of GET /runs.
 *
 * @public
 */
export interface RunsQuery extends ListQuery {
  connectionId?: string;
}

/**
 * Filters of GET /evidence.
 *
 * @public
 */
export interface EvidenceQuery extends ListQuery {
  connectionId?: string;
  /** ISO 8601 date or date-time: per connection, the run in force then. */
  asOf?: string;
}

/**
 * Filters of GET /history.
 *
 * @public
 */
export interface HistoryQuery extends ListQuery {
  connectionId?: string;
  action?: HistoryAction;
}

/**
 * Body of POST /exceptions: accept the risk of one finding until a date.
 *
 * @public
 */
export type RiskExceptionInput = Pick<
  RiskException,
  'connectionId' | 'checkId' | 'entityId' | 'owner' | 'reason' | 'expiresAt'
>;

/**
 * Filters of GET /frameworks/export.csv (a control needs its framework).
 *
 * @public
 */
export interface FrameworksExportQuery {
  framework?: Framework;
  control?: string;
  connectionId?: string;
}
