import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

const names = z.array(z.string().min(1));

/**
 * `jumpcloud.checks` in app-config. Every key is optional; defaults follow
 * the compliance catalogue (CIS v8 / NIST wording where they differ).
 */
export const checksConfigSchema = z.object({
  disabled: names
    .default([])
    .describe('Check ids switched off, e.g. `[DEV-09, USR-14]`.'),
  staleDays: z
    .number()
    .int()
    .positive()
    .default(30)
    .describe(
      'A device not seen for longer than this is stale: its checks are unknown.',
    ),
  checkInDays: z
    .number()
    .int()
    .positive()
    .default(14)
    .describe('DEV-10 passes within this many days of the last check-in.'),
  screenLockSeconds: z
    .number()
    .int()
    .positive()
    .default(900)
    .describe('DEV-03: longest allowed idle time before the screen locks.'),
  osBaselines: z
    .record(
      z
        .string()
        .regex(/^\d+(\.\d+){0,2}$/, 'use a version like 14.0 or 10.0.19045'),
    )
    .default({ macos: '14.0', windows: '10.0.19045', ubuntu: '22.04' })
    .describe(
      'DEV-06: minimum OS version per family (`macos`, `windows`, `linux` or a distribution name such as `ubuntu`).',
    ),
  patchMaxAgeDays: z
    .number()
    .int()
    .positive()
    .default(35)
    .describe('DEV-07: the newest patch must be at most this old.'),
  policyPendingDays: z
    .number()
    .int()
    .positive()
    .default(7)
    .describe('DEV-20: a policy pending longer than this fails.'),
  requiredPolicies: z
    .record(names)
    .default({
      macos: ['filevault', 'screen', 'firewall', 'update'],
      windows: ['bitlocker', 'screen', 'firewall', 'update'],
      linux: ['screen', 'update'],
    })
    .describe(
      'DEV-19: policy template names (substrings) each OS must have bound.',
    ),
  edrAllowList: names
    .default([
      'CrowdStrike',
      'Falcon',
      'SentinelOne',
      'Microsoft Defender',
      'Sophos',
      'Jamf Protect',
      'Malwarebytes',
      'Bitdefender',
      'ESET',
    ])
    .describe(
      'DEV-05: EDR/anti-malware product names (substrings, case-insensitive).',
    ),
  passwordManagerAllowList: names
    .default([
      '1Password',
      'Bitwarden',
      'LastPass',
      'Dashlane',
      'Keeper',
      'JumpCloud Password Manager',
    ])
    .describe('DEV-09: password managers (substrings, case-insensitive).'),
  prohibitedSoftware: names
    // Windows lists µTorrent under its own name (µ is not u).
    .default(['uTorrent', 'µTorrent', 'BitTorrent'])
    .describe('DEV-21: prohibited software (substrings, case-insensitive).'),
  sharedDeviceTags: names
    .default(['shared', 'server', 'kiosk'])
    .describe(
      'DEV-11: custom attribute values (or legacy tags, where they hold names rather than tag ids) that mark shared machines or servers (no owner needed).',
    ),
  localAdminAllowList: names
    .default([])
    .describe('DEV-15: local accounts allowed to be admins (break-glass, IT).'),
  mfaExclusionMaxDays: z
    .number()
    .int()
    .positive()
    .default(14)
    .describe('USR-02: longest allowed MFA exclusion.'),
  dormantDays: z
    .number()
    .int()
    .positive()
    .default(45)
    .describe(
      "USR-04: an account without a login for longer than this is dormant (CIS v8 5.3: 45). Must be shorter than jumpcloud.sync.directoryInsightsDays (default 90, JumpCloud's retention), the events a sync reads, or no account could ever be shown dormant.",
    ),
  stagedMaxDays: z
    .number()
    .int()
    .positive()
    .default(30)
    .describe('USR-08: a staged account older than this fails.'),
  corporateDomains: names
    .default([])
    .describe(
      'USR-10: corporate e-mail domains; empty = only duplicates are checked.',
    ),
  deviceExemptEmployeeTypes: names
    .default(['service', 'contractor'])
    .describe(
      'USR-12: employee types that need no device (contractors, service…).',
    ),
  apiKeyAllowedAdmins: names
    .default([])
    .describe('USR-13: admin e-mails allowed to hold API keys (integrations).'),
  apiKeyMaxAgeDays: z
    .number()
    .int()
    .positive()
    .default(365)
    .describe('USR-13: API keys older than this fail.'),
  superAdminMin: z
    .number()
    .int()
    .min(0)
    .default(2)
    .describe(
      'USR-14: fewest active Administrators with Billing (break-glass).',
    ),
  superAdminMax: z
    .number()
    .int()
    .positive()
    .default(3)
    .describe('USR-14: most active Administrators with Billing.'),
  passwordMinLength: z
    .number()
    .int()
    .positive()
    .default(12)
    .describe('ORG-02: minimum password length.'),
  passwordHistoryMin: z
    .number()
    .int()
    .positive()
    .default(5)
    .describe('ORG-03: minimum number of remembered passwords.'),
  maxLoginAttempts: z
    .number()
    .int()
    .positive()
    .default(10)
    .describe('ORG-04: most failed logins allowed before lockout.'),
  passwordExpiryMode: z
    .enum(['max-days', 'no-forced-expiry'])
    .default('max-days')
    .describe(
      'ORG-05: `max-days` (expire within passwordExpiryDays) or `no-forced-expiry` (NIST 800-63B).',
    ),
  passwordExpiryDays: z
    .number()
    .int()
    .positive()
    .default(90)
    .describe('ORG-05 in `max-days` mode: longest allowed password lifetime.'),
  portalIdleMinutes: z
    .number()
    .int()
    .positive()
    .default(60)
    .describe('ORG-06: longest allowed User Portal idle session, in minutes.'),
  certificateWarningDays: z
    .number()
    .int()
    .positive()
    .default(30)
    .describe(
      'ORG-08: fail when an APNs certificate or ADE token expires within this many days.',
    ),
  auditRetentionDays: z
    .number()
    .int()
    .positive()
    .default(90)
    .describe(
      'ORG-09: audit history the organisation must keep, in days (documented in the result).',
    ),
});

export type CheckThresholds = z.infer<typeof checksConfigSchema>;

/** The defaults, for tests and for plugins without configuration. */
export const defaultCheckThresholds: CheckThresholds = checksConfigSchema.parse(
  {},
);

/** Days of Directory Insights a sync reads without configuration (JumpCloud's retention). */
export const DEFAULT_DIRECTORY_INSIGHTS_DAYS = 90;

/** Reads `jumpcloud.checks`; a bad value stops the plugin with a clear message. */
export function readCheckThresholds(config?: Config): CheckThresholds {
  const raw = config?.getOptional('jumpcloud.checks') ?? {};
  const parsed = checksConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map(
        issue => `jumpcloud.checks.${issue.path.join('.')}: ${issue.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid check configuration: ${detail}`);
  }
  const eventDays =
    config?.getOptionalNumber('jumpcloud.sync.directoryInsightsDays') ??
    DEFAULT_DIRECTORY_INSIGHTS_DAYS;
  if (parsed.data.dormantDays >= eventDays) {
    throw new InputError(
      `Invalid check configuration: jumpcloud.checks.dormantDays (${parsed.data.dormantDays}) must be shorter than the ${eventDays} days of Directory Insights events a sync reads (jumpcloud.sync.directoryInsightsDays): USR-04 could never find a dormant account`,
    );
  }
  return parsed.data;
}
