import type {
  CheckEntityKind,
  CheckMetadata,
  CheckOutcomeStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  dataTypesOfFields,
  type JcAdmin,
  type JcGroup,
  type JcSystem,
  type JcSystemInsightsRow,
  type JcSystemUser,
  type SnapshotDataType,
  type SystemInsightsTable,
  jumpcloudOsFamily,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import type { CheckResult } from './runner';
import type { BuiltInCheck, BuiltInCheckContext } from './types';

/** What a check decides for one entity; the runner adds the entity. */
export interface Decision {
  status: CheckOutcomeStatus;
  message: string;
  evidence?: Record<string, unknown>;
}

export const pass = (
  message: string,
  evidence?: Record<string, unknown>,
): Decision => ({ status: 'pass', message, evidence });
export const fail = (
  message: string,
  evidence?: Record<string, unknown>,
): Decision => ({ status: 'fail', message, evidence });
export const unknown = (
  message: string,
  evidence?: Record<string, unknown>,
): Decision => ({ status: 'unknown', message, evidence });
export const notApplicable = (
  message: string,
  evidence?: Record<string, unknown>,
): Decision => ({ status: 'not_applicable', message, evidence });

export type Meta = Omit<CheckMetadata, 'family' | 'entityKind'>;

export type OsFamily =
  | 'macos'
  | 'windows'
  | 'linux'
  | 'ios'
  | 'android'
  | 'other';

/** The OS family of a device from `osFamily`, falling back to the `os` name. */
// Cached on the device object under a symbol: invisible to JSON (evidence
// stays byte-identical) and far cheaper than a WeakMap at millions of calls.
const FAMILY = Symbol('jumpcloud.osFamily');

/** The OS family of a device (cached: every device check asks). */
export function osFamilyOf(system: JcSystem): OsFamily {
  const holder = system as JcSystem & { [FAMILY]?: OsFamily };
  let family = holder[FAMILY];
  if (family === undefined) {
    family = detectOsFamily(system);
    Object.defineProperty(holder, FAMILY, {
      value: family,
      enumerable: false,
      configurable: true,
    });
  }
  return family;
}

/**
 * The plugins' one OS classification in the checks' words: 'macos' where
 * JumpCloud (and the stored assets) say 'darwin'.
 */
export function detectOsFamily(system: JcSystem): OsFamily {
  const family = jumpcloudOsFamily(system);
  return family === 'darwin' ? 'macos' : family;
}

export const deviceName = (s: JcSystem) => s.displayName || s.hostname || s._id;
export const userName = (u: JcSystemUser) => u.username || u.email || u._id;
export const adminName = (a: JcAdmin) => a.email || a._id;

const DAY_MS = 86_400_000;

/**
 * Whole days from an ISO time to the evaluation time; null when absent or
 * invalid. Date.parse, not luxon: this runs millions of times per sync.
 */
export function daysSince(
  iso: string | null | undefined,
  at: DateTime,
): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.floor((at.toMillis() - then) / DAY_MS);
}

/** Whole days from the evaluation time to an ISO time (negative when past). */
export function daysUntil(
  iso: string | null | undefined,
  at: DateTime,
): number | null {
  const since = daysSince(iso, at);
  return since === null ? null : -since;
}

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(n => parseInt(n, 10) || 0);
  const pb = b.split('.').map(n => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The first list entry contained in `value`, case-insensitively. */
export function matchAny(
  value: string | null | undefined,
  list: string[],
): string | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  return list.find(item => lower.includes(item.toLowerCase()));
}

