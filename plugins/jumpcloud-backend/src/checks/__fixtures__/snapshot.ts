import type {
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
  OrgSnapshot,
  SystemInsightsTable,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { emptySnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';

/** The evaluation time of every check test. */
export const NOW = '2026-11-23T12:00:00.000Z';
export const daysAgo = (days: number) =>
  DateTime.fromISO(NOW).minus({ days }).toUTC().toISO()!;
export const daysAhead = (days: number) =>
  DateTime.fromISO(NOW).plus({ days }).toUTC().toISO()!;

export function macDevice(overrides: Partial<JcSystem> = {}): JcSystem {
  return {
    _id: 'mac1',
    hostname: 'mac-1',
    os: 'Mac OS X',
    osFamily: 'darwin',
    active: false,
    lastContact: daysAgo(1),
    systemInsights: { state: 'enabled' },
    fde: { active: true, keyPresent: true },
    osVersionDetail: {
      osName: 'Mac OS X',
      majorNumber: 15,
      minorNumber: 1,
      patchNumber: 0,
    },
    agentVersion: '2.1.0',
    agentHasFullDiskAccess: true,
    mdm: { vendor: 'internal', userApproved: true, dep: false },
    allowMultiFactorAuthentication: true,
    allowSshRootLogin: false,
    allowSshPasswordAuthentication: false,
    userMetrics: [{ userName: 'alice', admin: false }],
    policyStats: { total: 4, success: 4, failed: 0 },
    tags: [],
    ...overrides,
  };
}

export function windowsDevice(overrides: Partial<JcSystem> = {}): JcSystem {
  return macDevice({
    _id: 'win1',
    hostname: 'win-1',
    os: 'Windows',
    osFamily: 'windows',
    osVersionDetail: {
      osName: 'Windows',
      majorNumber: 10,
      minorNumber: 0,
      patchNumber: 22631,
    },
    mdm: { vendor: 'internal' },
    ...overrides,
  });
}

export function linuxDevice(overrides: Partial<JcSystem> = {}): JcSystem {
  return macDevice({
    _id: 'lin1',
    hostname: 'lin-1',
    os: 'Ubuntu',
    osFamily: 'linux',
    osVersionDetail: {
      osName: 'Ubuntu',
      distributionName: 'Ubuntu',
      majorNumber: 24,
      minorNumber: 4,
      patchNumber: 0,
    },
    mdm: null,
    ...overrides,
  });
}

export function activeUser(
  overrides: Partial<JcSystemUser> = {},
): JcSystemUser {
  return {
    _id: 'u1',
    username: 'alice',
    email: 'alice@example.com',
    employeeIdentifier: 'E1',
    employeeType: 'employee',
    state: 'ACTIVATED',
    activated: true,
    suspended: false,
    created: daysAgo(400),
    mfa: { configured: true, exclusion: false },
    mfaEnrollment: { overallStatus: 'ENROLLED' },
    totp_enabled: true,
    sudo: false,
    passwordless_sudo: false,
    password_never_expires: false,
    password_expired: false,
    ...overrides,
  };
}

/** SI rows of a healthy macOS device. */
function macInsights(
  systemId: string,
): Partial<Record<SystemInsightsTable, JcSystemInsightsRow[]>> {
  const row = (fields: Record<string, unknown>) => ({
    system_id: systemId,
    collection_time: daysAgo(1),
    ...fields,
  });
  return {
    disk_encryption: [
      row({
        name: '/dev/disk3s1',
        encrypted: 1,
        encryption_status: 'encrypted',
      }),
    ],
    alf: [row({ global_state: 1 })],
    sip_config: [row({ config_flag: 'sip', enabled: 1 })],
    managed_policies: [
      row({ domain: 'com.apple.screensaver', name: 'idleTime', value: '600' }),
      row({
        domain: 'com.apple.screensaver',
        name: 'askForPassword',
        value: '1',
      }),
      row({
        domain: 'com.apple.SoftwareUpdate',
        name: 'AutomaticCheckEnabled',
        value: '1',
      }),
    ],
    apps: [
      row({ name: 'CrowdStrike Falcon.app' }),
      row({ name: '1Password 8.app' }),
      row({ name: 'Slack.app' }),
    ],
    users: [row({ username: 'alice', admin: 0 })],
  };
}

/** SI rows of a healthy Windows device. */
export function windowsInsights(
  systemId = 'win1',
): Partial<Record<SystemInsightsTable, JcSystemInsightsRow[]>> {
  const row = (fields: Record<string, unknown>) => ({
    system_id: systemId,
    collection_time: daysAgo(1),
    ...fields,
  });
  return {
    bitlocker_info: [
      row({
        drive_letter: 'C:',
        protection_status: 1,
        percentage_encrypted: 100,
        conversion_status: 1,
      }),
    ],
    windows_security_center: [
      row({
        firewall: 'Good',
        autoupdate: 'Good',
        antivirus: 'Good',
        user_account_control: 'Good',
      }),
    ],
    windows_security_products: [
      row({
        type: 'Antivirus',
        name: 'Microsoft Defender Antivirus',
        state: 'On',
        signatures_up_to_date: 1,
      }),
    ],
    secureboot: [row({ secure_boot: 1, setup_mode: 0 })],
    patches: [
      row({
        hotfix_id: 'KB5031455',
        installed_on: DateTime.fromISO(daysAgo(10)).toFormat('M/d/yyyy'),
      }),
    ],
    programs: [row({ name: 'Bitwarden' }), row({ name: 'Microsoft Edge' })],
  };
}

/**
 * A healthy organisation: one macOS device bound to one active user in one
 * group, a well-configured org, two MFA admins, policies, DI events.
 */
export function healthySnapshot(): OrgSnapshot {
  const snapshot = emptySnapshot(NOW);
  snapshot.organization = {
    _id: 'org1',
    displayName: 'Acme',
    settings: {
      requireAdminMFA: true,
      passwordCompliance: 'custom',
      agentVersion: '2.0.0',
      passwordPolicy: {
        enableMinLength: true,
        minLength: 14,
        disallowCommonlyUsedPasswords: true,
        allowUsernameSubstring: false,
        enableMaxHistory: true,
        maxHistory: 10,
        enableMaxLoginAttempts: true,
        maxLoginAttempts: 5,
        lockoutTimeInSeconds: 600,
        enablePasswordExpirationInDays: true,
        passwordExpirationInDays: 90,
      },
      userPortal: { idleSessionDurationMinutes: 30 },
      features: { directoryInsights: { enabled: true } },
    },
  };
  snapshot.systems = [macDevice()];
  snapshot.users = [activeUser()];
  snapshot.admins = [
    {
      _id: 'a1',
      email: 'root@example.com',
      roleName: 'Administrator With Billing',
      enableMultiFactor: true,
      totpEnrolled: true,
      apiKeyAllowed: false,
    },
    {
      _id: 'a2',
      email: 'ops@example.com',
      roleName: 'Administrator With Billing',
      enableMultiFactor: true,
      totpEnrolled: true,
      apiKeyAllowed: true,
      apiKeySet: true,
      apiKeyHash: { createdAt: daysAgo(30), expireAt: daysAhead(60) },
    },
  ];
  snapshot.userGroups = [
    {
      id: 'g0',
      name: 'All Users',
      type: 'user_group',
      membershipMethod: 'STATIC',
    },
    {
      id: 'g1',
      name: 'Engineering',
      type: 'user_group',
      membershipMethod: 'DYNAMIC_AUTOMATED',
      memberQueryErrorFlags: [],
      memberQueryExemptions: [],
    },
  ];
  snapshot.systemGroups = [
    {
      id: 'sg1',
      name: 'Laptops',
      type: 'system_group',
      membershipMethod: 'STATIC',
    },
  ];
  snapshot.userGroupMembers = [
    { groupId: 'g0', memberId: 'u1', memberType: 'user' },
    { groupId: 'g1', memberId: 'u1', memberType: 'user' },
  ];
  snapshot.systemGroupMembers = [
    { groupId: 'sg1', memberId: 'mac1', memberType: 'system' },
  ];
  snapshot.userSystemBindings = [
    { userId: 'u1', systemId: 'mac1', viaGroup: true },
  ];
  snapshot.policies = [
    {
      id: 'p1',
      name: 'FileVault',
      template: { name: 'filevault_2', osMetaFamily: 'darwin' },
    },
    {
      id: 'p2',
      name: 'Lock screen',
      template: { name: 'lock_screen_darwin', osMetaFamily: 'darwin' },
    },
    {
      id: 'p3',
      name: 'Firewall',
      template: { name: 'firewall_darwin', osMetaFamily: 'darwin' },
    },
    {
      id: 'p4',
      name: 'Software updates',
      template: { name: 'software_update_darwin', osMetaFamily: 'darwin' },
    },
  ];
  snapshot.policyStatuses = snapshot.policies.map(p => ({
    id: `s-${p.id}`,
    policyID: p.id,
    systemID: 'mac1',
    success: true,
    state: 'success',
    startedAt: daysAgo(2),
  }));
  snapshot.systemInsights = macInsights('mac1');
  snapshot.authnPolicies = [
    {
      id: 'cp1',
      name: 'Portal MFA',
      disabled: false,
      type: 'user_portal',
      effect: { action: 'allow', obligations: { mfa: { required: true } } },
    },
    {
      id: 'cp2',
      name: 'Apps MFA',
      disabled: false,
      type: 'application',
      effect: { action: 'allow', obligations: { mfa: { required: true } } },
    },
  ];
  snapshot.appleMdms = [
    {
      id: 'm1',
      name: 'Apple MDM',
      apnsPushTopic: 'com.apple.mgmt.External.0b7d3c1e',
      apnsCertExpiry: daysAhead(200),
      depAccessTokenExpiry: daysAhead(200),
      depServerTokenState: 'valid',
    },
  ];
  snapshot.directoryEvents = [
    {
      id: 'e0',
      event_type: 'user_login_attempt',
      service: 'directory',
      timestamp: daysAgo(120),
      success: true,
      initiated_by: { id: 'u1', type: 'user' },
    },
    {
      id: 'e1',
      event_type: 'user_login_attempt',
      service: 'directory',
      timestamp: daysAgo(3),
      success: true,
      initiated_by: { id: 'u1', type: 'user' },
    },
    {
      id: 'e2',
      event_type: 'os_minor_upgrade',
      service: 'systems',
      timestamp: daysAgo(5),
      success: true,
      system: { id: 'mac1' },
      resource: { id: 'mac1', type: 'system' },
    },
  ];
  return snapshot;
}
