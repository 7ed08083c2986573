import type { JsonObject } from '../types';
import { DAY_MS, iso, Random } from './random';

/** The current JumpCloud agent version in every simulated org. */
export const CURRENT_AGENT_VERSION = '2.14.0';

/**
 * Org-level posture per organisation index. Each ORG-xx check passes in at
 * least one org and fails in another (index 0 is the primary org).
 */
interface OrgProfile {
  requireAdminMFA: boolean;
  minLength: number;
  enableMinLength: boolean;
  strongPasswords: boolean;
  lockout: boolean;
  expiryDays: number | null;
  idleMinutes: number;
  directoryInsights: boolean;
}

const PROFILES: OrgProfile[] = [
  {
    requireAdminMFA: false,
    minLength: 14,
    enableMinLength: true,
    strongPasswords: false,
    lockout: true,
    expiryDays: 90,
    idleMinutes: 240,
    directoryInsights: true,
  },
  {
    requireAdminMFA: true,
    minLength: 8,
    enableMinLength: true,
    strongPasswords: true,
    lockout: false,
    expiryDays: null,
    idleMinutes: 30,
    directoryInsights: true,
  },
  {
    requireAdminMFA: true,
    minLength: 12,
    enableMinLength: false,
    strongPasswords: false,
    lockout: true,
    expiryDays: 365,
    idleMinutes: 60,
    directoryInsights: false,
  },
];

export function orgProfile(index: number): OrgProfile {
  return PROFILES[index % PROFILES.length];
}

export function generateOrganization(
  random: Random,
  index: number,
  id: string,
  name: string,
  createdMs: number,
): JsonObject {
  const p = orgProfile(index);
  return {
    _id: id,
    id,
    displayName: name,
    logoUrl: null,
    created: iso(createdMs),
    provider: index === 0 ? null : '5f0c1b2a3d4e5f6a7b8c9d0e',
    accountType: index === 0 ? 'Customer' : 'Tenant',
    entitlement: {
      billingModel: 'subscription',
      maxUserQuantity: 0,
      entitlementProducts: [{ name: 'platform', committedUsers: 0 }],
    },
    settings: {
      contactName: index === 0 ? 'IT Operations' : '',
      contactEmail: `it@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      agentVersion: CURRENT_AGENT_VERSION,
      requireAdminMFA: p.requireAdminMFA,
      passwordCompliance: 'custom',
      passwordPolicy: {
        enableMinLength: p.enableMinLength,
        minLength: p.minLength,
        needsLowercase: true,
        needsUppercase: true,
        needsNumeric: true,
        needsSymbolic: p.strongPasswords,
        disallowCommonlyUsedPasswords: p.strongPasswords,
        disallowSequentialOrRepetitiveChars: p.strongPasswords,
        allowUsernameSubstring: !p.strongPasswords,
        enableMaxHistory: true,
        maxHistory: p.strongPasswords ? 10 : 3,
        enablePasswordExpirationInDays: p.expiryDays !== null,
        passwordExpirationInDays: p.expiryDays ?? 90,
        enableMaxLoginAttempts: p.lockout,
        maxLoginAttempts: p.lockout ? 5 : 0,
        enableLockoutTimeInSeconds: p.lockout,
        lockoutTimeInSeconds: 900,
        enableResetLockoutCounter: p.lockout,
        resetLockoutCounterMinutes: 15,
        enableMinChangePeriodInDays: false,
        daysBeforeExpirationToForceReset: 7,
        allowUnenrolledMFAPasswordReset: !p.strongPasswords,
        enableRecoveryEmail: true,
        effectiveDate: iso(createdMs + 30 * DAY_MS),
        gracePeriodDate: iso(createdMs + 60 * DAY_MS),
      },
      systemUserPasswordExpirationInDays: p.expiryDays ?? 0,
      systemUsersCanEdit: random.chance(0.5),
      disableGoogleLogin: false,
      disableLdap: index !== 0,
      disableCommandRunner: false,
      enableManagedUID: true,
      userPortal: {
        idleSessionDurationMinutes: p.idleMinutes,
        cookieExpirationType: 'session',
      },
      newSystemUserStateDefaults: {
        manualEntry: 'ACTIVATED',
        csvImport: 'STAGED',
        applicationImport: 'STAGED',
      },
      features: {
        systemInsights: {
          enabled: true,
          enableNewDarwin: true,
          enableNewLinux: true,
          enableNewWindows: true,
        },
        directoryInsights: { enabled: p.directoryInsights },
        directoryInsightsPremium: {
          enabled: p.directoryInsights && index === 0,
        },
      },
      windowsMDM: { enabled: true, autoEnroll: index !== 2 },
      deviceIdentificationEnabled: false,
      maxSystemUsers: 0,
    },
  };
}
