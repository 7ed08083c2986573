import type { CheckResultStatus } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  OrgSnapshot,
  SystemInsightsTable,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  activeUser,
  daysAgo,
  daysAhead,
  healthySnapshot,
  linuxDevice,
  macDevice,
  NOW,
  windowsDevice,
  windowsInsights,
} from './__fixtures__/snapshot';
import { builtInChecks } from './registry';
import { runChecks } from './runner';
import { defaultCheckThresholds, type CheckThresholds } from './thresholds';

interface Case {
  name: string;
  expected: Exclude<CheckResultStatus, 'excepted'>;
  mutate?: (s: OrgSnapshot) => void;
  entity?: string;
  thresholds?: Partial<CheckThresholds>;
}

const rows = (
  s: OrgSnapshot,
  table: SystemInsightsTable,
  systemId: string,
  list: Array<Record<string, unknown>>,
) => {
  s.systemInsights[table] = list.map(fields => ({
    system_id: systemId,
    collection_time: daysAgo(1),
    ...fields,
  }));
};
const asWindows = (s: OrgSnapshot) => {
  s.systems = [windowsDevice()];
  s.systemInsights = windowsInsights();
  s.userSystemBindings = [{ userId: 'u1', systemId: 'win1', viaGroup: false }];
  s.policyStatuses = [];
};
const asLinux = (s: OrgSnapshot) => {
  s.systems = [linuxDevice()];
  s.userSystemBindings = [{ userId: 'u1', systemId: 'lin1', viaGroup: false }];
  s.policyStatuses = [];
};
const siOff = (s: OrgSnapshot) => {
  s.systems[0].systemInsights = { state: 'disabled' };
};
const stale = (s: OrgSnapshot) => {
  s.systems[0].lastContact = daysAgo(45);
};
const ios = (s: OrgSnapshot) => {
  s.systems = [macDevice({ os: 'iOS', osFamily: 'ios' })];
};
const dropPolicies = (pattern: RegExp) => (s: OrgSnapshot) => {
  s.policyStatuses = s.policyStatuses.filter(
    st =>
      !pattern.test(
        s.policies.find(p => p.id === st.policyID)!.template!.name!,
      ),
  );
};
const settings = (s: OrgSnapshot) => s.organization!.settings!;
const policy = (s: OrgSnapshot) =>
  settings(s).passwordPolicy as Record<string, unknown>;

