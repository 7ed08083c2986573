import type { RunCoverage } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BindingLookups } from '../checks/snapshotIndex';

/** What the findings service receives for a complete run (see contracts). */
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
  rowsStored?: { access: BindingLookups };
}

/**
 * The evaluate → seal steps of a complete run, implemented by the findings
 * service. Kept structural so the engine does not depend on its internals.
 */
export interface RunEvaluator {
  evaluate(ctx: CompleteRunContext): Promise<unknown>;
  seal(ctx: CompleteRunContext, evaluation: any): Promise<unknown>;
}
