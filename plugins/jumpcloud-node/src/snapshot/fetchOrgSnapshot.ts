import pLimit from 'p-limit';
import { cancelledError } from '../client/http/abort';
import type { JumpCloudClient } from '../client/JumpCloudClient';
import type { JumpCloudError } from '../client/JumpCloudError';
import { explainKeyFailure } from '../client/testConnection';
import {
  emptySnapshot,
  OrgSnapshot,
  SnapshotDataType,
} from '../types/snapshot';
import type { AccessGraph } from './bindings';
import type { SnapshotContext } from './context';
import type { FetchOrgSnapshotOptions } from './options';
import { readDirectoryEvents } from './readDirectoryEvents';
import { readGroupsAndBindings } from './readGroupsAndBindings';
import { readObjects } from './readObjects';
import { readOrganization } from './readOrganization';
import { readPolicies } from './readPolicies';
import { readSimpleList } from './readSimpleList';
import { readSystemInsights } from './readSystemInsights';
import { PlanEntry, SnapshotLedger } from './SnapshotLedger';

/** @public */
export interface FetchOrgSnapshotResult {
  snapshot: OrgSnapshot;
  /** Data types that failed (or did not reconcile); empty = complete. */
  failures: Partial<Record<SnapshotDataType, JumpCloudError>>;
  counts: Partial<Record<SnapshotDataType, number>>;
  /** HTTP requests this fetch sent, retries included. */
  requests: number;
  /**
   * Requests the plan needs for the totals read: one per page at the
   * largest page size JumpCloud allows, no retries, no gap fills.
   */
  minimalRequests: number;
  plan: Partial<Record<SnapshotDataType, PlanEntry>>;
  /**
   * Effective access per user and per device, when it was read: the
   * snapshot's `userSystemBindings` without holding them (see AccessGraph).
   */
  access?: AccessGraph;
  /**
   * Records JumpCloud counted but never returned, even when asked again
   * (dangling graph records, e.g. members deleted without their edge).
   */
  unreturned: Partial<Record<SnapshotDataType, number>>;
}

/**
 * Reads a whole organisation with a plan that avoids N+1 fan-out:
 *
 * - v1 lists (devices, users, admins, applications) at 100 a page, v2 lists
 *   (groups, policies, authn policies, Apple MDM) at 100, sorted by id;
 * - memberships and device access per GROUP (members + direct associations,
 *   expanded locally), never per user or device;
 * - policy statuses per policy; System Insights per table at 10 000 rows a
 *   page (not per device); Directory Insights with search_after at 10 000.
 *
 * Every read runs concurrently through the client's scheduler (bounded
 * concurrency + rate cap). Fatal errors (bad/revoked key, wrong region,
 * organisation required or unknown, cancelled) reject; other failures,
 * count mismatches included, are reported per data type in `failures`.
 *
 * @public
 */
export async function fetchOrgSnapshot(
  client: JumpCloudClient,
  options: FetchOrgSnapshotOptions = {},
): Promise<FetchOrgSnapshotResult> {
  const requestsBefore = client.stats.requests;
  const ledger = new SnapshotLedger(options.signal, options.onProgress);
  const context: SnapshotContext = {
    client,
    options,
    ledger,
    snapshot: emptySnapshot(new Date().toISOString()),
    sinks: options.rowSinks ?? {},
    fanOut: pLimit(Math.max(8, client.maxConcurrency * 4)),
    // System Insights pages are 10 000 rows (megabytes of JSON, twice that
    // parsed) and only a few dozen of a sync's requests: one table at a time
    // (the next page read while one is stored) keeps a large org's fetch from
    // holding pages of several tables at once, and costs no wall time, as the
    // per-device access reads take far longer.
    insightsFanOut: pLimit(1),
    systemIds: [],
    userIds: [],
  };

  // Devices and users first: device access and System Insights wait for
  // their ids; everything else runs alongside.
  const devices = readObjects(context, 'systems');
  const users = readObjects(context, 'users');
  let access: AccessGraph | undefined;
  await Promise.all([
    readOrganization(context),
    devices,
    users,
    readSimpleList(context, 'admins'),
    readGroupsAndBindings(
      context,
      Promise.all([devices, users]).then(() => {}),
    ).then(graph => {
      access = graph;
    }),
    readPolicies(context),
    readSystemInsights(context, devices),
    readSimpleList(context, 'applications'),
    readSimpleList(context, 'authnPolicies'),
    readSimpleList(context, 'appleMdms'),
    readDirectoryEvents(context),
  ]);

  if (options.signal?.aborted) throw cancelledError();
  if (ledger.fatal) {
    throw await explainKeyFailure(client, ledger.fatal, options.signal);
  }
  return {
    snapshot: context.snapshot,
    ...(access ? { access } : {}),
    failures: ledger.failures,
    counts: countsOf(context),
    requests: client.stats.requests - requestsBefore,
    minimalRequests: ledger.minimalRequests,
    plan: ledger.plan,
    unreturned: ledger.unreturned,
  };
}

/** Objects read per data type, those handed to sinks included. */
function countsOf({
  snapshot,
  ledger,
  systemIds,
  userIds,
}: SnapshotContext): FetchOrgSnapshotResult['counts'] {
  const { streamed } = ledger;
  return {
    organization: snapshot.organization ? 1 : 0,
    systems: systemIds.length,
    users: userIds.length,
    admins: snapshot.admins.length,
    userGroups: snapshot.userGroups.length,
    systemGroups: snapshot.systemGroups.length,
    userGroupMembers: snapshot.userGroupMembers.length,
    systemGroupMembers: snapshot.systemGroupMembers.length,
    userSystemBindings:
      snapshot.userSystemBindings.length + (streamed.userSystemBindings ?? 0),
    policies: snapshot.policies.length,
    policyStatuses:
      snapshot.policyStatuses.length + (streamed.policyStatuses ?? 0),
    systemInsights: Object.values(snapshot.systemInsights).reduce(
      (sum, rows) => sum + (rows?.length ?? 0),
      streamed.systemInsights ?? 0,
    ),
    applications: snapshot.applications.length,
    authnPolicies: snapshot.authnPolicies.length,
    appleMdms: snapshot.appleMdms.length,
    directoryEvents: snapshot.directoryEvents.length,
  };
}
