import type {
  JcSystem,
  JcSystemInsightsRow,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import type { Decision } from '../helpers';
import { deviceCheck } from '../checkBuilders';
import {
  compareVersions,
  dayOf,
  daysSince,
  fail,
  insights,
  isOn,
  notApplicable,
  osFamilyOf,
  pass,
  refs,
  unknown,
} from '../helpers';
import { boundPolicies, policySucceeded } from '../policies';
import type { BuiltInCheckContext } from '../types';

/** The device's OS version as `major.minor.patch`, from the API or System Insights. */
function osVersion(
  system: JcSystem,
  ctx: BuiltInCheckContext,
): string | undefined {
  const d = system.osVersionDetail;
  if (d) {
    const major =
      d.majorNumber ??
      (d.major !== undefined && d.major !== '' ? Number(d.major) : undefined);
    if (major !== undefined && !Number.isNaN(major)) {
      const minor = d.minorNumber ?? Number(d.minor || 0);
      const patch = d.patchNumber ?? Number(d.patch || 0);
      return `${major}.${minor || 0}.${patch || 0}`;
    }
  }
  const row = ctx.index.insightsRows('os_version', system._id)?.[0];
  if (!row || row.major === undefined || row.major === null) return undefined;
  // osquery on Windows splits Version 10.0.22631 into major, minor and
  // `build` (text), leaving `patch` empty: the build is the third part.
  const build = /^\d+$/.test(String(row.build ?? '')) ? row.build : undefined;
  const third = row.patch ?? (osFamilyOf(system) === 'windows' ? build : 0);
  return `${row.major}.${row.minor ?? 0}.${third ?? 0}`;
}

function baselineFor(
  system: JcSystem,
  ctx: BuiltInCheckContext,
): { key: string; min: string } | undefined {
  const baselines = ctx.thresholds.osBaselines;
  const candidates = [
    system.osVersionDetail?.distributionName,
    system.osVersionDetail?.osName,
    system.os,
  ]
    .filter((v): v is string => Boolean(v))
    .map(v => v.toLowerCase());
  for (const [key, min] of Object.entries(baselines)) {
    if (candidates.some(c => c.includes(key.toLowerCase())))
      return { key, min };
  }
  const family = osFamilyOf(system);
  return baselines[family]
    ? { key: family, min: baselines[family] }
    : undefined;
}

export const osWithinBaseline = deviceCheck({
  meta: {
    id: 'DEV-06',
    title: 'OS supported and within baseline',
    severity: 'high',
    description:
      "The OS version is at or above the organisation's minimum for its platform (jumpcloud.checks.osBaselines), so it still receives security fixes.",
    remediation:
      'Upgrade the OS (bind the JumpCloud OS update policy) or adjust the baseline if the platform vendor still supports the version.',
    fields: [
      'systems.os',
      'systems.osVersionDetail.osName',
      'systems.osVersionDetail.distributionName',
      'systems.osVersionDetail.majorNumber',
      'systems.osVersionDetail.minorNumber',
      'systems.osVersionDetail.patchNumber',
      'systems.osVersionDetail.major',
      'systeminsights.os_version.major',
      'systeminsights.os_version.minor',
      'systeminsights.os_version.patch',
      'systeminsights.os_version.build',
    ],
    frameworks: refs(['CC7.1'], ['A.8.8'], ['2.2', '7.3'], ['SI-2', 'SA-22']),
  },
  decide(system, ctx) {
    const baseline = baselineFor(system, ctx);
    if (!baseline)
      return notApplicable(
        `No OS baseline is configured for ${system.os ?? 'this OS'}`,
        { os: system.os ?? null },
      );
    const version = osVersion(system, ctx);
    if (!version)
      return unknown('The OS version is not reported', {
        os: system.os ?? null,
      });
    const evidence = {
      os: system.os ?? null,
      version,
      baseline: baseline.min,
      baselineKey: baseline.key,
    };
    return compareVersions(version, baseline.min) >= 0
      ? pass(
          `${system.os ?? baseline.key} ${version} meets the baseline ${
            baseline.min
          }`,
          evidence,
        )
      : fail(
          `${system.os ?? baseline.key} ${version} is below the baseline ${
            baseline.min
          }`,
          evidence,
        );
  },
});

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Hotfix dates come as M/d/yyyy, yyyymmdd or ISO; impossible dates are skipped. */
function parsePatchDate(value: unknown): DateTime | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  const us = US_DATE.exec(text) ?? undefined;
  const compact = COMPACT_DATE.exec(text) ?? undefined;
  let parsed: DateTime;
  if (us) parsed = DateTime.utc(Number(us[3]), Number(us[1]), Number(us[2]));
  else if (compact)
    parsed = DateTime.utc(
      Number(compact[1]),
      Number(compact[2]),
      Number(compact[3]),
    );
  else parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed : undefined;
}

