import type { Decision } from '../helpers';
import { orgCheck } from '../checkBuilders';
import { fail, pass, refs, unknown } from '../helpers';
import type { BuiltInCheckContext } from '../types';

/** The custom password policy, or why it cannot be judged. */
export function passwordPolicy(
  ctx: BuiltInCheckContext,
): { policy: Record<string, unknown> } | { gap: Decision } {
  const settings = ctx.snapshot.organization?.settings;
  if (!settings)
    return { gap: unknown('The organisation settings were not read') };
  const compliance = settings.passwordCompliance;
  if (compliance && compliance !== 'custom') {
    // pci3 / windows presets ignore the custom policy fields.
    return {
      gap: fail(
        `The organisation uses the "${compliance}" password preset instead of a custom policy`,
        { passwordCompliance: compliance },
      ),
    };
  }
  if (!settings.passwordPolicy)
    return { gap: unknown('The password policy is not reported') };
  return { policy: settings.passwordPolicy };
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return undefined;
}

export const passwordLength = orgCheck({
  meta: {
    id: 'ORG-02',
    title: 'Password length',
    severity: 'medium',
    description:
      'The password policy enforces a minimum length of at least jumpcloud.checks.passwordMinLength (default 12).',
    remediation:
      'Settings → Security → User password policy: enable minimum length and set it to 12 or more.',
    fields: [
      'organization.settings.passwordCompliance',
      'organization.settings.passwordPolicy.enableMinLength',
      'organization.settings.passwordPolicy.minLength',
    ],
    frameworks: refs(['CC6.1'], ['A.5.17'], ['5.2'], ['IA-5(1)']),
  },
  decide(ctx) {
    const data = passwordPolicy(ctx);
    if ('gap' in data) return data.gap;
    const { enableMinLength, minLength } = data.policy;
    const min = ctx.thresholds.passwordMinLength;
    const evidence = {
      enableMinLength: enableMinLength ?? null,
      minLength: minLength ?? null,
      required: min,
    };
    if (enableMinLength === true && (num(minLength) ?? 0) >= min)
      return pass(`Minimum length ${minLength}`, evidence);
    return fail(
      enableMinLength === true
        ? `Minimum length ${minLength} is below ${min}`
        : 'Minimum length is not enforced',
      evidence,
    );
  },
});

export const passwordStrength = orgCheck({
  meta: {
    id: 'ORG-03',
    title: 'Password strength and reuse',
    severity: 'low',
    description:
      'Common passwords are blocked, usernames may not appear in passwords, and at least jumpcloud.checks.passwordHistoryMin previous passwords are remembered.',
    remediation:
      'Enable "disallow commonly used passwords", disable "allow username substring", and enable password history of 5 or more.',
    fields: [
      'organization.settings.passwordPolicy.disallowCommonlyUsedPasswords',
      'organization.settings.passwordPolicy.allowUsernameSubstring',
      'organization.settings.passwordPolicy.enableMaxHistory',
      'organization.settings.passwordPolicy.maxHistory',
    ],
    frameworks: refs(['CC6.1'], ['A.5.17'], ['5.2'], ['IA-5(1)']),
  },
  decide(ctx) {
    const data = passwordPolicy(ctx);
    if ('gap' in data) return data.gap;
    const p = data.policy;
    const problems: string[] = [];
    if (p.disallowCommonlyUsedPasswords !== true)
      problems.push('common passwords allowed');
    if (p.allowUsernameSubstring === true)
      problems.push('username substrings allowed');
    if (
      p.enableMaxHistory !== true ||
      (num(p.maxHistory) ?? 0) < ctx.thresholds.passwordHistoryMin
    )
      problems.push(`history below ${ctx.thresholds.passwordHistoryMin}`);
    const evidence = {
      disallowCommonlyUsedPasswords: p.disallowCommonlyUsedPasswords ?? null,
      allowUsernameSubstring: p.allowUsernameSubstring ?? null,
      enableMaxHistory: p.enableMaxHistory ?? null,
      maxHistory: p.maxHistory ?? null,
    };
    return problems.length
      ? fail(problems.join('; '), evidence)
      : pass('Strength and reuse rules are enforced', evidence);
  },
});

export const loginLockout = orgCheck({
  meta: {
    id: 'ORG-04',
    title: 'Lockout after failed logins',
    severity: 'medium',
    description:
      'Accounts lock after at most jumpcloud.checks.maxLoginAttempts failed logins (default 10).',
    remediation:
      'Enable "lockout after failed attempts" with 10 or fewer attempts.',
    fields: [
      'organization.settings.passwordPolicy.enableMaxLoginAttempts',
      'organization.settings.passwordPolicy.maxLoginAttempts',
      'organization.settings.passwordPolicy.lockoutTimeInSeconds',
    ],
    frameworks: refs(['CC6.1'], ['A.8.5'], ['4.10'], ['AC-7']),
  },
  decide(ctx) {
    const data = passwordPolicy(ctx);
    if ('gap' in data) return data.gap;
    const { enableMaxLoginAttempts, maxLoginAttempts, lockoutTimeInSeconds } =
      data.policy;
    const evidence = {
      enableMaxLoginAttempts: enableMaxLoginAttempts ?? null,
      maxLoginAttempts: maxLoginAttempts ?? null,
      lockoutTimeInSeconds: lockoutTimeInSeconds ?? null,
    };
    const limit = ctx.thresholds.maxLoginAttempts;
    if (
      enableMaxLoginAttempts === true &&
      (num(maxLoginAttempts) ?? Infinity) <= limit
    )
      return pass(`Lockout after ${maxLoginAttempts} attempts`, evidence);
    return fail(
      enableMaxLoginAttempts === true
        ? `Lockout only after ${maxLoginAttempts} attempts`
        : 'No lockout after failed logins',
      evidence,
    );
  },
});

export const passwordExpiry = orgCheck({
  meta: {
    id: 'ORG-05',
    title: 'Password expiry matches policy',
    severity: 'low',
    description:
      'Password expiry follows the chosen stance (jumpcloud.checks.passwordExpiryMode): expire within passwordExpiryDays ("max-days"), or no forced expiry (NIST 800-63B, "no-forced-expiry").',
    remediation:
      "Set password expiration in the user password policy to match the organisation's stance.",
    fields: [
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays',
      'organization.settings.passwordPolicy.passwordExpirationInDays',
    ],
    frameworks: refs(['CC6.1'], ['A.5.17'], ['5.2'], ['IA-5(1)']),
  },
  decide(ctx) {
    const data = passwordPolicy(ctx);
    if ('gap' in data) return data.gap;
    const {
      enablePasswordExpirationInDays: enabled,
      passwordExpirationInDays: days,
    } = data.policy;
    const evidence = {
      enablePasswordExpirationInDays: enabled ?? null,
      passwordExpirationInDays: days ?? null,
      mode: ctx.thresholds.passwordExpiryMode,
    };
    if (ctx.thresholds.passwordExpiryMode === 'no-forced-expiry') {
      return enabled === true
        ? fail(`Passwords are forced to expire every ${days} days`, evidence)
        : pass('No forced password expiry', evidence);
    }
    const max = ctx.thresholds.passwordExpiryDays;
    if (enabled === true && (num(days) ?? Infinity) <= max)
      return pass(`Passwords expire after ${days} days`, evidence);
    return fail(
      enabled === true
        ? `Passwords expire only after ${days} days (limit ${max})`
        : 'Passwords never expire',
      evidence,
    );
  },
});
