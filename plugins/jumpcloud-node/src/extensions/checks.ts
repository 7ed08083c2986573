import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  CheckMetadata,
  CheckOutcomeStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot, SnapshotDataType } from '../types/snapshot';

/**
 * What a check sees when it runs: one complete snapshot of one connection.
 *
 * @public
 */
export interface JumpCloudCheckContext {
  connectionId: string;
  orgId: string | null;
  /** The evaluation time (ISO 8601), so checks never read the clock. */
  now: string;
  snapshot: OrgSnapshot;
}

/**
 * One result of a check for one entity.
 *
 * @public
 */
export interface JumpCloudCheckOutcome {
  /** JumpCloud id of the entity (system, user, admin, group or org id). */
  entityId: string;
  /** Display name (hostname, username, group name…). */
  entityName: string;
  status: CheckOutcomeStatus;
  /** One sentence saying why, e.g. "FileVault is off". */
  message: string;
  /** The fields and values that decided the result, for the finding drill-down. */
  evidence?: Record<string, unknown>;
}

/**
 * A check: metadata plus a pure function over the snapshot. It must return
 * `unknown` (never `fail`) when the data it needs is missing or stale.
 *
 * @public
 */
export interface JumpCloudCheck<
  TContext extends JumpCloudCheckContext = JumpCloudCheckContext,
> extends CheckMetadata {
  /**
   * The data types the check reads. A run that could not read one of them
   * does not evaluate the check: its results are `unknown` with the reason,
   * and its findings stay as they were. Omitted, the check is taken to read
   * every data type (evaluated only when the run read everything).
   */
  reads?: readonly SnapshotDataType[];
  evaluate(context: TContext): Iterable<JumpCloudCheckOutcome>;
}

/**
 * Lets backend modules add custom checks to the JumpCloud backend plugin.
 *
 * @public
 */
export interface JumpCloudChecksExtensionPoint {
  addChecks(...checks: JumpCloudCheck[]): void;
}

/**
 * Extension point for custom checks. Usage in a backend module:
 * `env.registerInit({ deps: { checks: jumpcloudChecksExtensionPoint }, async init({ checks }) { checks.addChecks(myCheck) } })`.
 *
 * @public
 */
export const jumpcloudChecksExtensionPoint =
  createExtensionPoint<JumpCloudChecksExtensionPoint>({
    id: 'jumpcloud.checks',
  });
