import type {
  JumpCloudCheck,
  JumpCloudCheckContext,
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

export type BuiltInCheck = JumpCloudCheck<BuiltInCheckContext> & {
  /**
   * Set when the check decides each device or each user on its own, from
   * `snapshot.systems` or `snapshot.users`: a large run then evaluates it a
   * chunk of them at a time.
   */
  perEntity?: 'systems' | 'users';
};