export const patchesRecent = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-07',
    title: 'Security patches applied recently',
    severity: 'medium',
    description:
      'The newest OS update is recent enough (jumpcloud.checks.patchMaxAgeDays): Windows hotfix install dates from System Insights; macOS/Linux OS-upgrade events from Directory Insights.',
    remediation:
      'Install pending OS updates; bind the JumpCloud OS update policy so they install automatically.',
    fields: [
      'systeminsights.patches.installed_on',
      'directoryevents.os_minor_upgrade',
      'directoryevents.os_major_upgrade',
    ],
    frameworks: refs(['CC7.1'], ['A.8.8'], ['7.3'], ['SI-2']),
  },
  decide(system, ctx) {
    const maxAge = ctx.thresholds.patchMaxAgeDays;
    if (osFamilyOf(system) === 'windows') {
      const data = insights(system, 'patches', ctx);
      if ('gap' in data) return data.gap;
      const dates = data.rows
        .map(r => parsePatchDate(r.installed_on))
        .filter((d): d is DateTime => Boolean(d));
      if (dates.length === 0)
        return unknown('No hotfix has a readable install date');
      const newest = dates.reduce((a, b) => (b > a ? b : a));
      const age = daysSince(newest.toISO(), ctx.at) ?? 0;
      const installedOn = newest.toISODate();
      const evidence = { newestInstalledOn: installedOn, maxAgeDays: maxAge };
      return age <= maxAge
        ? pass(
            `The newest hotfix was installed on ${installedOn}, within ${maxAge} days`,
            evidence,
          )
        : fail(
            `The newest hotfix was installed on ${installedOn}, more than ${maxAge} days ago`,
            evidence,
          );
    }
    const newest = ctx.index.lastOsUpdateBySystem.get(system._id);
    const age = daysSince(newest, ctx.at);
    if (age !== null && age <= maxAge)
      return pass(
        `The OS was updated on ${dayOf(newest!)}, within ${maxAge} days`,
        { lastUpdate: newest },
      );
    const coverage = ctx.index.eventCoverageDays;
    if (coverage !== null && coverage >= maxAge) {
      return fail(
        `No OS update in the last ${maxAge} days of Directory Insights`,
        { lastUpdate: newest ?? null },
      );
    }
    return unknown(
      `Directory Insights history (${
        coverage ?? 0
      } days) is shorter than the ${maxAge}-day window`,
    );
  },
});

/**
 * The managed SoftwareUpdate payload (osquery `managed_policies`, values as
 * text: plist booleans become "true"/"false", integers "1"/"0"). Checking
 * and installing are separate keys; a profile turning either off fails.
 */
const MAC_UPDATE_KEYS = [
  'AutomaticCheckEnabled',
  'AutomaticallyInstallMacOSUpdates',
] as const;

function macUpdateDecision(rows: JcSystemInsightsRow[]): Decision {
  const settings: Record<string, unknown> = {};
  for (const key of MAC_UPDATE_KEYS) {
    const row = rows.find(
      r =>
        String(r.domain ?? '').toLowerCase() === 'com.apple.softwareupdate' &&
        r.name === key,
    );
    if (row) settings[key] = row.value;
  }
  const keys = Object.keys(settings);
  if (keys.length === 0)
    return fail('No managed automatic-update setting and no update policy');
  const off = keys.filter(key => !isOn(settings[key]));
  return off.length
    ? fail(`macOS automatic updates are off (${off.join(', ')})`, settings)
    : pass('macOS automatic updates are on', settings);
}

export const automaticUpdates = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-08',
    title: 'Automatic updates enabled',
    severity: 'medium',
    description:
      'OS updates install automatically: Windows Security Center auto-update health, macOS managed SoftwareUpdate settings, or a bound and succeeding update/patch policy.',
    remediation:
      'Bind the JumpCloud OS patch-management policy for the platform.',
    fields: [
      'systeminsights.windows_security_center.autoupdate',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticCheckEnabled',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticallyInstallMacOSUpdates',
      'policystatuses.success',
      'policies.template.name',
    ],
    frameworks: refs(['CC7.1'], ['A.8.8'], ['7.3'], ['SI-2(5)']),
  },
  decide(system, ctx) {
    const statuses = boundPolicies(system, ctx, /update|patch/);
    if (statuses.length > 0) {
      const evidence = {
        policies: statuses.map(s => ({
          policyID: s.policyID,
          success: s.success ?? null,
        })),
      };
      return statuses.every(policySucceeded)
        ? pass('An update policy is bound and succeeding', evidence)
        : fail('The update policy is bound but failing', evidence);
    }
    const family = osFamilyOf(system);
    let decision: Decision = unknown(
      'No update policy is bound and the local setting is not reported for this OS',
    );
    if (family === 'windows') {
      const data = insights(system, 'windows_security_center', ctx);
      if ('gap' in data) return data.gap;
      const state = String(data.rows[0].autoupdate ?? '');
      if (state === 'Good')
        decision = pass('Windows automatic updates are on', {
          autoupdate: state,
        });
      else if (state === 'Poor' || state === 'Snoozed')
        decision = fail(`Windows automatic updates are ${state}`, {
          autoupdate: state,
        });
      else
        decision = unknown(
          `Windows auto-update reported as "${state || 'empty'}"`,
          { autoupdate: state },
        );
    } else if (family === 'macos') {
      const data = insights(system, 'managed_policies', ctx);
      if ('gap' in data) return data.gap;
      decision = macUpdateDecision(data.rows);
    }
    return decision;
  },
});