const cases: Record<string, Case[]> = {
  'DEV-01': [
    { name: 'macOS volume encrypted', expected: 'pass' },
    {
      name: 'FileVault off',
      expected: 'fail',
      mutate: s =>
        rows(s, 'disk_encryption', 'mac1', [
          { name: 'disk', encrypted: 0, encryption_status: 'not encrypted' },
        ]),
    },
    {
      name: 'fde.active false without SI',
      expected: 'fail',
      mutate: s => {
        siOff(s);
        s.systems[0].fde = { active: false };
      },
    },
    {
      name: 'Windows encrypted but protection off',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        rows(s, 'bitlocker_info', 'win1', [
          {
            drive_letter: 'C:',
            protection_status: 0,
            percentage_encrypted: 100,
          },
        ]);
      },
    },
    { name: 'Windows BitLocker on', expected: 'pass', mutate: asWindows },
    {
      name: 'still encrypting',
      expected: 'unknown',
      mutate: s => {
        asWindows(s);
        rows(s, 'bitlocker_info', 'win1', [
          {
            drive_letter: 'C:',
            protection_status: 0,
            percentage_encrypted: 40,
          },
        ]);
      },
    },
    {
      name: 'no signal at all',
      expected: 'unknown',
      mutate: s => {
        siOff(s);
        s.systems[0].fde = null;
      },
    },
    { name: 'offline past the window', expected: 'unknown', mutate: stale },
    { name: 'mobile device', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-02': [
    { name: 'key escrowed', expected: 'pass' },
    {
      name: 'no key',
      expected: 'fail',
      mutate: s => {
        s.systems[0].fde = { active: true, keyPresent: false };
      },
    },
    {
      name: 'fde missing',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].fde = null;
      },
    },
    {
      name: 'FDE off',
      expected: 'not_applicable',
      mutate: s => {
        s.systems[0].fde = { active: false };
      },
    },
  ],
  'DEV-03': [
    { name: 'managed 600 s lock with password', expected: 'pass' },
    {
      name: 'idle time too long',
      expected: 'fail',
      mutate: s =>
        rows(s, 'managed_policies', 'mac1', [
          { domain: 'com.apple.screensaver', name: 'idleTime', value: '3600' },
          {
            domain: 'com.apple.screensaver',
            name: 'askForPassword',
            value: '1',
          },
        ]),
    },
    {
      name: 'no password on wake',
      expected: 'fail',
      mutate: s =>
        rows(s, 'managed_policies', 'mac1', [
          { domain: 'com.apple.screensaver', name: 'idleTime', value: '300' },
          {
            domain: 'com.apple.screensaver',
            name: 'askForPassword',
            value: '0',
          },
        ]),
    },
    {
      name: 'Windows with lock policy succeeding',
      expected: 'pass',
      mutate: s => {
        asWindows(s);
        s.policyStatuses = [
          { id: 'x', policyID: 'p2', systemID: 'win1', success: true },
        ];
      },
    },
    {
      name: 'Windows lock policy failing',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        s.policyStatuses = [
          {
            id: 'x',
            policyID: 'p2',
            systemID: 'win1',
            success: false,
            state: 'failed',
          },
        ];
      },
    },
    { name: 'Windows without policy', expected: 'unknown', mutate: asWindows },
    {
      name: 'SI off and no policy',
      expected: 'unknown',
      mutate: s => {
        siOff(s);
        dropPolicies(/lock/)(s);
      },
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-04': [
    { name: 'ALF on', expected: 'pass' },
    {
      name: 'ALF off',
      expected: 'fail',
      mutate: s => rows(s, 'alf', 'mac1', [{ global_state: 0 }]),
    },
    {
      name: 'Windows firewall Poor',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        rows(s, 'windows_security_center', 'win1', [{ firewall: 'Poor' }]);
      },
    },
    { name: 'Linux without policy', expected: 'unknown', mutate: asLinux },
    {
      name: 'Linux firewall policy',
      expected: 'pass',
      mutate: s => {
        asLinux(s);
        s.policyStatuses = [
          { id: 'x', policyID: 'p3', systemID: 'lin1', success: true },
        ];
      },
    },
    {
      name: 'SI deferred, no policy',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].systemInsights = { state: 'deferred' };
        dropPolicies(/firewall/)(s);
      },
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-05': [
    { name: 'EDR installed on macOS', expected: 'pass' },
    {
      name: 'no EDR on macOS',
      expected: 'fail',
      mutate: s => rows(s, 'apps', 'mac1', [{ name: 'Slack.app' }]),
    },
    {
      name: 'Defender on with signatures',
      expected: 'pass',
      mutate: asWindows,
    },
    {
      name: 'Defender signatures stale',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        rows(s, 'windows_security_products', 'win1', [
          {
            type: 'Antivirus',
            name: 'Defender',
            state: 'On',
            signatures_up_to_date: 0,
          },
        ]);
      },
    },
    { name: 'SI off', expected: 'unknown', mutate: siOff },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-06': [
    { name: 'macOS 15.1 over baseline 14.0', expected: 'pass' },
    {
      name: 'macOS 13 below baseline',
      expected: 'fail',
      mutate: s => {
        s.systems[0].osVersionDetail = {
          majorNumber: 13,
          minorNumber: 6,
          patchNumber: 0,
        };
      },
    },
    {
      name: 'Windows build below baseline',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        s.systems[0].osVersionDetail = {
          osName: 'Windows',
          majorNumber: 10,
          minorNumber: 0,
          patchNumber: 18363,
        };
      },
    },
    { name: 'Ubuntu 24.04 over 22.04', expected: 'pass', mutate: asLinux },
    {
      name: 'no version',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].osVersionDetail = null;
        s.systemInsights.os_version = [];
      },
    },
    {
      name: 'no baseline for the OS',
      expected: 'not_applicable',
      mutate: s => {
        s.systems = [
          linuxDevice({
            os: 'Fedora',
            osVersionDetail: {
              osName: 'Fedora',
              distributionName: 'Fedora',
              majorNumber: 40,
            },
          }),
        ];
      },
    },
  ],
  'DEV-07': [
    { name: 'macOS updated 5 days ago', expected: 'pass' },
    {
      name: 'macOS without update in 120 days of events',
      expected: 'fail',
      mutate: s => {
        s.directoryEvents = s.directoryEvents.filter(
          e => e.event_type !== 'os_minor_upgrade',
        );
      },
    },
    {
      name: 'history too short',
      expected: 'unknown',
      mutate: s => {
        s.directoryEvents = [];
      },
    },
    { name: 'Windows hotfix 10 days old', expected: 'pass', mutate: asWindows },
    {
      name: 'Windows hotfix 90 days old',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        rows(s, 'patches', 'win1', [
          { hotfix_id: 'KB1', installed_on: '2026-08-01' },
        ]);
      },
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-08': [
    { name: 'update policy succeeding', expected: 'pass' },
    {
      name: 'update policy failing',
      expected: 'fail',
      mutate: s => {
        s.policyStatuses.find(p => p.policyID === 'p4')!.success = false;
        s.policyStatuses.find(p => p.policyID === 'p4')!.state = 'failed';
      },
    },
    {
      name: 'managed setting off',
      expected: 'fail',
      mutate: s => {
        dropPolicies(/update/)(s);
        rows(s, 'managed_policies', 'mac1', [
          {
            domain: 'com.apple.SoftwareUpdate',
            name: 'AutomaticCheckEnabled',
            value: '0',
          },
        ]);
      },
    },
    { name: 'Windows auto-update Good', expected: 'pass', mutate: asWindows },
    { name: 'Linux without policy', expected: 'unknown', mutate: asLinux },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-09': [
    { name: '1Password installed', expected: 'pass' },
    {
      name: 'none installed',
      expected: 'fail',
      mutate: s => rows(s, 'apps', 'mac1', [{ name: 'Slack.app' }]),
    },
    { name: 'Windows Bitwarden', expected: 'pass', mutate: asWindows },
    {
      name: 'Linux inventory not collected',
      expected: 'unknown',
      mutate: asLinux,
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-10': [
    { name: 'seen yesterday', expected: 'pass' },
    {
      name: 'seen 20 days ago',
      expected: 'fail',
      mutate: s => {
        s.systems[0].lastContact = daysAgo(20);
      },
    },
    {
      name: 'never checked in',
      expected: 'fail',
      mutate: s => {
        s.systems[0].lastContact = null;
      },
    },
    {
      name: 'no check-in field',
      expected: 'unknown',
      mutate: s => {
        delete s.systems[0].lastContact;
      },
    },
  ],
  'DEV-11': [
    { name: 'bound to alice', expected: 'pass' },
    {
      name: 'tagged shared',
      expected: 'pass',
      mutate: s => {
        s.userSystemBindings = [];
        s.systems[0].tags = ['Shared'];
      },
    },
    {
      name: 'nobody bound',
      expected: 'fail',
      mutate: s => {
        s.userSystemBindings = [];
      },
    },
    {
      name: 'only a suspended user',
      expected: 'fail',
      mutate: s => {
        s.users[0].suspended = true;
        s.users[0].state = 'SUSPENDED';
      },
    },
  ],
  'DEV-12': [
    { name: 'bound to an active user', expected: 'pass' },
    {
      name: 'every user suspended',
      expected: 'fail',
      mutate: s => {
        s.users[0].suspended = true;
        s.users[0].state = 'SUSPENDED';
      },
    },
    { name: 'stale device', expected: 'unknown', mutate: stale },
    {
      name: 'nobody bound',
      expected: 'not_applicable',
      mutate: s => {
        s.userSystemBindings = [];
      },
    },
  ],
  'DEV-13': [
    { name: 'JumpCloud MDM, user approved', expected: 'pass' },
    {
      name: 'not enrolled',
      expected: 'fail',
      mutate: s => {
        s.systems[0].mdm = { vendor: 'none' };
      },
    },
    {
      name: 'macOS not user approved',
      expected: 'fail',
      mutate: s => {
        s.systems[0].mdm = {
          vendor: 'internal',
          userApproved: false,
          dep: false,
        };
      },
    },
    {
      name: 'MDM state missing',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].mdm = null;
      },
    },
    { name: 'Linux', expected: 'not_applicable', mutate: asLinux },
  ],
  'DEV-14': [
    { name: 'SI on, agent current', expected: 'pass' },
    { name: 'SI disabled', expected: 'fail', mutate: siOff },
    {
      name: 'old agent',
      expected: 'fail',
      mutate: s => {
        s.systems[0].agentVersion = '1.9.9';
      },
    },
    {
      name: 'no SI state',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].systemInsights = null;
      },
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-15': [
    { name: 'no local admins', expected: 'pass' },
    {
      name: 'alice is admin',
      expected: 'fail',
      mutate: s => {
        s.systems[0].userMetrics = [{ userName: 'alice', admin: true }];
      },
    },
    {
      name: 'sudo on the binding',
      expected: 'fail',
      mutate: s => {
        s.userSystemBindings[0].sudo = { enabled: true };
      },
    },
    {
      name: 'allow-listed admin',
      expected: 'pass',
      mutate: s => {
        s.systems[0].userMetrics = [{ userName: 'itadmin', admin: true }];
      },
      thresholds: { localAdminAllowList: ['itadmin'] },
    },
    {
      name: 'no account data',
      expected: 'unknown',
      mutate: s => {
        s.systems[0].userMetrics = [];
        siOff(s);
      },
    },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-16': [
    { name: 'hardened', expected: 'pass' },
    {
      name: 'root login allowed',
      expected: 'fail',
      mutate: s => {
        s.systems[0].allowSshRootLogin = true;
      },
    },
    {
      name: 'password auth via sshd param',
      expected: 'fail',
      mutate: s => {
        s.systems[0].sshdParams = [
          { name: 'PasswordAuthentication', value: 'yes' },
        ];
      },
    },
    {
      name: 'no SSH data',
      expected: 'unknown',
      mutate: s => {
        delete s.systems[0].allowSshRootLogin;
        delete s.systems[0].allowSshPasswordAuthentication;
      },
    },
    { name: 'Windows', expected: 'not_applicable', mutate: asWindows },
  ],
  'DEV-17': [
    { name: 'login MFA on', expected: 'pass' },
    {
      name: 'login MFA off',
      expected: 'fail',
      mutate: s => {
        s.systems[0].allowMultiFactorAuthentication = false;
      },
    },
    {
      name: 'not reported',
      expected: 'unknown',
      mutate: s => {
        delete s.systems[0].allowMultiFactorAuthentication;
      },
    },
    {
      name: 'unsupported',
      expected: 'not_applicable',
      mutate: s => {
        delete s.systems[0].allowMultiFactorAuthentication;
        s.systems[0].secureLogin = { supported: false };
      },
    },
  ],
  'DEV-18': [
    { name: 'SIP on', expected: 'pass' },
    {
      name: 'SIP off',
      expected: 'fail',
      mutate: s =>
        rows(s, 'sip_config', 'mac1', [{ config_flag: 'sip', enabled: 0 }]),
    },
    {
      name: 'Windows Secure Boot and UAC',
      expected: 'pass',
      mutate: asWindows,
    },
    {
      name: 'Windows Secure Boot off',
      expected: 'fail',
      mutate: s => {
        asWindows(s);
        rows(s, 'secureboot', 'win1', [{ secure_boot: 0 }]);
      },
    },
    { name: 'SI off', expected: 'unknown', mutate: siOff },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-19': [
    { name: 'all baseline policies', expected: 'pass' },
    {
      name: 'firewall policy missing',
      expected: 'fail',
      mutate: dropPolicies(/firewall/),
    },
    { name: 'no baseline for mobile', expected: 'not_applicable', mutate: ios },
  ],
  'DEV-20': [
    { name: 'all succeeded', expected: 'pass' },
    {
      name: 'one failed',
      expected: 'fail',
      mutate: s => {
        s.policyStatuses[0].success = false;
        s.policyStatuses[0].state = 'failed';
      },
    },
    {
      name: 'pending for 10 days',
      expected: 'fail',
      mutate: s => {
        s.policyStatuses[0].success = false;
        s.policyStatuses[0].state = 'pending';
        s.policyStatuses[0].startedAt = daysAgo(10);
      },
    },
    { name: 'stale device', expected: 'unknown', mutate: stale },
    {
      name: 'no policy bound',
      expected: 'not_applicable',
      mutate: s => {
        s.policyStatuses = [];
        s.systems[0].policyStats = { total: 0 };
      },
    },
  ],
  'DEV-21': [
    { name: 'clean', expected: 'pass' },
    {
      name: 'uTorrent installed',
      expected: 'fail',
      mutate: s => rows(s, 'apps', 'mac1', [{ name: 'uTorrent Web.app' }]),
    },
    { name: 'SI off', expected: 'unknown', mutate: siOff },
    { name: 'mobile', expected: 'not_applicable', mutate: ios },
  ],
  'USR-01': [
    { name: 'enrolled', expected: 'pass' },
    {
      name: 'not enrolled',
      expected: 'fail',
      mutate: s => {
        s.users[0] = activeUser({
          mfaEnrollment: { overallStatus: 'NOT_ENROLLED' },
          totp_enabled: false,
          mfa: { configured: false, exclusion: false },
        });
      },
    },
    {
      name: 'no MFA fields',
      expected: 'unknown',
      mutate: s => {
        s.users[0] = activeUser({
          mfaEnrollment: undefined,
          totp_enabled: undefined,
          mfa: undefined,
        });
      },
    },
    {
      name: 'current exclusion',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0] = activeUser({
          mfaEnrollment: { overallStatus: 'NOT_ENROLLED' },
          totp_enabled: false,
          mfa: {
            configured: false,
            exclusion: true,
            exclusionUntil: daysAhead(3),
          },
        });
      },
    },
    {
      name: 'suspended user',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].suspended = true;
      },
    },
  ],
  'USR-02': [
    { name: 'no exclusion', expected: 'pass' },
    {
      name: 'exclusion ends in 5 days',
      expected: 'pass',
      mutate: s => {
        s.users[0].mfa = { exclusion: true, exclusionUntil: daysAhead(5) };
      },
    },
    {
      name: 'exclusion without end',
      expected: 'fail',
      mutate: s => {
        s.users[0].mfa = { exclusion: true };
      },
    },
    {
      name: 'exclusion too long',
      expected: 'fail',
      mutate: s => {
        s.users[0].mfa = { exclusion: true, exclusionUntil: daysAhead(60) };
      },
    },
    {
      name: 'flag missing',
      expected: 'unknown',
      mutate: s => {
        s.users[0].mfa = null;
      },
    },
    {
      name: 'staged user',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].state = 'STAGED';
      },
    },
  ],
  'USR-03': [{ name: 'HR data not collected', expected: 'unknown' }],
  'USR-04': [
    { name: 'logged in 3 days ago', expected: 'pass' },
    {
      name: 'no login in 120 days of history',
      expected: 'fail',
      mutate: s => {
        s.directoryEvents = s.directoryEvents.filter(e => e.id !== 'e1');
      },
    },
    {
      name: 'history too short',
      expected: 'unknown',
      mutate: s => {
        s.directoryEvents = [
          {
            id: 'e9',
            event_type: 'admin_login_attempt',
            service: 'directory',
            timestamp: daysAgo(10),
          },
        ];
      },
    },
    {
      name: 'suspended',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].suspended = true;
      },
    },
  ],
  'USR-05': [
    { name: 'admins use MFA', expected: 'pass', entity: 'a1' },
    {
      name: 'admin without MFA',
      expected: 'fail',
      entity: 'a1',
      mutate: s => {
        Object.assign(s.admins[0], {
          enableMultiFactor: false,
          totpEnrolled: false,
        });
      },
    },
    {
      name: 'fields missing',
      expected: 'unknown',
      entity: 'a1',
      mutate: s => {
        delete s.admins[0].enableMultiFactor;
        delete s.admins[0].totpEnrolled;
      },
    },
    {
      name: 'suspended admin',
      expected: 'not_applicable',
      entity: 'a1',
      mutate: s => {
        s.admins[0].suspended = true;
      },
    },
  ],
  'USR-06': [
    { name: 'no sudo', expected: 'pass' },
    {
      name: 'global sudo',
      expected: 'fail',
      mutate: s => {
        s.users[0].sudo = true;
      },
    },
    {
      name: 'passwordless sudo',
      expected: 'fail',
      mutate: s => {
        s.users[0].passwordless_sudo = true;
      },
    },
    {
      name: 'flags missing',
      expected: 'unknown',
      mutate: s => {
        delete s.users[0].sudo;
        delete s.users[0].passwordless_sudo;
      },
    },
    {
      name: 'staged',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].state = 'STAGED';
      },
    },
  ],
  'USR-07': [
    { name: 'password expires', expected: 'pass' },
    {
      name: 'never expires while rotation expected',
      expected: 'fail',
      mutate: s => {
        s.users[0].password_never_expires = true;
      },
    },
    {
      name: 'never expires, no forced rotation',
      expected: 'pass',
      mutate: s => {
        s.users[0].password_never_expires = true;
        policy(s).enablePasswordExpirationInDays = false;
      },
    },
    {
      name: 'org policy unreadable',
      expected: 'unknown',
      mutate: s => {
        s.users[0].password_never_expires = true;
        s.organization = null;
      },
    },
    {
      name: 'suspended',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].suspended = true;
      },
    },
  ],
  'USR-08': [
    {
      name: 'staged last week',
      expected: 'pass',
      mutate: s => {
        s.users[0] = activeUser({ state: 'STAGED', created: daysAgo(7) });
      },
    },
    {
      name: 'staged 60 days',
      expected: 'fail',
      mutate: s => {
        s.users[0] = activeUser({ state: 'STAGED', created: daysAgo(60) });
      },
    },
    {
      name: 'staged, no created date',
      expected: 'unknown',
      mutate: s => {
        s.users[0] = activeUser({ state: 'STAGED', created: null });
      },
    },
    { name: 'activated user', expected: 'not_applicable' },
  ],
  'USR-09': [
    { name: 'in Engineering', expected: 'pass' },
    {
      name: 'only in All Users',
      expected: 'fail',
      mutate: s => {
        s.userGroupMembers = s.userGroupMembers.filter(m => m.groupId === 'g0');
      },
    },
    {
      name: 'suspended',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].suspended = true;
      },
    },
  ],
  'USR-10': [
    { name: 'unique', expected: 'pass' },
    {
      name: 'duplicate e-mail',
      expected: 'fail',
      mutate: s => {
        s.users.push(
          activeUser({
            _id: 'u2',
            username: 'alice2',
            employeeIdentifier: 'E2',
          }),
        );
      },
    },
    {
      name: 'personal domain',
      expected: 'fail',
      thresholds: { corporateDomains: ['acme.com'] },
    },
    {
      name: 'no e-mail',
      expected: 'unknown',
      mutate: s => {
        s.users[0].email = null;
      },
    },
    {
      name: 'staged',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].state = 'STAGED';
      },
    },
  ],
  'USR-11': [
    {
      name: 'owned bind account',
      expected: 'pass',
      mutate: s => {
        s.users[0] = activeUser({ ldap_binding_user: true, manager: 'u9' });
        s.users.push(activeUser({ _id: 'u9', username: 'owner' }));
        s.userSystemBindings = [];
      },
    },
    {
      name: 'no owner',
      expected: 'fail',
      mutate: s => {
        s.users[0] = activeUser({ ldap_binding_user: true });
      },
    },
    {
      name: 'MFA-excluded and interactive',
      expected: 'fail',
      mutate: s => {
        s.users[0] = activeUser({
          samba_service_user: true,
          manager: 'u9',
          mfa: { exclusion: true },
        });
      },
    },
    { name: 'a person', expected: 'not_applicable' },
  ],
  'USR-12': [
    { name: 'has a device', expected: 'pass' },
    {
      name: 'no device',
      expected: 'fail',
      mutate: s => {
        s.userSystemBindings = [];
      },
    },
    {
      name: 'contractor exempt',
      expected: 'not_applicable',
      mutate: s => {
        s.users[0].employeeType = 'Contractor';
      },
    },
  ],
  'USR-13': [
    { name: 'API access off', expected: 'pass', entity: 'a1' },
    { name: 'key with TTL, 30 days old', expected: 'pass', entity: 'a2' },
    {
      name: 'key without TTL',
      expected: 'fail',
      entity: 'a2',
      mutate: s => {
        s.admins[1].apiKeyHash = { createdAt: daysAgo(30), expireAt: null };
      },
    },
    {
      name: 'key 400 days old',
      expected: 'fail',
      entity: 'a2',
      mutate: s => {
        s.admins[1].apiKeyHash = {
          createdAt: daysAgo(400),
          expireAt: daysAhead(10),
        };
      },
    },
    {
      name: 'not on the integration list',
      expected: 'fail',
      entity: 'a2',
      thresholds: { apiKeyAllowedAdmins: ['svc@example.com'] },
    },
    {
      name: 'fields missing',
      expected: 'unknown',
      entity: 'a1',
      mutate: s => {
        delete s.admins[0].apiKeyAllowed;
      },
    },
    {
      name: 'suspended',
      expected: 'not_applicable',
      entity: 'a2',
      mutate: s => {
        s.admins[1].suspended = true;
      },
    },
  ],
  'USR-14': [
    { name: 'two super-admins', expected: 'pass' },
    {
      name: 'five super-admins',
      expected: 'fail',
      mutate: s => {
        for (let i = 3; i <= 5; i++)
          s.admins.push({
            _id: `a${i}`,
            roleName: 'Administrator With Billing',
          });
      },
    },
    {
      name: 'a single super-admin',
      expected: 'fail',
      mutate: s => {
        s.admins[1].roleName = 'Read Only';
      },
    },
    {
      name: 'admins not readable',
      expected: 'unknown',
      mutate: s => {
        s.admins = [];
      },
    },
  ],
  'GRP-01': [
    { name: 'Engineering has members', expected: 'pass', entity: 'g1' },
    {
      name: 'empty group granting sudo',
      expected: 'fail',
      entity: 'g1',
      mutate: s => {
        s.userGroupMembers = s.userGroupMembers.filter(m => m.groupId !== 'g1');
        s.userGroups[1].attributes = {
          sudo: { enabled: true, withoutPassword: false },
        };
      },
    },
    {
      name: 'empty group granting no sudo',
      expected: 'not_applicable',
      entity: 'g1',
      mutate: s => {
        s.userGroupMembers = s.userGroupMembers.filter(m => m.groupId !== 'g1');
      },
    },
  ],
  'GRP-02': [
    { name: 'healthy rule', expected: 'pass', entity: 'g1' },
    {
      name: 'query errors',
      expected: 'fail',
      entity: 'g1',
      mutate: s => {
        s.userGroups[1].memberQueryErrorFlags = ['invalid_filter'];
      },
    },
    {
      name: 'undocumented exemptions',
      expected: 'fail',
      entity: 'g1',
      mutate: s => {
        s.userGroups[1].memberQueryExemptions = [{ id: 'u1', type: 'user' }];
      },
    },
    {
      name: 'method not reported',
      expected: 'unknown',
      entity: 'g1',
      mutate: s => {
        delete s.userGroups[1].membershipMethod;
      },
    },
    { name: 'static group', expected: 'not_applicable', entity: 'g0' },
  ],
  'GRP-03': [
    { name: 'no privileged change', expected: 'pass' },
    {
      name: 'admin created',
      expected: 'fail',
      mutate: s => {
        s.directoryEvents.push({
          id: 'e5',
          event_type: 'admin_create',
          service: 'directory',
          timestamp: daysAgo(2),
          initiated_by: { email: 'root@example.com' },
        });
      },
    },
    {
      name: 'no events',
      expected: 'unknown',
      mutate: s => {
        s.directoryEvents = [];
      },
    },
  ],
  'ORG-01': [
    { name: 'required', expected: 'pass' },
    {
      name: 'not required',
      expected: 'fail',
      mutate: s => {
        settings(s).requireAdminMFA = false;
      },
    },
    {
      name: 'org not read',
      expected: 'unknown',
      mutate: s => {
        s.organization = null;
      },
    },
  ],
  'ORG-02': [
    { name: 'length 14', expected: 'pass' },
    {
      name: 'length 8',
      expected: 'fail',
      mutate: s => {
        policy(s).minLength = 8;
      },
    },
    {
      name: 'preset instead of custom',
      expected: 'fail',
      mutate: s => {
        settings(s).passwordCompliance = 'pci3';
      },
    },
    {
      name: 'org not read',
      expected: 'unknown',
      mutate: s => {
        s.organization = null;
      },
    },
  ],
  'ORG-03': [
    { name: 'strong', expected: 'pass' },
    {
      name: 'common passwords allowed',
      expected: 'fail',
      mutate: s => {
        policy(s).disallowCommonlyUsedPasswords = false;
      },
    },
    {
      name: 'policy missing',
      expected: 'unknown',
      mutate: s => {
        settings(s).passwordPolicy = null;
      },
    },
  ],
  'ORG-04': [
    { name: 'lockout after 5', expected: 'pass' },
    {
      name: 'no lockout',
      expected: 'fail',
      mutate: s => {
        policy(s).enableMaxLoginAttempts = false;
      },
    },
    {
      name: 'org not read',
      expected: 'unknown',
      mutate: s => {
        s.organization = null;
      },
    },
  ],
  'ORG-05': [
    { name: 'expires after 90 days', expected: 'pass' },
    {
      name: 'never expires',
      expected: 'fail',
      mutate: s => {
        policy(s).enablePasswordExpirationInDays = false;
      },
    },
    {
      name: 'NIST stance with forced expiry',
      expected: 'fail',
      thresholds: { passwordExpiryMode: 'no-forced-expiry' },
    },
    {
      name: 'org not read',
      expected: 'unknown',
      mutate: s => {
        s.organization = null;
      },
    },
  ],
  'ORG-06': [
    { name: '30 minutes', expected: 'pass' },
    {
      name: '8 hours',
      expected: 'fail',
      mutate: s => {
        settings(s).userPortal = { idleSessionDurationMinutes: 480 };
      },
    },
    {
      name: 'not reported',
      expected: 'unknown',
      mutate: s => {
        settings(s).userPortal = null;
      },
    },
  ],
  'ORG-07': [
    { name: 'portal and apps require MFA', expected: 'pass' },
    {
      name: 'apps not covered',
      expected: 'fail',
      mutate: s => {
        s.authnPolicies = s.authnPolicies.slice(0, 1);
      },
    },
    {
      name: 'broad bypass',
      expected: 'fail',
      mutate: s => {
        s.authnPolicies.push({
          id: 'cp3',
          name: 'Allow all',
          type: 'application',
          disabled: false,
          effect: { action: 'allow' },
        });
      },
    },
  ],
  'ORG-08': [
    { name: 'valid', expected: 'pass' },
    {
      name: 'APNs expires in 10 days',
      expected: 'fail',
      mutate: s => {
        s.appleMdms[0].apnsCertExpiry = daysAhead(10);
      },
    },
    {
      name: 'no expiry reported',
      expected: 'unknown',
      mutate: s => {
        s.appleMdms[0].apnsCertExpiry = null;
      },
    },
    {
      name: 'no Apple MDM',
      expected: 'not_applicable',
      mutate: s => {
        s.appleMdms = [];
      },
    },
  ],
  'ORG-09': [
    { name: 'events flowing', expected: 'pass' },
    {
      name: 'DI disabled',
      expected: 'fail',
      mutate: s => {
        settings(s).features = { directoryInsights: { enabled: false } };
      },
    },
    {
      name: 'enabled but empty',
      expected: 'unknown',
      mutate: s => {
        s.directoryEvents = [];
      },
    },
    {
      name: 'one year of history required without Premium',
      expected: 'fail',
      thresholds: { auditRetentionDays: 365 },
    },
  ],
};

