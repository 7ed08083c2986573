import type {
  JcSystem,
  JcSystemInsightsRow,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Decision } from '../helpers';
import { deviceCheck } from '../checkBuilders';
import {
  fail,
  insights,
  isOn,
  matchAny,
  osFamilyOf,
  pass,
  refs,
  unknown,
} from '../helpers';
import { boundPolicies, policySucceeded } from '../policies';
import type { BuiltInCheckContext } from '../types';

/** Decision from bound policies matching a pattern, or undefined when none is bound. */
function fromPolicy(
  system: JcSystem,
  ctx: BuiltInCheckContext,
  pattern: RegExp,
  what: string,
): Decision | undefined {
  const statuses = boundPolicies(system, ctx, pattern);
  if (statuses.length === 0) return undefined;
  const failing = statuses.filter(s => !policySucceeded(s));
  const evidence = {
    policies: statuses.map(s => ({
      policyID: s.policyID,
      success: s.success ?? null,
      state: s.state ?? null,
    })),
  };
  return failing.length === 0
    ? pass(`A ${what} policy is bound and succeeding`, evidence)
    : fail(`The ${what} policy is bound but not succeeding`, evidence);
}

const LOCK_POLICY = /lock.?screen|screen.?lock|screensaver|screen saver/;

export const screenLock = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-03',
    title: 'Screen lock with password',
    severity: 'medium',
    description:
      'The screen locks after at most the configured idle time (default 900 s) and asks for the password on wake, read from the managed screensaver settings (macOS) or a bound lock-screen policy.',
    remediation:
      'Bind the JumpCloud Lock Screen / Screensaver policy with an idle time within the limit and "require password" on.',
    fields: [
      'systeminsights.managed_policies(com.apple.screensaver).idleTime',
      'systeminsights.managed_policies(com.apple.screensaver).askForPassword',
      'systeminsights.managed_policies(com.apple.screensaver).askForPasswordDelay',
      'policystatuses.success',
      'policies.template.name',
    ],
    frameworks: refs(['CC6.1'], ['A.7.7', 'A.8.1'], ['4.3'], ['AC-11']),
  },
  decide(system, ctx) {
    const limit = ctx.thresholds.screenLockSeconds;
    if (osFamilyOf(system) === 'macos') {
      const data = insights(system, 'managed_policies', ctx);
      if (!('gap' in data)) {
        // osquery's domain column is case-insensitive (the payload's file name).
        const saver = data.rows.filter(
          r => String(r.domain ?? '').toLowerCase() === 'com.apple.screensaver',
        );
        const value = (name: string) => saver.find(r => r.name === name)?.value;
        const idle = value('idleTime');
        const ask = value('askForPassword');
        const delay = value('askForPasswordDelay');
        if (idle !== undefined || ask !== undefined) {
          const evidence = {
            idleTime: idle ?? null,
            askForPassword: ask ?? null,
            askForPasswordDelay: delay ?? null,
            limitSeconds: limit,
          };
          if (idle === undefined || Number(idle) <= 0 || Number(idle) > limit)
            return fail(
              `The screensaver idle time (${
                idle ?? 'unset'
              }) exceeds ${limit} s`,
              evidence,
            );
          if (!isOn(ask))
            return fail(
              'The screen does not ask for the password on wake',
              evidence,
            );
          if (delay !== undefined && Number(delay) > 5)
            return fail(
              `The password is asked only ${delay} s after the screensaver starts`,
              evidence,
            );
          return pass(
            `The screen locks after ${idle} s and asks for the password`,
            evidence,
          );
        }
      }
      const policy = fromPolicy(system, ctx, LOCK_POLICY, 'lock-screen');
      if (policy) return policy;
      if (!('gap' in data))
        return fail(
          'No managed screensaver setting and no lock-screen policy',
          { limitSeconds: limit },
        );
      return data.gap;
    }
    return (
      fromPolicy(system, ctx, LOCK_POLICY, 'lock-screen') ??
      unknown(
        'No lock-screen policy is bound and the local setting is not reported for this OS',
      )
    );
  },
});

const FIREWALL_POLICY = /firewall/;

/**
 * osquery before 5.14 returns no `alf` rows on macOS 15 (osquery#8395):
 * an empty table there says nothing about the firewall.
 */
function silentAlf(
  system: JcSystem,
  ctx: BuiltInCheckContext,
): Decision | undefined {
  const detail = system.osVersionDetail;
  const major = detail?.majorNumber ?? Number(detail?.major ?? NaN);
  if (system.systemInsights?.state !== 'enabled' || !(major >= 15))
    return undefined;
  if (ctx.index.insightsRows('alf', system._id)?.length !== 0) return undefined;
  return unknown(
    `No firewall state: on macOS ${major} osquery older than 5.14 returns no alf rows (osquery#8395); update the JumpCloud agent`,
    { agentVersion: system.agentVersion ?? null, macOS: major },
  );
}

