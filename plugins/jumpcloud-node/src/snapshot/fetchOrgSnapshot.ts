import pLimit from 'p-limit';
import {
  adminsSpec,
  appleMdmsSpec,
  applicationsSpec,
  authnPoliciesSpec,
  groupAssociationsSpec,
  GroupKind,
  groupMembersSpec,
  objectAssociationsSpec,
  organizationsSpec,
  policiesSpec,
  policyStatusesSpec,
  SYSTEM_INSIGHTS_PAGE_SIZE,
  systemGroupsSpec,
  systemsSpec,
  systemUsersSpec,
  userGroupsSpec,
} from '../client/collections';
import { DIRECTORY_INSIGHTS_PAGE_SIZE } from '../client/directoryEvents';
import { anySignal, cancelledError } from '../client/http/abort';
import { JumpCloudError } from '../client/JumpCloudError';
import type { JumpCloudClient } from '../client/JumpCloudClient';
import { collectAll, ListSpec, ReadSummary } from '../client/paging';
import { explainKeyFailure } from '../client/testConnection';
import type {
  JcGraphConnection,
  JcOrganization,
  JcPolicyResult,
  JcSystem,
  JcSystemUser,
  JcSystemInsightsRow,
} from '../types';
import {
  emptySnapshot,
  GroupMember,
  OrgSnapshot,
  SnapshotDataType,
  SYSTEM_INSIGHTS_TABLES,
  SystemInsightsTable,
  UserSystemBinding,
} from '../types/snapshot';
import { AccessGraph, DirectBinding, toGroupMember } from './bindings';

/**
 * Where a large org's bulk rows go instead of the snapshot. Each data type
 * with a sink is left as `[]` in the snapshot (for System Insights, each
 * table read whole): it was collected, its rows went to the sink.
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

/** Bindings handed to a sink at once. */
const BINDINGS_PAGE = 2000;

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

/** Requests of one data type: made (retries excluded) and the plan's minimum. */
export interface PlanEntry {
  requests: number;
  minimalRequests: number;
}

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

const DAY_MS = 86_400_000;

