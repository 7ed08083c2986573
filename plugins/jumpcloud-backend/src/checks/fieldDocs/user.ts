import type { CheckFieldDocs } from './types';

// Sources: v1 `systemuserreturn` (GET /api/systemusers), v1 `userreturn`
// (administrators, read from the undocumented GET /api/users), the v2 graph
// (group members, device access) and the Directory Insights event catalogue.
// User checks judge active users only (`state` ACTIVATED and `suspended`
// false); staged and suspended accounts are not applicable unless said.

/** User and admin checks (USR-*): `systemusers`, administrators and their MFA. */
export const USER_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'USR-01': {
    fields: {
      'systemusers.mfaEnrollment.overallStatus':
        'Enum `NOT_ENROLLED`, `DISABLED`, `PENDING_ACTIVATION`, `ENROLLMENT_EXPIRED`, `IN_ENROLLMENT`, `PRE_ENROLLMENT`, `ENROLLED`: `ENROLLED` when any factor (TOTP, WebAuthn, Push, JumpCloud Go) is enrolled; the per-factor `totpStatus`, `webAuthnStatus`, `pushStatus`, `smsStatus`, `jcGoStatus` sit beside it. Anything but `ENROLLED` fails unless another field shows a factor.',
      'systemusers.totp_enabled':
        'Boolean, older flag: a TOTP authenticator is set up.',
      'systemusers.mfa.configured':
        'Boolean: MFA is configured for the user (real minimal form `{"exclusion":false,"configured":false}`).',
      'systemusers.mfa.exclusion': 'Boolean: the user is excluded from MFA…',
      'systemusers.mfa.exclusionUntil':
        '…until this date-time; an exclusion still running makes the user not applicable here (USR-02 judges the exclusion); an ended one does not help.',
    },
    withoutData:
      'A user record with none of `mfaEnrollment.overallStatus`, `totp_enabled`, `mfa.configured` (a projected read) is **unknown**; staged and suspended users are not applicable.',
  },
  'USR-02': {
    fields: {
      'systemusers.mfa.exclusion':
        'Boolean: the user is excluded from MFA (false in the real minimal `mfa`).',
      'systemusers.mfa.exclusionUntil':
        'Date-time the exclusion ends; absent (no end), already past while `exclusion` is still true, or more than `mfaExclusionMaxDays` away fails.',
      'systemusers.mfa.exclusionDays':
        'Integer ≥ 1: the exclusion’s length as set by the admin (context; the end date decides).',
    },
    withoutData:
      'A user record without `mfa`, `mfa: null` or without `mfa.exclusion` is **unknown**.',
  },
  'USR-03': {
    fields: {
      'systemusers.state':
        '`STAGED`, `ACTIVATED` or `SUSPENDED`: whether the account is still active (reported as evidence).',
      'systemusers.employeeIdentifier':
        'String ≤ 256, unique per user but often `null`: the key an HR source would join on.',
      'hr.terminationDate':
        'Termination date from an HR/people system: not collected by this plugin.',
    },
    withoutData:
      'Always **unknown**, for every account, until an HR source (a custom check) supplies termination dates.',
  },
  'USR-04': {
    fields: {
      'directoryevents.user_login_attempt':
        'Directory Insights, service `directory`: User Portal login; a `success: true` event counts, the user in `initiated_by.id`.',
      'directoryevents.sso_auth':
        'Service `sso`: SAML/OIDC login to an application.',
      'directoryevents.login_attempt':
        'Service `systems`: device login reported by the agent.',
      'directoryevents.radius_auth':
        'Service `radius`: RADIUS authentication (Wi-Fi, VPN).',
      'directoryevents.ldap_bind':
        'Service `ldap`: LDAP bind by the user (e.g. a VPN or Wi-Fi login).',
      'systemusers.created':
        'ISO date-time the account was created: accounts younger than the window pass (nobody could have been dormant that long).',
    },
    withoutData:
      'The window is `dormantDays` (default 45) inside the events each sync reads (`jumpcloud.sync.directoryInsightsDays`, default 90, JumpCloud’s retention). While the events held cover less than the window (a new connection, a quiet org) the result is **unknown** and says how many days were read. Directory Insights outside the plan (402) or not readable (403): USR-04 is left unevaluated for the run, with that reason.',
  },
  'USR-05': {
    fields: {
      'admins.enableMultiFactor':
        'Boolean on the administrator (`/api/users`): MFA is required for this admin; JumpCloud asks for TOTP enrolment at the next login.',
      'admins.totpEnrolled':
        'Boolean: the administrator has enrolled TOTP. Like JumpCloud’s own CLI audit, an admin fails only when both flags are false.',
      'admins.suspended':
        'Boolean: suspended administrators cannot log in and are not applicable.',
    },
    withoutData:
      'An administrator record without either MFA flag is **unknown**; a key whose role cannot read `/api/users` (403) leaves USR-05 unevaluated.',
  },
  'USR-06': {
    fields: {
      'systemusers.sudo':
        'Boolean: global administrator (sudo / local admin) rights on every device the user is bound to; true fails.',
      'systemusers.passwordless_sudo':
        'Boolean: that global sudo works without a password prompt; true fails.',
      'systems/{id}/users.sudo':
        'Sudo on the access path to one device, from the user group’s `attributes.sudo` or the binding’s attributes (`{enabled, withoutPassword}`); `withoutPassword: true` fails here, sudo with a password prompt is left to DEV-15 (per device).',
    },
    withoutData:
      'A user record without both flags (a projected read) and without passwordless sudo on a binding is **unknown**.',
  },
  'USR-07': {
    fields: {
      'systemusers.password_never_expires':
        'Boolean: the user’s password is exempt from the organisation’s expiry.',
      'systemusers.password_expired':
        'Boolean: the password has expired (only noted in the message).',
      'organization.settings.passwordCompliance':
        '`custom`, `pci3` or `windows`; the password policy fields apply only to `custom`.',
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays':
        'Boolean: the organisation rotates passwords; without it "never expires" passes.',
    },
    withoutData:
      'A user without `password_never_expires` is **unknown**. A user whose password never expires is unknown when the organisation settings or password policy are unreadable, or when a `pci3`/`windows` preset is in force (JumpCloud does not report what rotation a preset enforces).',
  },
  'USR-08': {
    fields: {
      'systemusers.state':
        '`STAGED`: created (by hand, CSV or an app import) but never activated. Other states are not applicable.',
      'systemusers.created':
        'ISO date-time of creation; staged for longer than `stagedMaxDays` (default 30) fails.',
    },
    withoutData:
      'Non-staged users are not applicable; a staged user without `created` is **unknown**.',
  },
  'USR-09': {
    fields: {
      'usergroups/{id}/members':
        'Direct members of each user group (v2 `GraphConnection`, the user in `to.id`).',
      'usergroups.name':
        '"All Users", the group every organisation has and every user is in, does not count.',
    },
    withoutData:
      'Users and groups are read by every complete sync, so never unknown; a sync that could not read them changes nothing.',
  },
  'USR-10': {
    fields: {
      'systemusers.email':
        'E-mail (≤ 1024), compared case-insensitively among active users and, when `corporateDomains` is set, its domain against that list.',
      'systemusers.employeeIdentifier':
        'String ≤ 256, documented as unique per user but often `null` or `""` (then not compared); a value shared by two active users fails.',
    },
    withoutData:
      'A user without an e-mail is **unknown**. Suspended and staged accounts are neither judged nor counted as duplicates.',
  },
  'USR-11': {
    fields: {
      'systemusers.ldap_binding_user':
        'Boolean: the account binds to JumpCloud LDAP on behalf of a service (a service account).',
      'systemusers.samba_service_user': 'Boolean: Samba service account.',
      'systemusers.employeeType':
        'Free text (≤ 1024, `""` when unset); containing service, system or bot marks a service account.',
      'systemusers.manager':
        'ObjectId of another system user, the account’s owner; `""`/absent fails, and so does an id that is not a user of the organisation or a suspended or staged user.',
      'systemusers.mfa.exclusion':
        'Boolean: excluded from MFA; fails when the account can also log in to devices.',
      'systems/{id}/users':
        'Devices the account can log in to (v2 graph, direct or through groups): interactive use.',
    },
    withoutData:
      'Accounts that are not service accounts are not applicable; the inputs come with every complete sync, so never unknown.',
  },
  'USR-12': {
    fields: {
      'systems/{id}/users':
        'Devices the user can log in to (v2 graph, direct or through groups) that the organisation manages.',
      'systemusers.employeeType':
        'Free text; types on `deviceExemptEmployeeTypes` (default service, contractor; substring, case-insensitive) and service accounts are not applicable.',
    },
    withoutData:
      'Users and device access come with every complete sync, so never unknown; without device access (a failed read) the check is left unevaluated.',
  },
  'USR-13': {
    fields: {
      'admins.apiKeyAllowed':
        'Boolean: API access is enabled for the administrator (off by default; only an Administrator with Billing can turn it on).',
      'admins.apiKeySet': 'Boolean: a key has been generated.',
      'admins.apiKeyUpdatedAt':
        'Date-time the key was last generated (read when `apiKeyHash.createdAt` is absent).',
      'admins.apiKeyHash.createdAt':
        'Date-time the current key (`jca_…`, shown once) was created; older than `apiKeyMaxAgeDays` (default 365) fails.',
      'admins.apiKeyHash.expireAt':
        'Date-time the key expires (its TTL); absent means it never expires, which fails.',
    },
    withoutData:
      'An administrator without `apiKeyAllowed`, or with a key whose creation date is missing, is **unknown**; admins not readable (403): unevaluated.',
  },
  'USR-14': {
    fields: {
      'admins.roleName':
        'Built-in role name (`Administrator with Billing`, `Administrator`, `Manager`, `Command Runner`, `Help Desk`, `Read Only`, …); "Administrator with Billing" (any case) is the super-admin.',
      'admins.suspended': 'Boolean: suspended administrators are not counted.',
    },
    withoutData:
      'No administrators in the snapshot (a key that reads an empty list) is **unknown**; admins not readable (403): unevaluated.',
  },
};