/** True when the value means "on" in osquery/JumpCloud (1, "1", true, "true"). */
export function isOn(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/**
 * Staleness gate of device checks: a device offline past the freshness
 * window is unknown, never failing (its data no longer describes it).
 */
export function staleDevice(
  system: JcSystem,
  ctx: BuiltInCheckContext,
): Decision | undefined {
  if (system.active === true) return undefined;
  const days = ctx.index.contactDays(system);
  if (days === null)
    return unknown('The device has never reported a check-in time', {
      lastContact: system.lastContact ?? null,
    });
  if (days > ctx.thresholds.staleDays) {
    return unknown(
      `The device was last seen ${days} days ago, past the ${ctx.thresholds.staleDays}-day freshness window`,
      { lastContact: system.lastContact },
    );
  }
  return undefined;
}

/**
 * Rows of a System Insights table for a device, or the reason they cannot
 * be trusted (System Insights off or deferred, table not collected, no
 * rows, rows older than the freshness window).
 */
export function insights(
  system: JcSystem,
  table: SystemInsightsTable,
  ctx: BuiltInCheckContext,
): { rows: JcSystemInsightsRow[] } | { gap: Decision } {
  const state = system.systemInsights?.state ?? 'unknown';
  if (state !== 'enabled') {
    return {
      gap: unknown(`System Insights is ${state} on this device`, {
        'systemInsights.state': state,
      }),
    };
  }
  const group = ctx.index.insightsGroup(table, system._id);
  if (group === undefined) {
    return {
      gap: unknown(`System Insights table ${table} was not collected`),
    };
  }
  const { rows, newest, ageDays } = group;
  if (rows.length === 0) {
    return {
      gap: unknown(`System Insights reported no ${table} rows for this device`),
    };
  }
  if (ageDays !== null && ageDays > ctx.thresholds.staleDays) {
    return {
      gap: unknown(`System Insights ${table} data is ${ageDays} days old`, {
        collection_time: newest,
      }),
    };
  }
  return { rows };
}

export interface EntityCheckOptions<T> {
  meta: Meta;
  decide: (entity: T, ctx: BuiltInCheckContext) => Decision;
}

const NO_EVIDENCE: Record<string, unknown> = Object.freeze({});

/**
 * What a built-in check reads: the population it iterates and every source
 * its `fields` name. A field of an unknown source is a mistake in the check
 * (it would make the check wait for every data type), caught at load.
 */
function readsOf(
  meta: Meta,
  population: SnapshotDataType[],
): SnapshotDataType[] {
  const fromFields = dataTypesOfFields(meta.fields);
  if (!fromFields)
    throw new Error(
      `Check ${meta.id} names a field of an unknown source: ${meta.fields.join(
        ', ',
      )}`,
    );
  return [...new Set([...population, ...fromFields])];
}

/** A complete result whose status a check itself can produce. */
type BuiltInResult = CheckResult & { status: CheckOutcomeStatus };

/**
 * The final result object, built once with one stable shape: a large sync
 * produces millions. Evidence is kept where it explains a fail or a gap.
 */
function result(
  meta: Meta,
  entityKind: CheckEntityKind,
  decision: Decision,
  entityId: string,
  entityName: string,
): BuiltInResult {
  const keep = decision.status === 'fail' || decision.status === 'unknown';
  return {
    checkId: meta.id,
    severity: meta.severity,
    entityKind,
    entityId,
    entityName,
    status: decision.status,
    message: decision.message,
    evidence: keep ? decision.evidence ?? {} : NO_EVIDENCE,
  };
}

/**
 * A device check. `os` limits it to some OS families (others are not
 * applicable); `fresh: false` lets staleness checks see stale devices.
 */
export function deviceCheck(
  options: EntityCheckOptions<JcSystem> & { os?: OsFamily[]; fresh?: boolean },
): BuiltInCheck {
  const { meta, decide, os, fresh = true } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['systems']),
    family: 'device',
    entityKind: 'device',
    perEntity: 'systems',
    evaluate(ctx) {
      const outcomes: BuiltInResult[] = [];
      for (const system of ctx.snapshot.systems) {
        const family = osFamilyOf(system);
        let decision: Decision | undefined;
        if (os && !os.includes(family)) {
          const name = family === 'other' ? system.os ?? 'this OS' : family;
          decision = notApplicable(`Not applicable to ${name} devices`, {
            os: system.os ?? null,
          });
        }
        decision ??= fresh ? staleDevice(system, ctx) : undefined;
        decision ??= decide(system, ctx);
        outcomes.push(
          result(meta, 'device', decision, system._id, deviceName(system)),
        );
      }
      return outcomes;
    },
  };
}

/** True for the in-scope user population: activated and not suspended. */
export function isActiveUser(user: JcSystemUser): boolean {
  const state = user.state ?? (user.activated ? 'ACTIVATED' : undefined);
  return state === 'ACTIVATED' && user.suspended !== true;
}

/** A user check; users outside the active population are not applicable unless `allUsers`. */
export function userCheck(
  options: EntityCheckOptions<JcSystemUser> & { allUsers?: boolean },
): BuiltInCheck {
  const { meta, decide, allUsers = false } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['users']),
    family: 'user',
    entityKind: 'user',
    perEntity: 'users',
    evaluate(ctx) {
      const outcomes: BuiltInResult[] = [];
      for (const user of ctx.snapshot.users) {
        const decision =
          !allUsers && !isActiveUser(user)
            ? notApplicable(
                `The account is ${user.state ?? 'not activated'}${
                  user.suspended ? ' (suspended)' : ''
                }`,
                {
                  state: user.state ?? null,
                  suspended: user.suspended ?? null,
                },
              )
            : decide(user, ctx);
        outcomes.push(result(meta, 'user', decision, user._id, userName(user)));
      }
      return outcomes;
    },
  };
}

/** A console-administrator check (admins are a user subtype); suspended admins are not applicable. */
export function adminCheck(options: EntityCheckOptions<JcAdmin>): BuiltInCheck {
  const { meta, decide } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['admins']),
    family: 'user',
    entityKind: 'user',
    evaluate(ctx) {
      return ctx.snapshot.admins.map(admin =>
        result(
          meta,
          'user',
          admin.suspended
            ? notApplicable('The administrator is suspended', {
                suspended: true,
              })
            : decide(admin, ctx),
          admin._id,
          adminName(admin),
        ),
      );
    },
  };
}

/** A check over user and system groups. */
export function groupCheck(options: EntityCheckOptions<JcGroup>): BuiltInCheck {
  const { meta, decide } = options;
  return {
    ...meta,
    reads: readsOf(meta, ['userGroups', 'systemGroups']),
    family: 'group',
    entityKind: 'group',
    evaluate(ctx) {
      return [...ctx.snapshot.userGroups, ...ctx.snapshot.systemGroups].map(
        group =>
          result(meta, 'group', decide(group, ctx), group.id, group.name),
      );
    },
  };
}

/** A check with one result for the organisation. */
export function orgCheck(options: {
  meta: Meta;
  family?: 'org' | 'user' | 'group';
  decide: (ctx: BuiltInCheckContext) => Decision;
}): BuiltInCheck {
  const { meta, decide, family = 'org' } = options;
  return {
    ...meta,
    reads: readsOf(meta, []),
    family,
    entityKind: 'org',
    evaluate(ctx) {
      const org = ctx.snapshot.organization;
      const entityId = org?._id ?? ctx.orgId ?? ctx.connectionId;
      return [
        result(
          meta,
          'org',
          decide(ctx),
          entityId,
          org?.displayName ?? entityId,
        ),
      ];
    },
  };
}

/** Shorthand for framework references. */
export function refs(
  soc2: string[],
  iso27001: string[],
  cis: string[],
  nist: string[],
) {
  return { soc2, iso27001, cis, nist };
}
