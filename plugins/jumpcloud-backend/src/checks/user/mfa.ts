import { userCheck } from '../checkBuilders';
import {
  dayOf,
  daysUntil,
  fail,
  notApplicable,
  pass,
  refs,
  unknown,
} from '../helpers';

export const userMfaEnrolled = userCheck({
  meta: {
    id: 'USR-01',
    title: 'MFA enrolled for every active user',
    severity: 'high',
    description:
      'Every active user has a second factor enrolled (TOTP, WebAuthn or Push). A current, time-boxed JumpCloud MFA exclusion is honoured (see USR-02).',
    remediation:
      'Ask the user to enrol a factor in the User Portal, or require MFA enrolment through a conditional access policy.',
    fields: [
      'systemusers.mfaEnrollment.overallStatus',
      'systemusers.totp_enabled',
      'systemusers.mfa.configured',
      'systemusers.mfa.exclusion',
      'systemusers.mfa.exclusionUntil',
    ],
    frameworks: refs(
      ['CC6.1', 'CC6.6'],
      ['A.5.17', 'A.8.5'],
      ['6.3', '6.4'],
      ['IA-2(1)', 'IA-2(2)'],
    ),
  },
  decide(user, ctx) {
    const status = user.mfaEnrollment?.overallStatus;
    const evidence = {
      overallStatus: status ?? null,
      totp_enabled: user.totp_enabled ?? null,
      'mfa.configured': user.mfa?.configured ?? null,
    };
    if (
      status === 'ENROLLED' ||
      user.totp_enabled === true ||
      user.mfa?.configured === true
    )
      return pass('MFA is enrolled', evidence);
    const until = daysUntil(user.mfa?.exclusionUntil, ctx.at);
    if (user.mfa?.exclusion === true && until !== null && until >= 0) {
      return notApplicable(
        `Excluded from MFA until ${user.mfa.exclusionUntil}`,
        { ...evidence, exclusionUntil: user.mfa.exclusionUntil },
      );
    }
    if (
      status === undefined &&
      user.totp_enabled === undefined &&
      user.mfa?.configured === undefined
    )
      return unknown('No MFA enrolment field is reported');
    return fail(`MFA is not enrolled${status ? ` (${status})` : ''}`, evidence);
  },
});

export const mfaExclusionsTimeBoxed = userCheck({
  meta: {
    id: 'USR-02',
    title: 'MFA exclusions time-boxed',
    severity: 'medium',
    description:
      'A user excluded from MFA has an end date in the future and within jumpcloud.checks.mfaExclusionMaxDays.',
    remediation:
      "Set an end date on the exclusion (or remove it) in the user's MFA settings.",
    fields: [
      'systemusers.mfa.exclusion',
      'systemusers.mfa.exclusionUntil',
      'systemusers.mfa.exclusionDays',
    ],
    frameworks: refs(['CC6.1'], ['A.8.5'], ['6.3'], ['IA-2']),
  },
  decide(user, ctx) {
    if (!user.mfa || user.mfa.exclusion === undefined)
      return unknown('The MFA exclusion flag is not reported');
    if (!user.mfa.exclusion)
      return pass('No MFA exclusion', { exclusion: false });
    const until = user.mfa.exclusionUntil;
    const days = daysUntil(until, ctx.at);
    const evidence = {
      exclusion: true,
      exclusionUntil: until ?? null,
      maxDays: ctx.thresholds.mfaExclusionMaxDays,
    };
    if (days === null)
      return fail('The MFA exclusion has no end date', evidence);
    const end = dayOf(until!);
    const max = ctx.thresholds.mfaExclusionMaxDays;
    if (days < 0)
      return fail(
        `The MFA exclusion ended on ${end} but is still set`,
        evidence,
      );
    if (days > max)
      return fail(
        `The MFA exclusion runs until ${end}, more than ${max} days`,
        evidence,
      );
    return pass(`The MFA exclusion ends on ${end}`, evidence);
  },
});
