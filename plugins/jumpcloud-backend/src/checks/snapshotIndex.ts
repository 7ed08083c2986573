import type {
  AccessGraph,
  JcDirectoryEvent,
  JcPolicy,
  JcPolicyResult,
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
  OrgSnapshot,
  SystemInsightsTable,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';

function utcDay(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' }).startOf('day');
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string) {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The rows of a chunk of devices the checks read besides the devices. */
export interface DeviceRows {
  systemInsights: OrgSnapshot['systemInsights'];
  policyStatuses: JcPolicyResult[];
}

/**
 * What checks look up across entities, for a run evaluated from the store:
 * every device id, and every user with only the fields device checks read
 * of bound users and USR-10 compares (username, e-mail, employee id, state).
 */
export interface Directory {
  systemIds: Set<string>;
  users: Map<string, JcSystemUser>;
}

/** Bindings per user and per device: an AccessGraph, or bindings in memory. */
export type BindingLookups = Pick<AccessGraph, 'ofUser' | 'ofSystem' | 'all'>;

/** Binding look-ups over bindings held in memory (small orgs, tests). */
export function bindingsInMemory(
  bindings: UserSystemBinding[],
): BindingLookups {
  const bySystem = groupBy(bindings, b => b.systemId);
  const byUser = groupBy(bindings, b => b.userId);
  return {
    ofSystem: id => bySystem.get(id) ?? [],
    ofUser: id => byUser.get(id) ?? [],
    all: () => bindings[Symbol.iterator]() as Generator<UserSystemBinding>,
  };
}

export interface InsightsGroup {
  rows: JcSystemInsightsRow[];
  newest: string | null;
  ageDays: number | null;
}

const EMPTY_GROUP: InsightsGroup = { rows: [], newest: null, ageDays: null };

/**
 * Look-ups the checks share, built once per evaluation so that every check
 * stays linear in the size of the snapshot (100k entities in seconds).
 */
export class SnapshotIndex {
  /**
   * Users by id: whole objects, or, for a run evaluated from the store, the
   * fields checks look up across entities (see `Directory`).
   */
  readonly usersById: Map<string, JcSystemUser>;
  private readonly systemIds: Set<string>;
  readonly userGroupsByUser: Map<string, string[]>;
  readonly membersByGroup: Map<string, number>;
  readonly policiesById: Map<string, JcPolicy>;
  policyStatusesBySystem: Map<string, JcPolicyResult[]>;
  /** Last successful login per user id, from Directory Insights. */
  readonly lastLoginByUser: Map<string, string>;
  /** Latest OS upgrade event per system id, from Directory Insights. */
  readonly lastOsUpdateBySystem: Map<string, string>;
  /**
   * How far back the Directory Insights events held reach, in UTC calendar
   * days from the oldest event's day to the evaluation's (null without
   * events), and that first day (YYYY-MM-DD). Days, not elapsed time: a
   * sync's window starts a fixed span before now, so its oldest event moves
   * with every sync but its day moves once a day. Results built on it then
   * stay the same between syncs, and a sync stores only what changed.
   */
  readonly eventCoverageDays: number | null;
  readonly eventsFromDay: string | null;
  private readonly insights = new Map<string, Map<string, InsightsGroup>>();
  private insightsSource: OrgSnapshot['systemInsights'];
  private readonly access: BindingLookups;
  /** One chunk's devices' bindings, asked for by several checks each. */
  private readonly systemBindings = new Map<string, UserSystemBinding[]>();
  private readonly contact = new Map<string, number | null>();
  private readonly atMillis: number;

  /**
   * `at`: the evaluation time, for ages computed once per entity. For a run
   * whose bulk rows are in the store, `stored` answers what the snapshot
   * no longer holds: bindings, and every device id and user.
   */
  constructor(
    readonly snapshot: OrgSnapshot,
    at: string = snapshot.fetchedAt,
    stored: { access?: BindingLookups; directory?: Directory } = {},
  ) {
    this.atMillis = Date.parse(at);
    this.insightsSource = snapshot.systemInsights;
    this.systemIds =
      stored.directory?.systemIds ?? new Set(snapshot.systems.map(s => s._id));
    this.usersById =
      stored.directory?.users ?? new Map(snapshot.users.map(u => [u._id, u]));
    this.access =
      stored.access ?? bindingsInMemory(snapshot.userSystemBindings);
    this.userGroupsByUser = new Map();
    for (const member of snapshot.userGroupMembers) {
      if (member.memberType !== 'user') continue;
      const list = this.userGroupsByUser.get(member.memberId);
      if (list) list.push(member.groupId);
      else this.userGroupsByUser.set(member.memberId, [member.groupId]);
    }
    this.membersByGroup = new Map();
    for (const member of [
      ...snapshot.userGroupMembers,
      ...snapshot.systemGroupMembers,
    ]) {
      this.membersByGroup.set(
        member.groupId,
        (this.membersByGroup.get(member.groupId) ?? 0) + 1,
      );
    }
    this.policiesById = new Map(snapshot.policies.map(p => [p.id, p]));
    this.policyStatusesBySystem = groupBy(
      snapshot.policyStatuses,
      s => s.systemID,
    );
    const { lastLogin, lastOsUpdate, oldest } = indexEvents(
      snapshot.directoryEvents,
    );
    this.lastLoginByUser = lastLogin;
    this.lastOsUpdateBySystem = lastOsUpdate;
    const firstDay = oldest === null ? null : utcDay(oldest);
    this.eventsFromDay = firstDay?.toISODate() ?? null;
    this.eventCoverageDays = firstDay
      ? Math.round(utcDay(at).diff(firstDay, 'days').days)
      : null;
  }

  /**
   * Points System Insights and policy status look-ups at other rows: those
   * of one chunk of devices, when a large run is evaluated chunk by chunk
   * from the store.
   */
  useDeviceRows(rows: DeviceRows): void {
    this.insightsSource = rows.systemInsights;
    this.insights.clear();
    this.policyStatusesBySystem = groupBy(rows.policyStatuses, s => s.systemID);
    this.systemBindings.clear();
  }

  /** Whether the org has this device. */
  hasSystem(systemId: string): boolean {
    return this.systemIds.has(systemId);
  }

  /** Users with access to one device, sorted by user id. */
  bindingsOfSystem(systemId: string): UserSystemBinding[] {
    let bindings = this.systemBindings.get(systemId);
    if (!bindings) {
      bindings = this.access.ofSystem(systemId);
      this.systemBindings.set(systemId, bindings);
    }
    return bindings;
  }

  /** Devices one user has access to, sorted by device id. */
  bindingsOfUser(userId: string): UserSystemBinding[] {
    return this.access.ofUser(userId);
  }

  /** Whole days since a device's last check-in (null if unknown), computed once per device. */
  contactDays(system: JcSystem): number | null {
    let days = this.contact.get(system._id);
    if (days === undefined) {
      days = this.ageDays(system.lastContact);
      this.contact.set(system._id, days);
    }
    return days;
  }

  /** Rows of one System Insights table for one device, or undefined if the table was not collected. */
  insightsRows(
    table: SystemInsightsTable,
    systemId: string,
  ): JcSystemInsightsRow[] | undefined {
    return this.insightsGroup(table, systemId)?.rows;
  }

  /** Rows plus the age of the newest one, or undefined if the table was not collected. */
  insightsGroup(
    table: SystemInsightsTable,
    systemId: string,
  ): InsightsGroup | undefined {
    const rows = this.insightsSource[table];
    if (!rows) return undefined;
    let bySystem = this.insights.get(table);
    if (!bySystem) {
      bySystem = new Map();
      for (const [id, list] of groupBy(rows, r => r.system_id)) {
        const newest = list.reduce<string | null>(
          (latest, row) =>
            row.collection_time && (!latest || row.collection_time > latest)
              ? row.collection_time
              : latest,
          null,
        );
        bySystem.set(id, { rows: list, newest, ageDays: this.ageDays(newest) });
      }
      this.insights.set(table, bySystem);
    }
    return bySystem.get(systemId) ?? EMPTY_GROUP;
  }

  private ageDays(iso: string | null | undefined): number | null {
    if (!iso) return null;
    const then = Date.parse(iso);
    return Number.isNaN(then)
      ? null
      : Math.floor((this.atMillis - then) / 86_400_000);
  }
}

const LOGIN_EVENTS = new Set([
  'user_login_attempt',
  'sso_auth',
  'login_attempt',
  'radius_auth',
  'ldap_bind',
]);

const OS_UPDATE_EVENTS = new Set(['os_minor_upgrade', 'os_major_upgrade']);

function indexEvents(events: JcDirectoryEvent[]) {
  const lastLogin = new Map<string, number>();
  const lastOsUpdate = new Map<string, number>();
  let oldest: number | null = null;
  const keepLatest = (map: Map<string, number>, id: string, at: number) => {
    const previous = map.get(id);
    if (previous === undefined || previous < at) map.set(id, at);
  };
  const toIso = (map: Map<string, number>) =>
    new Map([...map].map(([id, at]) => [id, new Date(at).toISOString()]));
  for (const event of events) {
    // Timestamps vary in precision ("…00Z" vs "…00.123Z"): compare instants, not strings.
    const at = Date.parse(event.timestamp);
    if (Number.isNaN(at)) continue;
    if (oldest === null || at < oldest) oldest = at;
    if (event.success === false) continue;
    if (OS_UPDATE_EVENTS.has(event.event_type)) {
      const system = event.system as { id?: string } | undefined;
      const systemId = system?.id ?? event.resource?.id;
      if (systemId) keepLatest(lastOsUpdate, systemId, at);
    } else if (LOGIN_EVENTS.has(event.event_type)) {
      const userId = event.initiated_by?.id ?? event.resource?.id;
      if (userId) keepLatest(lastLogin, userId, at);
    }
  }
  return {
    lastLogin: toIso(lastLogin),
    lastOsUpdate: toIso(lastOsUpdate),
    oldest: oldest === null ? null : new Date(oldest).toISOString(),
  };
}
