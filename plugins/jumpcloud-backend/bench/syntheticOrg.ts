import type {
  JcSystemInsightsRow,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { emptySnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';

function usDate(millis: number) {
  const d = new Date(millis);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/**
 * A deterministic organisation of `devices` devices and `users` users with
 * every signal the checks read (System Insights, policies, bindings, DI),
 * about one in five entities failing something.
 */
export function syntheticOrg(
  devices: number,
  users: number,
  now: DateTime,
): OrgSnapshot {
  const s = emptySnapshot(now.toISO()!);
  const base = now.toMillis();
  // Plain millisecond arithmetic: luxon per row would dominate the set-up time.
  const ago = (days: number) =>
    new Date(base - days * 86_400_000).toISOString();
  const oses = [
    { os: 'Mac OS X', osFamily: 'darwin', v: [15, 1, 0] },
    { os: 'Windows', osFamily: 'windows', v: [10, 0, 22631] },
    { os: 'Ubuntu', osFamily: 'linux', v: [24, 4, 0] },
  ];
  s.organization = {
    _id: 'org-bench',
    displayName: 'Bench Org',
    settings: {
      requireAdminMFA: true,
      passwordCompliance: 'custom',
      agentVersion: '2.0.0',
      passwordPolicy: {
        enableMinLength: true,
        minLength: 12,
        enableMaxLoginAttempts: true,
        maxLoginAttempts: 5,
      },
      userPortal: { idleSessionDurationMinutes: 30 },
      features: { directoryInsights: { enabled: true } },
    },
  };
  s.policies = [
    'filevault',
    'bitlocker',
    'lock_screen',
    'firewall',
    'software_update',
  ].map((name, i) => ({ id: `p${i}`, name, template: { name } }));
  const si: Record<string, JcSystemInsightsRow[]> = {
    disk_encryption: [],
    bitlocker_info: [],
    alf: [],
    windows_security_center: [],
    windows_security_products: [],
    managed_policies: [],
    apps: [],
    programs: [],
    sip_config: [],
    secureboot: [],
    patches: [],
  };
  for (let i = 0; i < devices; i++) {
    const id = `sys${i}`;
    const os = oses[i % 3];
    const bad = i % 5 === 0;
    s.systems.push({
      _id: id,
      hostname: `host-${i}`,
      os: os.os,
      osFamily: os.osFamily,
      active: i % 2 === 0,
      lastContact: ago(i % 40),
      systemInsights: { state: i % 17 === 0 ? 'disabled' : 'enabled' },
      fde: { active: !bad, keyPresent: !bad },
      osVersionDetail: {
        majorNumber: bad ? os.v[0] - 2 : os.v[0],
        minorNumber: os.v[1],
        patchNumber: os.v[2],
      },
      agentVersion: bad ? '1.9.0' : '2.1.0',
      mdm: { vendor: bad ? 'none' : 'internal', userApproved: true },
      allowMultiFactorAuthentication: !bad,
      allowSshRootLogin: bad,
      allowSshPasswordAuthentication: false,
      userMetrics: [{ userName: `user${i % users}`, admin: bad }],
      policyStats: { total: 3, success: 3 },
    });
    const row = (fields: Record<string, unknown>) => ({
      system_id: id,
      collection_time: ago(1),
      ...fields,
    });
    if (os.osFamily === 'darwin') {
      si.disk_encryption.push(row({ name: 'disk', encrypted: bad ? 0 : 1 }));
      si.alf.push(row({ global_state: bad ? 0 : 1 }));
      si.sip_config.push(row({ enabled: 1 }));
      si.managed_policies.push(
        row({
          domain: 'com.apple.screensaver',
          name: 'idleTime',
          value: bad ? '3600' : '600',
        }),
        row({
          domain: 'com.apple.screensaver',
          name: 'askForPassword',
          value: '1',
        }),
      );
      si.apps.push(
        row({ name: 'CrowdStrike Falcon.app' }),
        row({ name: '1Password.app' }),
        row({ name: 'Slack.app' }),
      );
    } else if (os.osFamily === 'windows') {
      si.bitlocker_info.push(
        row({
          drive_letter: 'C:',
          protection_status: bad ? 0 : 1,
          percentage_encrypted: 100,
        }),
      );
      si.windows_security_center.push(
        row({
          firewall: bad ? 'Poor' : 'Good',
          autoupdate: 'Good',
          antivirus: 'Good',
          user_account_control: 'Good',
        }),
      );
      si.windows_security_products.push(
        row({
          type: 'Antivirus',
          name: 'Defender',
          state: 'On',
          signatures_up_to_date: 1,
        }),
      );
      si.secureboot.push(row({ secure_boot: 1 }));
      si.patches.push(
        row({
          hotfix_id: 'KB1',
          installed_on: usDate(base - (bad ? 90 : 10) * 86_400_000),
        }),
      );
      si.programs.push(row({ name: 'Bitwarden' }));
    }
    for (let p = 0; p < 3; p++) {
      s.policyStatuses.push({
        id: `ps${i}-${p}`,
        policyID: `p${(i + p) % 5}`,
        systemID: id,
        success: !(bad && p === 0),
        state: bad && p === 0 ? 'failed' : 'success',
        startedAt: ago(2),
      });
    }
    s.userSystemBindings.push({
      userId: `u${i % users}`,
      systemId: id,
      viaGroup: i % 2 === 0,
    });
  }
  s.systemInsights = si;
  const groups = Math.max(1, Math.floor(users / 200));
  for (let g = 0; g < groups; g++)
    s.userGroups.push({
      id: `ug${g}`,
      name: `Team ${g}`,
      membershipMethod: g % 10 === 0 ? 'DYNAMIC_AUTOMATED' : 'STATIC',
    });
  for (let i = 0; i < users; i++) {
    const bad = i % 5 === 1;
    s.users.push({
      _id: `u${i}`,
      username: `user${i}`,
      email: `user${i}@bench.example`,
      employeeIdentifier: `E${i}`,
      state: i % 50 === 0 ? 'STAGED' : 'ACTIVATED',
      suspended: i % 97 === 0,
      created: ago(400),
      mfa: { configured: !bad, exclusion: false },
      mfaEnrollment: { overallStatus: bad ? 'NOT_ENROLLED' : 'ENROLLED' },
      sudo: bad,
      passwordless_sudo: false,
      password_never_expires: bad,
    });
    s.userGroupMembers.push({
      groupId: `ug${i % groups}`,
      memberId: `u${i}`,
      memberType: 'user',
    });
    s.directoryEvents.push({
      id: `ev${i}`,
      event_type: 'user_login_attempt',
      service: 'directory',
      timestamp: ago(i % 120),
      success: true,
      initiated_by: { id: `u${i}` },
    });
  }
  for (let a = 0; a < 10; a++)
    s.admins.push({
      _id: `a${a}`,
      email: `admin${a}@bench.example`,
      roleName: a < 2 ? 'Administrator With Billing' : 'Administrator',
      enableMultiFactor: a !== 3,
      apiKeyAllowed: false,
    });
  return s;
}
