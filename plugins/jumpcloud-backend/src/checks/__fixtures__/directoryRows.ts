import type {
  JcAdmin,
  JcAuthnPolicy,
  JcGroup,
  JcOrganization,
  JcSystemUser,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { daysAgo, daysAhead } from './snapshot';

// Directory rows shaped as JumpCloud's API returns them (v1 systemuserreturn,
// the undocumented v1 /api/users admin item decoded as userreturn, v1
// organization settings, v2 UserGroup / SystemGroup and AuthnPolicy), with
// the empty strings, nulls and full enum values real responses carry. The
// check tests start from these and change one field at a time.

// Real responses carry more fields than the plugin's types name; fixtures
// go through variables so the extra ones stay (types keep unknown fields).

/** `mfaEnrollment` of a user enrolled with TOTP only, every factor reported. */
const totpEnrolled = {
  overallStatus: 'ENROLLED',
  totpStatus: 'ENROLLED',
  webAuthnStatus: 'NOT_ENROLLED',
  pushStatus: 'NOT_ENROLLED',
  smsStatus: 'NOT_ENROLLED',
  jcGoStatus: 'NOT_ENROLLED',
};

/** A v1 `/api/systemusers` item of an active, MFA-enrolled employee. */
export function realUser(overrides: Partial<JcSystemUser> = {}): JcSystemUser {
  return {
    _id: '6026bec6b8207255280d5981',
    id: '6026bec6b8207255280d5981',
    organization: '5cdc7f3c95a60d5c14488d5f',
    username: 'jdoe',
    email: 'jdoe@example.com',
    firstname: 'Jane',
    lastname: 'Doe',
    displayname: 'Jane Doe',
    department: '',
    jobTitle: '',
    employeeType: '',
    employeeIdentifier: null,
    manager: '',
    state: 'ACTIVATED',
    activated: true,
    suspended: false,
    account_locked: false,
    account_locked_date: null,
    password_expired: false,
    password_never_expires: false,
    password_date: daysAgo(30),
    password_expiration_date: daysAhead(60),
    sudo: false,
    passwordless_sudo: false,
    mfa: { configured: true, exclusion: false },
    totp_enabled: true,
    enable_user_portal_multifactor: true,
    mfaEnrollment: totpEnrolled,
    ldap_binding_user: false,
    samba_service_user: false,
    unix_uid: 5001,
    unix_guid: 5001,
    created: daysAgo(400),
    ...overrides,
  };
}

/** The `mfaEnrollment` of a user with no factor enrolled (every status NOT_ENROLLED). */
export const notEnrolled = {
  overallStatus: 'NOT_ENROLLED',
  totpStatus: 'NOT_ENROLLED',
  webAuthnStatus: 'NOT_ENROLLED',
  pushStatus: 'NOT_ENROLLED',
  smsStatus: 'NOT_ENROLLED',
  jcGoStatus: 'NOT_ENROLLED',
};

/** A console administrator as `/api/users` returns it (API access off by default). */
export function realAdmin(overrides: Partial<JcAdmin> = {}): JcAdmin {
  return {
    _id: '5f3a9c1e2b7d4e0012a3b4c5',
    email: 'it-admin@example.com',
    firstname: 'Ida',
    lastname: 'Admin',
    organization: '5cdc7f3c95a60d5c14488d5f',
    provider: '',
    role: '5c3536e9c6c7d1001e1d4c1a',
    roleName: 'Administrator with Billing',
    roles: ['5c3536e9c6c7d1001e1d4c1a'],
    roleNames: ['Administrator with Billing'],
    enableMultiFactor: true,
    totpEnrolled: true,
    totpUpdatedAt: daysAgo(200),
    suspended: false,
    apiKeyAllowed: false,
    apiKeySet: false,
    passwordUpdatedAt: daysAgo(90),
    created: daysAgo(900),
    sessionCount: 0,
    usersTimeZone: 'Europe/Berlin',
    ...overrides,
  };
}

/** A v2 `/usergroups` item as listed: `attributes` null, empty strings unset. */
export function realUserGroup(overrides: Partial<JcGroup> = {}): JcGroup {
  return {
    attributes: null,
    id: '60259a3c1f247571e5fd3b30',
    name: 'Engineering',
    type: 'user_group',
    email: '',
    description: '',
    membershipMethod: 'STATIC',
    memberQueryErrorFlags: [],
    memberQueryExemptions: [],
    memberSuggestionsNotify: false,
    suggestionCounts: { add: 0, remove: 0, total: 0 },
    ...overrides,
  };
}

/** A v2 `/systemgroups` item. */
export function realSystemGroup(overrides: Partial<JcGroup> = {}): JcGroup {
  return {
    attributes: null,
    id: '60259a3c1f247571e5fd3b99',
    name: 'Berlin laptops',
    type: 'system_group',
    email: '',
    description: '',
    membershipMethod: 'STATIC',
    memberQueryErrorFlags: [],
    memberQueryExemptions: [],
    ...overrides,
  };
}

const portalSettings = {
  idleSessionDurationMinutes: 30,
  cookieExpirationType: 'session',
};

/** v1 `/api/organizations/{id}` with a custom password policy meeting every default threshold. */
export function realOrganization(): JcOrganization {
  return {
    _id: '5cdc7f3c95a60d5c14488d5f',
    displayName: 'Acme',
    created: '2019-05-15T21:08:12.384Z',
    logoUrl: null,
    provider: null,
    settings: {
      agentVersion: '2.0.0',
      contactEmail: 'it@example.com',
      contactName: 'IT',
      disableLdap: false,
      requireAdminMFA: true,
      passwordCompliance: 'custom',
      passwordPolicy: {
        allowUnenrolledMFAPasswordReset: false,
        allowUsernameSubstring: false,
        daysBeforeExpirationToForceReset: 7,
        disallowCommonlyUsedPasswords: true,
        disallowSequentialOrRepetitiveChars: true,
        enableDaysBeforeExpirationToForceReset: false,
        enableLockoutTimeInSeconds: true,
        enableMaxHistory: true,
        enableMaxLoginAttempts: true,
        enableMinChangePeriodInDays: false,
        enableMinLength: true,
        enablePasswordExpirationInDays: true,
        enableRecoveryEmail: false,
        enableResetLockoutCounter: false,
        lockoutTimeInSeconds: 900,
        maxHistory: 10,
        maxLoginAttempts: 5,
        minChangePeriodInDays: 0,
        minLength: 14,
        needsLowercase: true,
        needsNumeric: true,
        needsSymbolic: true,
        needsUppercase: true,
        passwordExpirationInDays: 90,
        resetLockoutCounterMinutes: 15,
      },
      userPortal: portalSettings,
      features: {
        directoryInsights: { enabled: true },
        directoryInsightsPremium: { enabled: false },
        systemInsights: { enabled: true },
      },
      newSystemUserStateDefaults: {
        manualEntry: 'ACTIVATED',
        csvImport: 'STAGED',
        applicationImport: 'STAGED',
      },
    },
  };
}

/** The password policy of `realOrganization()`, to change one field in a test. */
export function policyOf(org: JcOrganization): Record<string, unknown> {
  return org.settings!.passwordPolicy!;
}

const allowWithMfa = {
  action: 'allow',
  obligations: {
    mfa: { required: true },
    mfaFactors: [{ type: 'PUSH' }, { type: 'TOTP' }, { type: 'WEBAUTHN' }],
  },
};

/**
 * A v2 `/authn/policies` item: an enabled allow-with-MFA policy of `type`
 * for every user (the "All Users" group) on every resource of that type.
 */
export function realAuthnPolicy(
  type: 'user_portal' | 'application' | 'ldap' | 'admin_portal',
  allUsersGroupId: string,
  overrides: Partial<JcAuthnPolicy> = {},
): JcAuthnPolicy {
  return {
    id: `6571a2b3c4d5e6f7a8b9c0${type === 'user_portal' ? 'd1' : 'd2'}`,
    name: `Require MFA – ${type}`,
    description: '',
    disabled: false,
    monitorOnly: false,
    type,
    effect: allowWithMfa,
    targets: {
      resources: [{ type }],
      userGroups: { inclusions: [allUsersGroupId], exclusions: [] },
      users: { inclusions: [] },
    },
    conditions: {},
    ...overrides,
  };
}
