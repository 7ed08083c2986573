import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

const names = z.array(z.string().min(1));

/**
 * `jumpcloud.checks` in app-config. Every key is optional; defaults follow
 * the compliance catalogue (CIS v8 / NIST wording where they differ).
 */
export const checksConfigSchema = z.object({
  /** Check ids switched off, e.g. `[DEV-09, USR-14]`. */
  disabled: names.default([]),
  /** A device not seen for longer than this is stale: its checks are unknown. */
  staleDays: z.number().int().positive().default(30),
  /** DEV-10 passes within this many days of the last check-in. */
  checkInDays: z.number().int().positive().default(14),
  /** DEV-03: longest allowed idle time before the screen locks. */
  screenLockSeconds: z.number().int().positive().default(900),
  /** DEV-06: minimum OS version per family (`macos`, `windows`, `linux` or a distribution name such as `ubuntu`). */
  osBaselines: z
    .record(
      z
        .string()
        .regex(/^\d+(\.\d+){0,2}$/, 'use a version like 14.0 or 10.0.19045'),
    )
    .default({ macos: '14.0', windows: '10.0.19045', ubuntu: '22.04' }),
  /** DEV-07: the newest patch must be at most this old. */
  patchMaxAgeDays: z.number().int().positive().default(35),
  /** DEV-20: a policy pending longer than this fails. */
  policyPendingDays: z.number().int().positive().default(7),
  /** DEV-19: policy template names (substrings) each OS must have bound. */
  requiredPolicies: z.record(names).default({
    macos: ['filevault', 'screen', 'firewall', 'update'],
    windows: ['bitlocker', 'screen', 'firewall', 'update'],
    linux: ['screen', 'update'],
  }),
  /** DEV-05: EDR/anti-malware product names (substrings, case-insensitive). */
  edrAllowList: names.default([
    'CrowdStrike',
    'Falcon',
    'SentinelOne',
    'Microsoft Defender',
    'Sophos',
    'Jamf Protect',
    'Malwarebytes',
    'Bitdefender',
    'ESET',
  ]),
  /** DEV-09: password managers (substrings, case-insensitive). */
  passwordManagerAllowList: names.default([
    '1Password',
    'Bitwarden',
    'LastPass',
    'Dashlane',
    'Keeper',
    'JumpCloud Password Manager',
  ]),
  /** DEV-21: prohibited software (substrings, case-insensitive). */
  prohibitedSoftware: names.default(['uTorrent', 'BitTorrent']),
  /** DEV-11: device tags that mark shared machines or servers (no owner needed). */
  sharedDeviceTags: names.default(['shared', 'server', 'kiosk']),
  /** DEV-15: local accounts allowed to be admins (break-glass, IT). */
  localAdminAllowList: names.default([]),
  /** USR-02: longest allowed MFA exclusion. */
  mfaExclusionMaxDays: z.number().int().positive().default(14),
  /** USR-04: an account without a login for longer than this is dormant. */
  dormantDays: z.number().int().positive().default(90),
  /** USR-08: a staged account older than this fails. */
  stagedMaxDays: z.number().int().positive().default(30),
  /** USR-10: corporate e-mail domains; empty = only duplicates are checked. */
  corporateDomains: names.default([]),
  /** USR-12: employee types that need no device (contractors, service…). */
  deviceExemptEmployeeTypes: names.default(['service', 'contractor']),
  /** USR-13: admin e-mails allowed to hold API keys (integrations). */
  apiKeyAllowedAdmins: names.default([]),
  /** USR-13: API keys older than this fail. */
  apiKeyMaxAgeDays: z.number().int().positive().default(365),
  /** USR-14: bounds for admins with billing rights. */
  superAdminMin: z.number().int().min(0).default(2),
  superAdminMax: z.number().int().positive().default(3),
  /** ORG-02 */
  passwordMinLength: z.number().int().positive().default(12),
  /** ORG-03 */
  passwordHistoryMin: z.number().int().positive().default(5),
  /** ORG-04 */
  maxLoginAttempts: z.number().int().positive().default(10),
  /** ORG-05: `max-days` (expire within passwordExpiryDays) or `no-forced-expiry` (NIST 800-63B). */
  passwordExpiryMode: z
    .enum(['max-days', 'no-forced-expiry'])
    .default('max-days'),
  passwordExpiryDays: z.number().int().positive().default(90),
  /** ORG-06 */
  portalIdleMinutes: z.number().int().positive().default(60),
  /** ORG-08 */
  certificateWarningDays: z.number().int().positive().default(30),
  /** ORG-09 */
  auditRetentionDays: z.number().int().positive().default(90),
});

export type CheckThresholds = z.infer<typeof checksConfigSchema>;

/** The defaults, for tests and for plugins without configuration. */
export const defaultCheckThresholds: CheckThresholds = checksConfigSchema.parse(
  {},
);

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
  return parsed.data;
}
