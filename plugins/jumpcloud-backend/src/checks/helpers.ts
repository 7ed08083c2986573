import type {
  CheckMetadata,
  CheckOutcomeStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  type JcAdmin,
  type JcSystem,
  type JcSystemInsightsRow,
  type JcSystemUser,
  type SystemInsightsTable,
  jumpcloudOsFamily,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import type { BuiltInCheckContext } from './types';

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

/**
 * The UTC day of an ISO time (yyyy-mm-dd). Messages name the day something
 * happened, not how many days ago: a result then changes when its data
 * does, not every day, and a later sync stores only what changed.
 */
export function dayOf(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
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
      `The device was last seen on ${dayOf(system.lastContact!)}, past the ${
        ctx.thresholds.staleDays
      }-day freshness window`,
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
      gap: unknown(
        `System Insights ${table} data was collected on ${dayOf(
          newest!,
        )}, past the ${ctx.thresholds.staleDays}-day freshness window`,
        { collection_time: newest },
      ),
    };
  }
  return { rows };
}

/** True for the in-scope user population: activated and not suspended. */
export function isActiveUser(user: JcSystemUser): boolean {
  const state = user.state ?? (user.activated ? 'ACTIVATED' : undefined);
  return state === 'ACTIVATED' && user.suspended !== true;
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