export const hostFirewall = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-04',
    title: 'Host firewall on',
    severity: 'medium',
    description:
      'The host firewall is on: macOS Application Firewall state, Windows Security Center firewall health, or a bound firewall policy on Linux.',
    remediation:
      'Bind the JumpCloud firewall policy for the OS, or enable the firewall in the OS settings.',
    fields: [
      'systeminsights.alf.global_state',
      'systeminsights.windows_security_center.firewall',
      'policystatuses.success',
      'policies.template.name',
    ],
    frameworks: refs(['CC6.6'], ['A.8.20'], ['4.5'], ['SC-7(12)']),
  },
  decide(system, ctx) {
    const family = osFamilyOf(system);
    let gap: Decision | undefined;
    if (family === 'macos') {
      const data = insights(system, 'alf', ctx);
      if ('gap' in data) gap = silentAlf(system, ctx) ?? data.gap;
      else {
        const raw = data.rows[0].global_state;
        const state = Number(raw);
        if (raw === null || raw === undefined || Number.isNaN(state))
          return unknown('alf reports no global_state', { global_state: null });
        return state >= 1
          ? pass('The application firewall is on', { global_state: state })
          : fail('The application firewall is off', { global_state: state });
      }
    } else if (family === 'windows') {
      const data = insights(system, 'windows_security_center', ctx);
      if ('gap' in data) gap = data.gap;
      else {
        const firewall = String(data.rows[0].firewall ?? '');
        if (firewall === 'Good')
          return pass('Windows Security Center reports the firewall healthy', {
            firewall,
          });
        if (firewall === 'Poor' || firewall === 'Snoozed')
          return fail(
            `Windows Security Center reports the firewall ${firewall}`,
            { firewall },
          );
        gap = unknown(
          `Windows Security Center reports the firewall as "${
            firewall || 'empty'
          }"`,
          { firewall },
        );
      }
    }
    return (
      fromPolicy(system, ctx, FIREWALL_POLICY, 'firewall') ??
      gap ??
      unknown(
        'No firewall policy is bound and Linux firewall state is not reported',
      )
    );
  },
});

export const antiMalware = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-05',
    title: 'Anti-malware active and current',
    severity: 'high',
    description:
      'Windows: an antivirus product is on with current signatures (Security Center). macOS/Linux: an allow-listed EDR/anti-malware product is installed.',
    remediation:
      "Install and start the organisation's EDR (add its name to jumpcloud.checks.edrAllowList), or turn Microsoft Defender back on and update its signatures.",
    fields: [
      'systeminsights.windows_security_products.type',
      'systeminsights.windows_security_products.state',
      'systeminsights.windows_security_products.signatures_up_to_date',
      'systeminsights.windows_security_center.antivirus',
      'systeminsights.apps.name',
    ],
    frameworks: refs(['CC6.8'], ['A.8.7'], ['10.1', '10.2'], ['SI-3']),
  },
  decide(system, ctx) {
    const family = osFamilyOf(system);
    if (family === 'windows') {
      const products = insights(system, 'windows_security_products', ctx);
      if (!('gap' in products)) {
        const av = products.rows.filter(
          r => String(r.type ?? '').toLowerCase() === 'antivirus',
        );
        const on = av.filter(r => String(r.state ?? '').toLowerCase() === 'on');
        const evidence = {
          antivirus: av.map(r => ({
            name: r.name,
            state: r.state,
            signatures_up_to_date: r.signatures_up_to_date,
          })),
        };
        if (on.some(r => isOn(r.signatures_up_to_date)))
          return pass(
            'An antivirus product is on with current signatures',
            evidence,
          );
        if (on.length > 0)
          return fail(
            'The antivirus is on but its signatures are out of date',
            evidence,
          );
        return fail('No antivirus product is on', evidence);
      }
      const center = insights(system, 'windows_security_center', ctx);
      if ('gap' in center) return products.gap;
      const state = String(center.rows[0].antivirus ?? '');
      if (state === 'Good')
        return pass('Windows Security Center reports antivirus healthy', {
          antivirus: state,
        });
      if (state === 'Poor' || state === 'Snoozed')
        return fail(`Windows Security Center reports antivirus ${state}`, {
          antivirus: state,
        });
      return unknown(
        `Windows Security Center reports antivirus as "${state || 'empty'}"`,
        { antivirus: state },
      );
    }
    if (family === 'linux')
      return unknown(
        'Linux package inventory is not collected, so EDR presence cannot be read',
      );
    const apps = insights(system, 'apps', ctx);
    if ('gap' in apps) return apps.gap;
    const found = apps.rows
      .map(r => String(r.name ?? r.bundle_name ?? ''))
      .find(name => matchAny(name, ctx.thresholds.edrAllowList));
    return found
      ? pass(`Anti-malware product installed: ${found}`, { product: found })
      : fail('No allow-listed EDR/anti-malware product is installed', {
          allowList: ctx.thresholds.edrAllowList,
        });
  },
});

