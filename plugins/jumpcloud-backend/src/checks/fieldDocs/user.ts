import type { CheckFieldDocs } from './types';

/** User and admin checks (USR-*): `systemusers`, administrators and their MFA. */
export const USER_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'USR-01': {
    fields: {
      'systemusers.mfaEnrollment.overallStatus':
        '`ENROLLED` when any factor (TOTP, WebAuthn, Push) is enrolled; otherwise `NOT_ENROLLED`, `PENDING_ACTIVATION`, `IN_ENROLLMENT`, …',
      'systemusers.totp_enabled': 'Legacy flag: TOTP is set up.',
      'systemusers.mfa.configured': 'MFA is configured for the user.',
      'systemusers.mfa.exclusion': 'The user is excluded from MFA…',
      'systemusers.mfa.exclusionUntil':
        '…until this time; a current exclusion makes the user not applicable (USR-02 judges it).',
    },
    withoutData:
      'A user with none of the MFA fields is **unknown**; staged and suspended users are not applicable.',
  },
  'USR-02': {
    fields: {
      'systemusers.mfa.exclusion': 'The user is excluded from MFA.',
      'systemusers.mfa.exclusionUntil':
        'End of the exclusion; absent (no end), past, or more than `mfaExclusionMaxDays` away fails.',
      'systemusers.mfa.exclusionDays':
        'The exclusion’s length as set (evidence).',
    },
    withoutData: 'A user without the `mfa` object is **unknown**.',
  },
  'USR-03': {
    fields: {
      'systemusers.state': 'Whether the user is still `ACTIVATED`.',
      'systemusers.employeeIdentifier': 'The key an HR source would join on.',
      'hr.terminationDate':
        'Termination date from an HR/people system: not collected by this plugin.',
    },
    withoutData:
      'Always **unknown** until an HR source (a custom check) supplies termination dates.',
  },
  'USR-04': {
    fields: {
      'directoryevents.user_login_attempt':
        'Directory Insights: User Portal login (`success` true counts), user in `initiated_by.id`.',
      'directoryevents.sso_auth': 'SSO (SAML/OIDC) login to an application.',
      'directoryevents.login_attempt':
        'Device login reported by the agent (service `systems`).',
      'directoryevents.radius_auth': 'RADIUS authentication (Wi-Fi, VPN).',
      'directoryevents.ldap_bind':
        'LDAP bind by the user (e.g. a VPN or Wi-Fi login).',
      'systemusers.created':
        'Accounts younger than the window pass (nobody could have been dormant that long).',
    },
    withoutData:
      'The window is `dormantDays` (default 45) inside the events each sync reads (`jumpcloud.sync.directoryInsightsDays`, default 90, JumpCloud’s retention). While the events held cover less than the window (a new connection, a quiet org, Directory Insights off or outside the plan) the result is **unknown** and says how many days were read.',
  },
  'USR-05': {
    fields: {
      'admins.enableMultiFactor':
        'Console administrator (`/api/users`) has MFA enabled.',
      'admins.totpEnrolled': 'The administrator enrolled TOTP.',
      'admins.suspended': 'Suspended administrators are not applicable.',
    },
    withoutData:
      'An administrator record without either MFA flag is **unknown**; a key that cannot read administrators yields no results.',
  },
  'USR-06': {
    fields: {
      'systemusers.sudo':
        'Global sudo: admin on every device the user is bound to.',
      'systemusers.passwordless_sudo': 'Sudo without a password prompt.',
    },
    withoutData: 'A user without both flags is **unknown**.',
  },
  'USR-07': {
    fields: {
      'systemusers.password_never_expires':
        'The user’s password is exempt from expiry.',
      'systemusers.password_expired':
        'The password has expired (noted in the message).',
      'organization.settings.passwordPolicy.enablePasswordExpirationInDays':
        'The organisation expects rotation; without it "never expires" passes.',
    },
    withoutData:
      'A user without `password_never_expires`, or an organisation whose password policy is unreadable, is **unknown**.',
  },
  'USR-08': {
    fields: {
      'systemusers.state': '`STAGED`: created but never activated.',
      'systemusers.created':
        'Creation time; staged longer than `stagedMaxDays` fails.',
    },
    withoutData:
      'Non-staged users are not applicable; a staged user without `created` is **unknown**.',
  },
  'USR-09': {
    fields: {
      'usergroups/{id}/members':
        'Direct members of each user group (v2 graph).',
      'usergroups.name': '"All Users" (every user is in it) does not count.',
    },
    withoutData: 'Always read with users and groups: never unknown.',
  },
  'USR-10': {
    fields: {
      'systemusers.email':
        'E-mail address, compared (case-insensitively) across active users and against `corporateDomains`.',
      'systemusers.employeeIdentifier':
        'Employee id (unique in JumpCloud, but often null); duplicates among active users fail.',
    },
    withoutData: 'A user without an e-mail is **unknown**.',
  },
  'USR-11': {
    fields: {
      'systemusers.ldap_binding_user': 'LDAP bind (service) account.',
      'systemusers.samba_service_user': 'Samba service account.',
      'systemusers.employeeType':
        'An employee type containing service, system or bot marks a service account.',
      'systemusers.manager':
        'Id of the account’s owner (another user); none fails.',
      'systemusers.mfa.exclusion':
        'Excluded from MFA: fails when the account can also log in to devices.',
      'systems/{id}/users': 'Device access of the account (interactive use).',
    },
    withoutData: 'Accounts that are not service accounts are not applicable.',
  },
  'USR-12': {
    fields: {
      'systems/{id}/users': 'Devices the user has access to.',
      'systemusers.employeeType':
        'Types on `deviceExemptEmployeeTypes` (and service accounts) are exempt.',
    },
    withoutData: 'Always read with users and devices: never unknown.',
  },
  'USR-13': {
    fields: {
      'admins.apiKeyAllowed': 'API access is enabled for the administrator.',
      'admins.apiKeySet': 'A key exists.',
      'admins.apiKeyUpdatedAt':
        'When the key was last generated (read when `apiKeyHash.createdAt` is absent).',
      'admins.apiKeyHash.createdAt': 'Creation time of the current key.',
      'admins.apiKeyHash.expireAt':
        'Expiry of the key (TTL); absent means it never expires, which fails.',
    },
    withoutData:
      'An administrator without `apiKeyAllowed`, or with a key whose creation date is missing, is **unknown**.',
  },
  'USR-14': {
    fields: {
      'admins.roleName':
        'Built-in role; "Administrator with Billing" is the super-admin.',
      'admins.suspended': 'Suspended administrators are not counted.',
    },
    withoutData:
      'No administrators in the snapshot (a key or role that cannot read `/api/users`): **unknown**.',
  },
};
