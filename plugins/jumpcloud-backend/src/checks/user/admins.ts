import { adminCheck, orgCheck } from '../checkBuilders';
import { dayOf, daysSince, fail, pass, refs, unknown } from '../helpers';

export const adminMfa = adminCheck({
  meta: {
    id: 'USR-05',
    title: 'Every admin uses MFA',
    severity: 'critical',
    description:
      'Every console administrator who is not suspended has MFA (TOTP) enabled.',
    remediation:
      'Have the administrator enrol TOTP in the Admin Portal; turn on "Require MFA for admins" (ORG-01).',
    fields: [
      'admins.enableMultiFactor',
      'admins.totpEnrolled',
      'admins.suspended',
    ],
    frameworks: refs(['CC6.1'], ['A.8.2', 'A.8.5'], ['6.5'], ['IA-2(1)']),
  },
  decide(admin) {
    const evidence = {
      enableMultiFactor: admin.enableMultiFactor ?? null,
      totpEnrolled: admin.totpEnrolled ?? null,
    };
    if (admin.enableMultiFactor === true || admin.totpEnrolled === true)
      return pass('The administrator uses MFA', evidence);
    if (
      admin.enableMultiFactor === undefined &&
      admin.totpEnrolled === undefined
    )
      return unknown('Admin MFA fields are not reported');
    return fail('The administrator has no MFA', evidence);
  },
});

export const adminApiKeyHygiene = adminCheck({
  meta: {
    id: 'USR-13',
    title: 'Admin API key hygiene',
    severity: 'medium',
    description:
      'API access is on only for administrators on jumpcloud.checks.apiKeyAllowedAdmins (when set), and every API key has an expiry and is younger than jumpcloud.checks.apiKeyMaxAgeDays.',
    remediation:
      'Disable API access for admins who do not need it; regenerate old keys with a TTL, or move integrations to service accounts.',
    fields: [
      'admins.apiKeyAllowed',
      'admins.apiKeySet',
      'admins.apiKeyUpdatedAt',
      'admins.apiKeyHash.createdAt',
      'admins.apiKeyHash.expireAt',
    ],
    frameworks: refs(['CC6.1'], ['A.5.17', 'A.8.2'], ['5.4'], ['IA-5', 'AC-6']),
  },
  decide(admin, ctx) {
    if (admin.apiKeyAllowed === undefined)
      return unknown('apiKeyAllowed is not reported');
    const created =
      admin.apiKeyHash?.createdAt ?? admin.apiKeyUpdatedAt ?? null;
    const evidence = {
      apiKeyAllowed: admin.apiKeyAllowed,
      apiKeySet: admin.apiKeySet ?? null,
      keyCreatedAt: created,
      expireAt: admin.apiKeyHash?.expireAt ?? null,
    };
    if (!admin.apiKeyAllowed) return pass('API access is off', evidence);
    const allowList = ctx.thresholds.apiKeyAllowedAdmins.map(e =>
      e.toLowerCase(),
    );
    if (
      allowList.length &&
      !allowList.includes((admin.email ?? '').toLowerCase())
    )
      return fail(
        'API access is on for an administrator not on the integration list',
        evidence,
      );
    if (admin.apiKeySet === false)
      return pass('API access allowed but no key is set', evidence);
    const age = daysSince(created, ctx.at);
    if (age === null)
      return unknown('The key creation date is not reported', evidence);
    const max = ctx.thresholds.apiKeyMaxAgeDays;
    if (age > max)
      return fail(
        `The API key was created on ${dayOf(
          created!,
        )}, more than ${max} days ago`,
        evidence,
      );
    if (!admin.apiKeyHash?.expireAt)
      return fail('The API key has no expiry (TTL)', evidence);
    return pass(
      `The API key was created on ${dayOf(created!)} and expires`,
      evidence,
    );
  },
});

export const superAdminCount = orgCheck({
  family: 'user',
  meta: {
    id: 'USR-14',
    title: 'Super-admin count bounded',
    severity: 'medium',
    description:
      'The number of active "Administrator with Billing" admins stays within jumpcloud.checks.superAdminMin (break-glass) and superAdminMax.',
    remediation:
      'Downgrade extra super-admins to Administrator, or add a second one for break-glass.',
    fields: ['admins.roleName', 'admins.suspended'],
    frameworks: refs(
      ['CC6.3'],
      ['A.8.2', 'A.5.3'],
      ['5.4'],
      ['AC-5', 'AC-6(7)'],
    ),
  },
  decide(ctx) {
    const admins = ctx.snapshot.admins;
    if (admins.length === 0)
      return unknown(
        'No administrators are in the snapshot (the key may not read admins)',
      );
    const supers = admins.filter(
      a => !a.suspended && /administrator with billing/i.test(a.roleName ?? ''),
    );
    const { superAdminMin: min, superAdminMax: max } = ctx.thresholds;
    const evidence = {
      superAdmins: supers.map(a => a.email ?? a._id),
      min,
      max,
    };
    if (supers.length > max)
      return fail(`${supers.length} super-admins (at most ${max})`, evidence);
    if (supers.length < min)
      return fail(
        `${supers.length} super-admin(s) (at least ${min} for break-glass)`,
        evidence,
      );
    return pass(`${supers.length} super-admins`, evidence);
  },
});
