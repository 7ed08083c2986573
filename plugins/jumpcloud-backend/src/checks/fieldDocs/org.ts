import type { CheckFieldDocs } from './types';

/** Organisation checks (ORG-*): organisation settings (password policy, MFA, Directory Insights), authentication policies and Apple MDM. */
export const ORG_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'ORG-01': {
    fields: {
      'organization.settings.requireAdminMFA':
        'Org-wide: every administrator must use MFA.',
    },
    withoutData: 'Organisation settings not read: **unknown**.',
  },
  'ORG-02': {
    fields: {
      'organization.settings.passwordCompliance':
        '`custom`, `pci3` or `windows`; the password policy fields apply only to `custom` (a preset fails ORG-02 to ORG-05).',
      'organization.settings.passwordPolicy.enableMinLength':
        'Minimum length is enforced.',
      'organization.settings.passwordPolicy.minLength':
        'Minimum password length.',
    },
    withoutData:
      'Organisation settings or password policy not read: **unknown**.',
  },
  'ORG-03': {
    fields: {
      'organization.settings.passwordPolicy.disallowCommonlyUsedPasswords':
        'Common passwords are rejected.',
      'organization.settings.passwordPolicy.allowUsernameSubstring':
        'Passwords may contain the username (must be false).',
      'organization.settings.passwordPolicy.enableMaxHistory':
        'Password history is enforced…',
      'organization.settings.passwordPolicy.maxHistory':
        '…remembering this many previous passwords (1-24).',
    },
    withoutData:
      'Organisation settings or password policy not read: **unknown**.',
  },
  'ORG-04': {
    fields: {
      'organization.settings.passwordPolicy.enableMaxLoginAttempts':
        'Accounts lock after failed logins…',
      'organization.settings.passwordPolicy.maxLoginAttempts':
        '…after this many attempts.',
      'organization.settings.passwordPolicy.lockoutTimeInSeconds':
        'How long the lock lasts (evidence).',
    },
    withoutData:
      'Organisation settings or password policy not read: **unknown**.',
  },
  'ORG-05': {
    fields: {
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays':
        'Passwords expire…',
      'organization.settings.passwordPolicy.passwordExpirationInDays':
        '…after this many days.',
    },
    withoutData:
      'Organisation settings or password policy not read: **unknown**.',
  },
  'ORG-06': {
    fields: {
      'organization.settings.userPortal.idleSessionDurationMinutes':
        'User Portal sessions end after this many idle minutes.',
    },
    withoutData: 'Not reported: **unknown**.',
  },
  'ORG-07': {
    fields: {
      'authn/policies.disabled':
        'Conditional Access policy switched off (ignored, as are `monitorOnly` ones).',
      'authn/policies.type':
        '`user_portal`, `application`, `ldap`, `admin_portal`: what the policy guards.',
      'authn/policies.effect':
        '`action` allow/deny and `obligations.mfa.required`.',
      'authn/policies.conditions':
        'Conditions (IP lists, device trust…); an allow-without-MFA policy with none is a bypass.',
    },
    withoutData:
      'Conditional Access outside the plan (402) or not readable (403): the run leaves ORG-07 unevaluated (unknown). An organisation with no policies fails.',
  },
  'ORG-08': {
    fields: {
      'applemdms.apnsCertExpiry':
        'Expiry of the Apple Push Notification certificate every Apple MDM needs.',
      'applemdms.depAccessTokenExpiry':
        'Expiry of the Automated Device Enrollment (DEP) server token; absent without ADE.',
      'applemdms.depServerTokenState':
        '`valid`, `expired` (fails), `missing` (no ADE set up: not a fault, the token part is not applicable), `unknown` (the result is unknown unless something fails).',
    },
    withoutData:
      'No Apple MDM configured: **not applicable**. A configuration without an APNs expiry is unknown.',
  },
  'ORG-09': {
    fields: {
      'organization.settings.features.directoryInsights.enabled':
        'Directory Insights (audit events) is on; off fails.',
      'organization.settings.features.directoryInsightsPremium.enabled':
        'Longer retention than JumpCloud’s 90 days; needed when `auditRetentionDays` exceeds 90.',
      directoryevents:
        'Events returned by the sync (evidence that logging works).',
    },
    withoutData:
      'Enabled but no events returned: **unknown**; feature flag not reported: unknown.',
  },
};