/**
 * SIP from osquery's sip_config: one row per flag. The `sip` row is 1 when
 * SIP is on; each `allow_*` row is a relaxation, 1 when that protection is
 * off (`csrutil enable --without kext` sets `allow_untrusted_kexts`).
 */
function sipDecision(rows: JcSystemInsightsRow[]): Decision {
  const sip = rows.find(r => r.config_flag === 'sip');
  const relaxed = rows
    .filter(r => String(r.config_flag ?? '').startsWith('allow_'))
    .filter(r => isOn(r.enabled))
    .map(r => String(r.config_flag));
  const evidence = { sip: sip?.enabled ?? null, relaxed };
  if (sip && !isOn(sip.enabled))
    return fail(
      relaxed.length
        ? `System Integrity Protection is disabled (relaxed: ${relaxed.join(
            ', ',
          )})`
        : 'System Integrity Protection is disabled',
      evidence,
    );
  if (relaxed.length)
    return fail(
      `System Integrity Protection is relaxed: ${relaxed.join(', ')}`,
      evidence,
    );
  if (!sip)
    return unknown('System Insights reported no `sip` row in sip_config', {
      flags: rows.map(r => r.config_flag ?? null),
    });
  return pass('System Integrity Protection is on with no relaxation', evidence);
}

export const platformIntegrity = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-18',
    title: 'Platform integrity (Secure Boot, SIP, UAC)',
    severity: 'medium',
    description:
      'Boot and OS integrity protections are on: Secure Boot (not in setup mode) and UAC on Windows, Secure Boot on Linux, and on macOS System Integrity Protection on with none of its protections relaxed (osquery `sip_config`: the `sip` row 1, every `allow_*` row 0).',
    remediation:
      'Enable Secure Boot in the firmware, keep UAC at its default level, and never disable or relax SIP (`csrutil enable` from recovery restores it).',
    fields: [
      'systeminsights.secureboot.secure_boot',
      'systeminsights.secureboot.setup_mode',
      'systeminsights.sip_config.config_flag',
      'systeminsights.sip_config.enabled',
      'systeminsights.windows_security_center.user_account_control',
    ],
    frameworks: refs(
      ['CC6.8'],
      ['A.8.7', 'A.8.9'],
      ['4.1', '10.5'],
      ['SI-7', 'CM-6'],
    ),
  },
  decide(system, ctx) {
    const family = osFamilyOf(system);
    if (family === 'macos') {
      const sip = insights(system, 'sip_config', ctx);
      if ('gap' in sip) return sip.gap;
      return sipDecision(sip.rows);
    }
    const boot = insights(system, 'secureboot', ctx);
    if ('gap' in boot) return boot.gap;
    const secureBoot = boot.rows[0].secure_boot;
    // osquery writes -1 (Windows) or nothing (Linux) when it cannot read the
    // EFI variable: that is no answer, not Secure Boot off.
    if (secureBoot === 0 || secureBoot === '0')
      return fail('Secure Boot is off', { secure_boot: secureBoot });
    if (!isOn(secureBoot))
      return unknown('osquery could not read the Secure Boot EFI variable', {
        secure_boot: secureBoot ?? null,
      });
    if (isOn(boot.rows[0].setup_mode))
      return fail(
        'The firmware is in Secure Boot setup mode (no platform key): Secure Boot is not enforced',
        { secure_boot: secureBoot, setup_mode: boot.rows[0].setup_mode },
      );
    if (family === 'linux')
      return pass('Secure Boot is on', { secure_boot: secureBoot });
    const center = insights(system, 'windows_security_center', ctx);
    if ('gap' in center) return center.gap;
    const uac = String(center.rows[0].user_account_control ?? '');
    if (uac === 'Good')
      return pass('Secure Boot is on and UAC is healthy', {
        secure_boot: secureBoot,
        user_account_control: uac,
      });
    if (uac === 'Poor')
      return fail('User Account Control is weakened', {
        user_account_control: uac,
      });
    return unknown(`UAC state reported as "${uac || 'empty'}"`, {
      user_account_control: uac,
    });
  },
});
