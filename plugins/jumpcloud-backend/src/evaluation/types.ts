import type {
  CheckResultStatus,
  RunCoverage,
  UnevaluatedCheck,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { CheckRunError } from '../checks';
import type { BindingLookups } from '../checks/snapshotIndex';
import type { CheckStatusTally } from '../findings/CheckStatusCounts';
import type { PostureScore } from '../posture/score';
import type { RunResults } from '../findings/RunResults';
import type { RunDelta } from '../snapshot/RunDelta';

/** What the sync engine hands over for a complete run (see contracts). */
export interface CompleteRunContext {
  connectionId: string;
  connectionName: string;
  orgId: string | null;
  runId: string;
  startedAt: string;
  finishedAt: string;
  /**
   * The fetched org. The sync engine empties its directoryEvents between
   * evaluate and seal (memory): seal reads devices, users, admins and
   * groups only.
   */
  snapshot: OrgSnapshot;
  counts: Record<string, number>;
  /**
   * Which data types the run read completely, and why the others are
   * missing; checks reading a missing type are not evaluated. Absent: the
   * run read everything.
   */
  coverage?: RunCoverage;
  /**
   * The run's System Insights rows, policy statuses and bindings are in the
   * store, not in `snapshot` (whose System Insights tables then only say
   * which were collected): the checks read them back a chunk of devices at
   * a time, and ask `access` for bindings.
   */
  rowsStored?: {
    access: BindingLookups;
    /** The run's rows as stored against its base; its results are stored the same way. */
    delta: RunDelta;
  };
}

/** The result of `evaluate`: nothing is written until `seal`. */
export interface EvaluationResult {
  /** Evaluation time (ISO 8601): the run's finish time. */
  evaluatedAt: string;
  /** Results with active exceptions already applied (fail → excepted). */
  results: RunResults;
  /** Checks that ran; only their findings may be resolved. */
  evaluatedCheckIds: string[];
  /** Checks the run could not evaluate for want of data, and why. */
  unevaluated: UnevaluatedCheck[];
  /** Checks that threw (custom checks, typically); their findings are left as they were. */
  errors: CheckRunError[];
  summary: Record<CheckResultStatus, number>;
  posture: PostureScore;
  /** Counts per check and status, for the Checks view. */
  statusCounts: CheckStatusTally;
}
