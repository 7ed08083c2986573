import type {
  JumpCloudCheck,
  JumpCloudCheckContext,
  JumpCloudCheckOutcome,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { DateTime } from 'luxon';
import type { SnapshotIndex } from './snapshotIndex';
import type { CheckThresholds } from './thresholds';

/** The context built-in checks get: the public one plus indexes and thresholds. */
export interface BuiltInCheckContext extends JumpCloudCheckContext {
  at: DateTime;
  thresholds: CheckThresholds;
  index: SnapshotIndex;
}

export type BuiltInCheck = JumpCloudCheck<BuiltInCheckContext>;
export type CheckOutcome = JumpCloudCheckOutcome;