function evaluate(checkId: string, c: Case) {
  const snapshot = healthySnapshot();
  c.mutate?.(snapshot);
  const { results, errors } = runChecks({
    snapshot,
    connectionId: 'c1',
    orgId: 'org1',
    now: NOW,
    thresholds: { ...defaultCheckThresholds, ...c.thresholds },
    checks: builtInChecks.filter(check => check.id === checkId),
  });
  expect(errors).toEqual([]);
  return c.entity ? results.find(r => r.entityId === c.entity) : results[0];
}

describe.each(Object.keys(cases))('%s', checkId => {
  it.each(cases[checkId].map(c => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluate(checkId, c);
    expect(result).toBeDefined();
    expect({ status: result!.status, message: result!.message }).toEqual({
      status: c.expected,
      message: expect.any(String),
    });
  });
});

describe('the catalogue', () => {
  it('has a case for every check and status a check can reach', () => {
    expect(Object.keys(cases).sort()).toEqual(
      builtInChecks.map(c => c.id).sort(),
    );
    // USR-03 needs HR termination dates, which are not collected: it can only be unknown.
    const unknownOnly = new Set(['USR-03']);
    // Checks whose every input is always present in a complete snapshot.
    const neverUnknown = new Set([
      'DEV-11',
      'DEV-19',
      'USR-09',
      'USR-11',
      'USR-12',
      'GRP-01',
      'ORG-07',
    ]);
    const missing = Object.entries(cases).flatMap(([id, list]) => {
      const statuses = new Set(list.map(c => c.expected));
      const required = unknownOnly.has(id)
        ? ['unknown']
        : ['pass', 'fail', ...(neverUnknown.has(id) ? [] : ['unknown'])];
      return required
        .filter(status => !statuses.has(status as Case['expected']))
        .map(status => `${id}:${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('describes every check with frameworks, fields and remediation', () => {
    expect(builtInChecks.length).toBeGreaterThanOrEqual(45);
    for (const check of builtInChecks) {
      expect(
        check.title && check.description && check.remediation,
      ).toBeTruthy();
      expect(check.fields.length).toBeGreaterThan(0);
      for (const framework of ['soc2', 'iso27001', 'cis', 'nist'] as const) {
        expect([
          check.id,
          framework,
          check.frameworks[framework].length > 0,
        ]).toEqual([check.id, framework, true]);
      }
    }
    expect(new Set(builtInChecks.map(c => c.id)).size).toBe(
      builtInChecks.length,
    );
  });

  it('never fails a device that is offline past the freshness window', () => {
    const snapshot = healthySnapshot();
    snapshot.systems = [
      macDevice({
        lastContact: daysAgo(60),
        fde: { active: false },
        mdm: { vendor: 'none' },
      }),
    ];
    snapshot.systemInsights = {};
    const { results } = runChecks({
      snapshot,
      connectionId: 'c1',
      orgId: 'org1',
      now: NOW,
      thresholds: defaultCheckThresholds,
      checks: builtInChecks,
    });
    const deviceFails = results
      .filter(r => r.entityKind === 'device' && r.status === 'fail')
      .map(r => r.checkId);
    // Only staleness itself, and inventory facts that do not depend on fresh data, may fail.
    expect(deviceFails.sort()).toEqual(['DEV-10', 'DEV-13']);
  });

  it('skips disabled checks and reports a throwing custom check without losing the others', () => {
    const boom = {
      ...builtInChecks[0],
      id: 'CUSTOM-1',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const { results, errors } = runChecks({
      snapshot: healthySnapshot(),
      connectionId: 'c1',
      orgId: 'org1',
      now: NOW,
      thresholds: { ...defaultCheckThresholds, disabled: ['DEV-02'] },
      checks: [...builtInChecks, boom],
    });
    expect(errors).toEqual([{ checkId: 'CUSTOM-1', message: 'boom' }]);
    expect(results.some(r => r.checkId === 'DEV-02')).toBe(false);
    expect(results.some(r => r.checkId === 'DEV-01')).toBe(true);
  });
});