function asJumpCloudError(error: unknown): JumpCloudError {
  if (error instanceof JumpCloudError) return error;
  return new JumpCloudError(
    'internal',
    `Unexpected failure while reading JumpCloud: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { cause: error },
  );
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
 */
export async function fetchOrgSnapshot(
  client: JumpCloudClient,
  options: FetchOrgSnapshotOptions = {},
): Promise<FetchOrgSnapshotResult> {
  const requestsBefore = client.stats.requests;
  const stop = new AbortController();
  const signal = anySignal(options.signal, stop.signal)!;
  const snapshot = emptySnapshot(new Date().toISOString());
  const failures: FetchOrgSnapshotResult['failures'] = {};
  const counts: FetchOrgSnapshotResult['counts'] = {};
  const plan: FetchOrgSnapshotResult['plan'] = {};
  const unreturned: FetchOrgSnapshotResult['unreturned'] = {};
  const progress = new Map<SnapshotDataType, number>();
  const sinks = options.rowSinks ?? {};
  /** Rows handed to a sink (not in the snapshot). */
  const streamed: Partial<Record<SnapshotDataType, number>> = {};
  const addStreamed = (type: SnapshotDataType, rows: number) => {
    streamed[type] = (streamed[type] ?? 0) + rows;
  };
  let access: AccessGraph | undefined;
  /** Ids of the devices and users read, whether kept or handed to a sink. */
  const systemIds: string[] = [];
  const userIds: string[] = [];
  // Bounds how many per-group/per-policy/per-table reads are open at once;
  // the client's scheduler still bounds requests in flight.
  const fanOut = pLimit(Math.max(8, client.maxConcurrency * 4));
  // System Insights pages are 10 000 rows (megabytes of JSON, twice that
  // parsed) and only a few dozen of a sync's requests: one table at a time
  // (the next page read while one is stored) keeps a large org's fetch from
  // holding pages of several tables at once, and costs no wall time, as the
  // per-device access reads take far longer.
  const insightsFanOut = pLimit(1);
  let fatal: JumpCloudError | undefined;

  const fail = (types: SnapshotDataType[], error: unknown) => {
    const failure = asJumpCloudError(error);
    if (failure.fatal || options.signal?.aborted) {
      fatal ??= failure;
      stop.abort();
      return;
    }
    for (const type of types) failures[type] ??= failure.withCapability(type);
  };
  const guard = async (
    types: SnapshotDataType[],
    task: () => Promise<void>,
  ) => {
    try {
      await task();
    } catch (error) {
      fail(types, error);
    }
  };
  const account = (
    type: SnapshotDataType,
    summary: ReadSummary,
    minimal: number,
  ) => {
    const entry = (plan[type] ??= { requests: 0, minimalRequests: 0 });
    entry.requests += summary.pages;
    entry.minimalRequests += minimal;
    if (summary.unreturned > 0) {
      unreturned[type] = (unreturned[type] ?? 0) + summary.unreturned;
    }
    if (summary.mismatch)
      failures[type] ??= summary.mismatch.withCapability(type);
  };
  const advance = (type: SnapshotDataType, added: number, total?: number) => {
    const fetched = (progress.get(type) ?? 0) + added;
    progress.set(type, fetched);
    options.onProgress?.(type, fetched, total);
  };

  /** The pages of a collection; `fanned` data types sum many reads (no overall total). */
  const pagesOf = <T>(
    type: SnapshotDataType,
    spec: ListSpec<T>,
    fanned: boolean,
    prefetch?: number,
  ) => {
    let reported = 0;
    return client.pages(spec, {
      signal,
      ...(prefetch ? { prefetch } : {}),
      onProgress: (fetched, total) => {
        advance(type, fetched - reported, fanned ? undefined : total);
        reported = fetched;
      },
    });
  };
  const accountRead = <T>(
    type: SnapshotDataType,
    spec: ListSpec<T>,
    summary: ReadSummary,
  ) =>
    account(
      type,
      summary,
      Math.max(1, Math.ceil(summary.total / spec.pageSize)),
    );

  /** Reads a collection into memory. */
  const read = async <T>(
    type: SnapshotDataType,
    spec: ListSpec<T>,
    fanned = false,
  ): Promise<T[]> => {
    const { items, summary } = await collectAll(pagesOf(type, spec, fanned));
    accountRead(type, spec, summary);
    return items;
  };

  /**
   * Hands a collection to `onPage` a page at a time; resolves to its row
   * count. One page is read ahead while `onPage` runs by default, not the
   * client's default (its concurrency): the pages are not kept anyway.
   */
  const readInto = async <T>(
    type: SnapshotDataType,
    spec: ListSpec<T>,
    onPage: (items: T[]) => Promise<void>,
    { fanned = true, prefetch = 1 } = {},
  ): Promise<number> => {
    const reader = pagesOf(type, spec, fanned, prefetch);
    let rows = 0;
    for (;;) {
      const step = await reader.next();
      if (step.done) {
        accountRead(type, spec, step.value);
        return rows;
      }
      await onPage(step.value);
      rows += step.value.length;
    }
  };

  const readOrganization = async (): Promise<JcOrganization | null> => {
    let orgId = client.orgId;
    if (!orgId) {
      const orgs = await read('organization', organizationsSpec());
      if (orgs.length > 1) {
        throw new JumpCloudError(
          'org_required',
          `This API key sees ${orgs.length} organisations: choose the one to read.`,
          { capability: 'organization' },
        );
      }
      orgId = orgs[0]?._id;
    }
    if (!orgId) return null;
    const organization = await client.getOrganization(orgId, { signal });
    account('organization', { total: 1, pages: 1, unreturned: 0 }, 1);
    return organization;
  };

  const readGroupEdges = async (
    kind: GroupKind,
    groupIds: string[],
    membersType: SnapshotDataType,
    associationTargets: string[],
  ) => {
    const members: GroupMember[][] = new Array(groupIds.length);
    const associations = new Map<string, JcGraphConnection[]>();
    await Promise.all(
      groupIds.map((groupId, index) =>
        fanOut(async () => {
          if (fatal) return;
          await guard([membersType], async () => {
            if (failures[membersType]) return;
            const edges = await read(
              membersType,
              groupMembersSpec(kind, groupId),
              true,
            );
            members[index] = edges.flatMap(
              edge => toGroupMember(groupId, edge) ?? [],
            );
          });
          await guard(['userSystemBindings'], async () => {
            if (failures.userSystemBindings) return;
            const spec = groupAssociationsSpec(
              kind,
              groupId,
              associationTargets,
            );
            associations.set(
              groupId,
              await read('userSystemBindings', spec, true),
            );
          });
        }),
      ),
    );
    return { members: members.flat(), associations };
  };

  /** Direct user ↔ device edges, read from the smaller side, one request per object. */
  const readDirectBindings = async (
    lists: Promise<void>,
  ): Promise<DirectBinding[]> => {
    await lists;
    const listFailure = failures.systems ?? failures.users;
    if (listFailure) throw listFailure;
    const bySystem = systemIds.length <= userIds.length;
    const ids = bySystem ? systemIds : userIds;
    const perObject = new Array<DirectBinding[]>(ids.length);
    await Promise.all(
      ids.map((id, index) =>
        fanOut(async () => {
          // After one failure the data type is lost anyway: spare the requests.
          if (fatal || failures.userSystemBindings) return;
          const spec = bySystem
            ? objectAssociationsSpec('systems', id, ['user'])
            : objectAssociationsSpec('users', id, ['system']);
          const edges = await read('userSystemBindings', spec, true);
          perObject[index] = edges
            .filter(edge => edge.to?.type === (bySystem ? 'user' : 'system'))
            .map(edge => ({
              userId: bySystem ? edge.to.id : id,
              systemId: bySystem ? id : edge.to.id,
              attributes: edge.attributes,
            }));
        }),
      ),
    );
    return perObject.flat();
  };

  const readGroupsAndBindings = async (lists: Promise<void>) => {
    const userGroupDependants: SnapshotDataType[] = [
      'userGroups',
      'userGroupMembers',
      'userSystemBindings',
    ];
    const systemGroupDependants: SnapshotDataType[] = [
      'systemGroups',
      'systemGroupMembers',
      'userSystemBindings',
    ];
    let userGroupAssociations = new Map<string, JcGraphConnection[]>();
    let systemGroupUserAssociations = new Map<string, JcGraphConnection[]>();
    let directBindings: DirectBinding[] = [];
    await Promise.all([
      guard(['userSystemBindings'], async () => {
        if (options.directBindings === false) return;
        directBindings = await readDirectBindings(lists);
      }),
      guard(userGroupDependants, async () => {
        snapshot.userGroups = await read('userGroups', userGroupsSpec());
        const edges = await readGroupEdges(
          'usergroups',
          snapshot.userGroups.map(group => group.id),
          'userGroupMembers',
          ['system', 'system_group'],
        );
        snapshot.userGroupMembers = edges.members;
        userGroupAssociations = edges.associations;
      }),
      guard(systemGroupDependants, async () => {
        snapshot.systemGroups = await read('systemGroups', systemGroupsSpec());
        const edges = await readGroupEdges(
          'systemgroups',
          snapshot.systemGroups.map(group => group.id),
          'systemGroupMembers',
          ['user'],
        );
        snapshot.systemGroupMembers = edges.members;
        systemGroupUserAssociations = edges.associations;
      }),
    ]);
    const missing = (['userGroupMembers', 'systemGroupMembers'] as const).find(
      type => failures[type],
    );
    if (missing && !failures.userSystemBindings) {
      failures.userSystemBindings = new JumpCloudError(
        failures[missing]!.kind,
        `Device access could not be computed: ${failures[missing]!.message}`,
        { capability: 'userSystemBindings', status: failures[missing]!.status },
      );
    }
    if (failures.userSystemBindings || fatal) return;
    access = new AccessGraph({
      userGroups: snapshot.userGroups,
      userGroupMembers: snapshot.userGroupMembers,
      systemGroupMembers: snapshot.systemGroupMembers,
      userGroupAssociations,
      systemGroupUserAssociations,
      directBindings,
    });
    const sink = sinks.userSystemBindings;
    if (!sink) {
      snapshot.userSystemBindings = [...access.all()];
      return;
    }
    await guard(['userSystemBindings'], async () => {
      let page: UserSystemBinding[] = [];
      for (const binding of access!.all()) {
        page.push(binding);
        if (page.length >= BINDINGS_PAGE) {
          await sink(page);
          addStreamed('userSystemBindings', page.length);
          page = [];
        }
      }
      if (page.length > 0) await sink(page);
      addStreamed('userSystemBindings', page.length);
    });
  };

  const readPolicies = async () => {
    await guard(['policies', 'policyStatuses'], async () => {
      snapshot.policies = await read('policies', policiesSpec());
    });
    if (failures.policies || fatal) return;
    const perPolicy = new Array<typeof snapshot.policyStatuses>(
      snapshot.policies.length,
    );
    await Promise.all(
      snapshot.policies.map((policy, index) =>
        fanOut(() =>
          guard(['policyStatuses'], async () => {
            if (fatal || failures.policyStatuses) return;
            const spec = policyStatusesSpec(policy.id);
            const sink = sinks.policyStatuses;
            if (!sink) {
              perPolicy[index] = await read('policyStatuses', spec, true);
              return;
            }
            const rows = await readInto('policyStatuses', spec, sink);
            addStreamed('policyStatuses', rows);
          }),
        ),
      ),
    );
    snapshot.policyStatuses = perPolicy.flat().filter(Boolean);
  };

  /**
   * System Insights, a table at a time, once the device list is read: its
   * ids let each table's read prove that no device's rows were skipped
   * while the table was rewritten (see readSystemInsights).
   */
  const readSystemInsights = async (devices: Promise<void>) => {
    await devices;
    const ids = failures.systems ? undefined : systemIds;
    const tables = options.systemInsightsTables ?? SYSTEM_INSIGHTS_TABLES;
    await Promise.all(
      tables.map(table =>
        insightsFanOut(() =>
          guard(['systemInsights'], async () => {
            // After one table failed the data type is lost anyway: spare
            // the other tables' requests (and their retries).
            if (fatal || failures.systemInsights) return;
            const sink = sinks.systemInsights;
            let reported = 0;
            const reader = client.systemInsightsPages(table, {
              signal,
              systemIds: ids,
              // Streamed pages are not kept: one read ahead is enough.
              ...(sink ? { prefetch: 1 } : {}),
              onProgress: fetched => {
                advance('systemInsights', fetched - reported);
                reported = fetched;
              },
            });
            const rows: JcSystemInsightsRow[] = [];
            for (;;) {
              const step = await reader.next();
              if (step.done) {
                account(
                  'systemInsights',
                  step.value,
                  Math.max(
                    1,
                    Math.ceil(step.value.total / SYSTEM_INSIGHTS_PAGE_SIZE),
                  ),
                );
                break;
              }
              if (!sink) {
                for (const row of step.value) rows.push(row);
              } else if (step.value.length > 0) {
                await sink(table, step.value);
                addStreamed('systemInsights', step.value.length);
              }
            }
            snapshot.systemInsights[table] = rows;
          }),
        ),
      ),
    );
  };

  const readDirectoryEvents = async () => {
    const days = options.directoryInsightsDays ?? 30;
    const now = Date.now();
    const reader = client.directoryEventPages(
      {
        startTime: new Date(now - days * DAY_MS).toISOString(),
        endTime: new Date(now).toISOString(),
      },
      {
        signal,
        onProgress: (fetched, total) =>
          advance(
            'directoryEvents',
            fetched - (progress.get('directoryEvents') ?? 0),
            total,
          ),
      },
    );
    const { items, summary } = await collectAll(reader);
    snapshot.directoryEvents = items;
    account(
      'directoryEvents',
      summary,
      1 + Math.ceil(summary.total / DIRECTORY_INSIGHTS_PAGE_SIZE),
    );
  };

  /**
   * Reads a device or user list into the snapshot, or hands it to its sink a
   * page at a time, each object once; keeps the ids either way.
   */
  const readObjects = async <T extends { _id: string }>(
    type: 'systems' | 'users',
    spec: ListSpec<T>,
    ids: string[],
    sink: ((rows: T[]) => Promise<void>) | undefined,
  ): Promise<T[]> => {
    if (!sink) {
      const items = await read(type, spec);
      for (const item of items) ids.push(item._id);
      return items;
    }
    const seen = new Set<string>();
    await readInto(
      type,
      spec,
      async page => {
        const fresh = page.filter(item => !seen.has(item._id));
        for (const item of fresh) {
          seen.add(item._id);
          ids.push(item._id);
        }
        if (fresh.length > 0) await sink(fresh);
      },
      { fanned: false, prefetch: 2 },
    );
    addStreamed(type, seen.size);
    return [];
  };
  const systemsRead = guard(['systems'], async () => {
    snapshot.systems = await readObjects(
      'systems',
      systemsSpec(),
      systemIds,
      sinks.systems,
    );
  });
  const usersRead = guard(['users'], async () => {
    snapshot.users = await readObjects(
      'users',
      systemUsersSpec(),
      userIds,
      sinks.users,
    );
  });
  await Promise.all([
    guard(['organization'], async () => {
      snapshot.organization = await readOrganization();
    }),
    systemsRead,
    usersRead,
    guard(['admins'], async () => {
      snapshot.admins = await read('admins', adminsSpec());
    }),
    readGroupsAndBindings(Promise.all([systemsRead, usersRead]).then(() => {})),
    readPolicies(),
    readSystemInsights(systemsRead),
    guard(['applications'], async () => {
      snapshot.applications = await read('applications', applicationsSpec());
    }),
    guard(['authnPolicies'], async () => {
      snapshot.authnPolicies = await read('authnPolicies', authnPoliciesSpec());
    }),
    guard(['appleMdms'], async () => {
      snapshot.appleMdms = await read('appleMdms', appleMdmsSpec());
    }),
    guard(['directoryEvents'], readDirectoryEvents),
  ]);

  if (options.signal?.aborted) throw cancelledError();
  if (fatal) throw await explainKeyFailure(client, fatal, options.signal);

  counts.organization = snapshot.organization ? 1 : 0;
  counts.systems = systemIds.length;
  counts.users = userIds.length;
  counts.admins = snapshot.admins.length;
  counts.userGroups = snapshot.userGroups.length;
  counts.systemGroups = snapshot.systemGroups.length;
  counts.userGroupMembers = snapshot.userGroupMembers.length;
  counts.systemGroupMembers = snapshot.systemGroupMembers.length;
  counts.userSystemBindings =
    snapshot.userSystemBindings.length + (streamed.userSystemBindings ?? 0);
  counts.policies = snapshot.policies.length;
  counts.policyStatuses =
    snapshot.policyStatuses.length + (streamed.policyStatuses ?? 0);
  counts.systemInsights = Object.values(snapshot.systemInsights).reduce(
    (sum, rows) => sum + (rows?.length ?? 0),
    streamed.systemInsights ?? 0,
  );
  counts.applications = snapshot.applications.length;
  counts.authnPolicies = snapshot.authnPolicies.length;
  counts.appleMdms = snapshot.appleMdms.length;
  counts.directoryEvents = snapshot.directoryEvents.length;

  return {
    snapshot,
    ...(access ? { access } : {}),
    failures,
    counts,
    requests: client.stats.requests - requestsBefore,
    minimalRequests: Object.values(plan).reduce(
      (sum, entry) => sum + (entry?.minimalRequests ?? 0),
      0,
    ),
    plan,
    unreturned,
  };
}
