import { userCheck } from '../checkBuilders';
import {
  dayOf,
  daysSince,
  fail,
  notApplicable,
  pass,
  refs,
  unknown,
} from '../helpers';

export const offboardedDeprovisioned = userCheck({
  allUsers: true,
  meta: {
    id: 'USR-03',
    title: 'Offboarded users deprovisioned',
    severity: 'critical',
    description:
      'Users terminated in the HR system are suspended in JumpCloud within the SLA. Needs an HR/people source with termination dates, which this plugin does not collect: always unknown until one is connected.',
    remediation:
      'Connect an HR source (or a custom check through the extension point) that supplies termination dates.',
    fields: [
      'systemusers.state',
      'systemusers.employeeIdentifier',
      'hr.terminationDate',
    ],
    frameworks: refs(
      ['CC6.2', 'CC6.3'],
      ['A.5.18', 'A.6.5'],
      ['6.2'],
      ['AC-2', 'PS-4'],
    ),
  },
  decide(user) {
    return unknown('No HR termination date is collected for this user', {
      state: user.state ?? null,
    });
  },
});

export const noDormantAccounts = userCheck({
  meta: {
    id: 'USR-04',
    title: 'No dormant accounts',
    severity: 'medium',
    description:
      'An active account has logged in (User Portal, SSO, device, RADIUS or LDAP) within jumpcloud.checks.dormantDays (default 45, CIS v8 5.3), per the Directory Insights events each sync reads (jumpcloud.sync.directoryInsightsDays, default 90: JumpCloud keeps no more). The window must be shorter than the events read, so it can be covered. Unknown while the events held cover less than the window; the unknown result gives the days they cover.',
    remediation:
      'Suspend accounts nobody uses, or confirm the owner still needs them.',
    fields: [
      'directoryevents.user_login_attempt',
      'directoryevents.sso_auth',
      'directoryevents.login_attempt',
      'directoryevents.radius_auth',
      'directoryevents.ldap_bind',
      'systemusers.created',
    ],
    frameworks: refs(['CC6.2'], ['A.5.18'], ['5.3'], ['AC-2(3)']),
  },
  decide(user, ctx) {
    const limit = ctx.thresholds.dormantDays;
    const last = ctx.index.lastLoginByUser.get(user._id);
    const sinceLogin = daysSince(last, ctx.at);
    // Passing and failing results name no figure that moves by itself each
    // day (the days since, the events' first day): only the unknown does.
    if (sinceLogin !== null && sinceLogin <= limit)
      return pass(
        `Last login on ${dayOf(last!)}, within the ${limit}-day window`,
        { lastLogin: last, windowDays: limit },
      );
    const age = daysSince(user.created, ctx.at);
    if (age !== null && age <= limit)
      return pass(
        `The account was created on ${dayOf(
          user.created!,
        )}, within the ${limit}-day window`,
        { created: user.created, windowDays: limit },
      );
    // The window read: from the oldest Directory Insights event's day to now.
    const from = ctx.index.eventsFromDay;
    const coverage = ctx.index.eventCoverageDays;
    if (coverage === null || coverage < limit)
      return unknown(
        `Directory Insights read back ${coverage ?? 0} days${
          from ? ` (from ${from})` : ''
        }, less than the ${limit}-day dormancy window`,
        { windowDays: limit, coverageDays: coverage ?? 0, eventsFrom: from },
      );
    return fail(
      `No login in the last ${limit} days of Directory Insights events`,
      { lastLogin: last ?? null, windowDays: limit },
    );
  },
});

export const passwordLifecycle = userCheck({
  meta: {
    id: 'USR-07',
    title: 'Password lifecycle sane',
    severity: 'low',
    description:
      'No human account has "password never expires" while the organisation policy expects rotation; an expired password on an active account is reported in the message.',
    remediation:
      'Clear "password never expires" on the user, or move service accounts to a dedicated, inventoried type (USR-11).',
    fields: [
      'systemusers.password_never_expires',
      'systemusers.password_expired',
      'organization.settings.passwordCompliance',
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays',
    ],
    frameworks: refs(['CC6.1'], ['A.5.17'], ['5.2'], ['IA-5(1)']),
  },
  decide(user, ctx) {
    const evidence = {
      password_never_expires: user.password_never_expires ?? null,
      password_expired: user.password_expired ?? null,
    };
    const note = user.password_expired ? ' (password currently expired)' : '';
    if (user.password_never_expires === undefined)
      return unknown('password_never_expires is not reported', evidence);
    if (!user.password_never_expires)
      return pass(
        `The password follows the organisation policy${note}`,
        evidence,
      );
    const settings = ctx.snapshot.organization?.settings;
    // The custom policy fields apply only to `custom`: a preset's rotation is not reported.
    const preset = settings?.passwordCompliance;
    if (preset && preset !== 'custom')
      return unknown(
        `The organisation uses the "${preset}" password preset, whose rotation JumpCloud does not report`,
        { ...evidence, passwordCompliance: preset },
      );
    const policy = settings?.passwordPolicy;
    if (!policy)
      return unknown(
        'The organisation password policy is not readable',
        evidence,
      );
    return policy.enablePasswordExpirationInDays === true
      ? fail(
          'The password never expires although the policy expects rotation',
          evidence,
        )
      : pass(`The organisation does not force rotation${note}`, evidence);
  },
});

export const noStaleStagedAccounts = userCheck({
  allUsers: true,
  meta: {
    id: 'USR-08',
    title: 'No stale staged accounts',
    severity: 'low',
    description:
      'Staged (never activated) accounts older than jumpcloud.checks.stagedMaxDays are clutter that can be activated by mistake.',
    remediation:
      'Activate or delete staged accounts that are no longer expected.',
    fields: ['systemusers.state', 'systemusers.created'],
    frameworks: refs(['CC6.2'], ['A.5.16'], ['5.1'], ['AC-2']),
  },
  decide(user, ctx) {
    if (user.state !== 'STAGED')
      return notApplicable(`The account is ${user.state ?? 'not staged'}`);
    const age = daysSince(user.created, ctx.at);
    if (age === null) return unknown('The creation date is not reported');
    const max = ctx.thresholds.stagedMaxDays;
    const since = `Staged since ${dayOf(user.created!)}`;
    return age > max
      ? fail(`${since}, more than ${max} days`, { created: user.created })
      : pass(`${since}, within ${max} days`, { created: user.created });
  },
});
