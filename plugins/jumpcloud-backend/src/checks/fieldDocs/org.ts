import type { CheckFieldDocs } from './types';

// Sources: v1 `organization` / `organizationsettings` (GET
// /api/organizations/{id}), v2 `AuthnPolicy` (GET /api/v2/authn/policies),
// v2 `AppleMDM` (GET /api/v2/applemdms) and Directory Insights.

const PRESET_OR_UNREAD =
  'Organisation settings not read: **unknown**; no `passwordPolicy` in the settings: unknown. A `pci3` or `windows` preset (`passwordCompliance` not `custom`) **fails**: the custom fields do not apply and JumpCloud does not report what the preset enforces.';

/** Organisation checks (ORG-*): organisation settings (password policy, MFA, Directory Insights), authentication policies and Apple MDM. */
export const ORG_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'ORG-01': {
    fields: {
      'organization.settings.requireAdminMFA':
        'Boolean, org-wide: every console administrator must use MFA.',
    },
    withoutData:
      'Settings not read, or `requireAdminMFA` absent from them: **unknown**.',
  },
  'ORG-02': {
    fields: {
      'organization.settings.passwordCompliance':
        '`custom`, `pci3` or `windows`; the `passwordPolicy` fields apply only to `custom` (a preset fails ORG-02 to ORG-05).',
      'organization.settings.passwordPolicy.enableMinLength':
        'Boolean: a minimum length is enforced; false fails whatever `minLength` says.',
      'organization.settings.passwordPolicy.minLength':
        'Integer: minimum password length; below `passwordMinLength` (default 12) fails.',
    },
    withoutData: PRESET_OR_UNREAD,
  },
  'ORG-03': {
    fields: {
      'organization.settings.passwordPolicy.disallowCommonlyUsedPasswords':
        'Boolean: passwords on a common-password list are rejected; anything but true fails.',
      'organization.settings.passwordPolicy.allowUsernameSubstring':
        'Boolean: passwords may contain the username; true fails.',
      'organization.settings.passwordPolicy.enableMaxHistory':
        'Boolean: password history is enforced…',
      'organization.settings.passwordPolicy.maxHistory':
        '…remembering this many previous passwords (integer 1-24); fewer than `passwordHistoryMin` (default 5) fails.',
    },
    withoutData: PRESET_OR_UNREAD,
  },
  'ORG-04': {
    fields: {
      'organization.settings.passwordPolicy.enableMaxLoginAttempts':
        'Boolean: accounts lock after failed logins…',
      'organization.settings.passwordPolicy.maxLoginAttempts':
        '…after this many attempts (integer ≥ 1); more than `maxLoginAttempts` (default 10) fails.',
      'organization.settings.passwordPolicy.lockoutTimeInSeconds':
        'How long the lock lasts (300-5400 s, when `enableLockoutTimeInSeconds`; otherwise until an admin unlocks): evidence only.',
    },
    withoutData: PRESET_OR_UNREAD,
  },
  'ORG-05': {
    fields: {
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays':
        'Boolean: passwords expire…',
      'organization.settings.passwordPolicy.passwordExpirationInDays':
        '…after this many days (integer ≥ 1). `max-days` mode fails no expiry or more than `passwordExpiryDays`; `no-forced-expiry` mode fails any expiry.',
    },
    withoutData: PRESET_OR_UNREAD,
  },
  'ORG-06': {
    fields: {
      'organization.settings.userPortal.idleSessionDurationMinutes':
        'Integer 1-129600: User Portal sessions end after this many idle minutes; more than `portalIdleMinutes` (default 60) fails.',
    },
    withoutData:
      'Settings not read, or no `userPortal.idleSessionDurationMinutes` number in them: **unknown**.',
  },
  'ORG-07': {
    fields: {
      'authn/policies.disabled':
        'Boolean: the policy is switched off (ignored).',
      'authn/policies.monitorOnly':
        'Boolean: the policy only logs what it would do (ignored).',
      'authn/policies.type':
        '`user_portal`, `application`, `ldap` or `admin_portal`: what the policy guards. ORG-07 needs `user_portal` and `application` covered; `ldap` and `admin_portal` policies are neither coverage nor bypass.',
      'authn/policies.effect':
        '`action` `allow`, `deny` or `unknown`, and `obligations.mfa.required` (plus `mfaFactors[]`); coverage needs allow with MFA required.',
      'authn/policies.targets':
        '`resources[] {type, id}` (no `id`: every resource of that type), `userGroups {inclusions, exclusions}`, `users {inclusions}`, `excludedApplications[]`. Covering policies reach all users (the "All Users" group, or no user scoping) and not only selected applications; exclusions are listed in the evidence.',
      'authn/policies.conditions':
        'Conditional language (`deviceManaged`, `deviceEncrypted`, `ipAddressIn`, `locationIn`, `not`/`all`/`any`); an allow-without-MFA User Portal or application policy with none (`{}` or absent) is a bypass.',
      'usergroups.name':
        'Finds the id of the "All Users" group that policies name to reach everyone.',
    },
    withoutData:
      'Conditional Access outside the plan (402) or not readable by the key’s role (403): ORG-07 is left unevaluated for the run, with that reason. An organisation with no policies **fails**.',
  },
  'ORG-08': {
    fields: {
      'applemdms.apnsPushTopic':
        'Push topic Apple assigned to the APNs certificate; JumpCloud documents an empty topic as "no signed certificate provided yet": a set-up never finished, not judged.',
      'applemdms.apnsCertExpiry':
        'Date-time (or null) the Apple Push Notification certificate every Apple MDM needs expires; within `certificateWarningDays` (default 30) or past fails.',
      'applemdms.depAccessTokenExpiry':
        'Date-time the Automated Device Enrollment (ADE/DEP) server token expires; absent without ADE. Within the warning window fails.',
      'applemdms.depServerTokenState':
        '`valid`, `expired` (fails), `missing` (no ADE set up: not a fault, the token part is not applicable), `unknown` (the result is unknown unless something fails).',
    },
    withoutData:
      'No Apple MDM configured, or only one whose set-up was never finished (empty `apnsPushTopic`, no APNs expiry): **not applicable**. A configuration with a topic but no APNs expiry, or an ADE token whose state is `unknown`: unknown.',
  },
  'ORG-09': {
    fields: {
      'organization.settings.features.directoryInsights.enabled':
        'Boolean: Directory Insights (the audit event log) is on; false fails.',
      'organization.settings.features.directoryInsightsPremium.enabled':
        'Boolean: retention longer than JumpCloud’s 90 days; needed when `auditRetentionDays` exceeds 90 (fails without it).',
      directoryevents:
        'Events returned by the sync for `jumpcloud.sync.directoryInsightsDays`: evidence that logging works, with the days they cover.',
    },
    withoutData:
      'Enabled but no events returned: **unknown**; feature flag not reported and no events: unknown. Directory Insights outside the plan (402) or not readable (403): ORG-09 is left unevaluated for the run, with that reason.',
  },
};
