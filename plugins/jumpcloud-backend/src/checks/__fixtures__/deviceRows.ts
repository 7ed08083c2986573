import type {
  JcSystem,
  OrgSnapshot,
  SystemInsightsTable,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  daysAgo,
  linuxDevice,
  windowsDevice,
  windowsInsights,
} from './snapshot';

// System Insights rows shaped as JumpCloud returns them: osquery's columns
// (v2 `system-insights-*` schemas), one row per flag, volume, key or app,
// integers as numbers, osquery text as text.

type Row = Record<string, unknown>;

/** Replaces a table's rows for one device, stamped as collected yesterday. */
export function setRows(
  snapshot: OrgSnapshot,
  table: SystemInsightsTable,
  systemId: string,
  list: Row[],
): void {
  snapshot.systemInsights[table] = list.map(fields => ({
    system_id: systemId,
    collection_time: daysAgo(1),
    ...fields,
  }));
}

/** Makes a healthy Windows device, with its System Insights rows, the only device. */
export function onlyWindowsDevice(snapshot: OrgSnapshot): void {
  snapshot.systems = [windowsDevice()];
  snapshot.systemInsights = windowsInsights();
}

/** Makes an Ubuntu device, without System Insights rows, the only device. */
export function onlyLinuxDevice(
  snapshot: OrgSnapshot,
  overrides: Partial<JcSystem> = {},
): void {
  snapshot.systems = [linuxDevice(overrides)];
  snapshot.systemInsights = {};
}

/** osquery `sip_config` on a Mac: the `sip` row, then one row per relaxation. */
const SIP_FLAGS = [
  'allow_untrusted_kexts',
  'allow_unrestricted_fs',
  'allow_task_for_pid',
  'allow_kernel_debugger',
  'allow_apple_internal',
  'allow_unrestricted_dtrace',
  'allow_unrestricted_nvram',
  'allow_device_configuration',
  'allow_any_recovery_os',
  'allow_user_approved_kexts',
  'allow_executable_policy_override',
  'allow_unauthenticated_root',
];
export const sipRows = (sip: 0 | 1, relaxed: string[] = []): Row[] => [
  { config_flag: 'sip', enabled: sip, enabled_nvram: sip },
  ...SIP_FLAGS.map(flag => {
    const value = relaxed.includes(flag) ? 1 : 0;
    return { config_flag: flag, enabled: value, enabled_nvram: value };
  }),
];

/** disk_encryption on an Apple silicon Mac: one row per APFS volume. */
export const macVolumes = (fileVault: boolean): Row[] =>
  [
    ['/dev/disk3s1', 'fv'],
    ['/dev/disk3s5', 'fv'],
    ['/dev/disk3s2', 'plain'],
    ['/dev/disk3s3', 'plain'],
    ['/dev/disk3s6', 'plain'],
    ['/dev/disk1s2', 'support'],
  ].map(([name, role]) => {
    let status = 'not encrypted';
    if (role === 'support') status = 'undefined';
    if (role === 'fv' && fileVault) status = 'encrypted';
    return {
      name,
      uuid: `UUID-${name}`,
      encrypted: status === 'encrypted' ? 1 : 0,
      type: status === 'encrypted' ? 'AES-XTS' : '',
      encryption_status: status,
      uid: '',
      user_uuid: '',
    };
  });

/**
 * disk_encryption on Ubuntu (osquery reads cryptsetup): the LUKS partition
 * itself is "not encrypted", the unlocked dm-crypt mapping is encrypted and
 * the LVM volumes on it inherit its status. Linux never says "undefined".
 */
export const linuxVolumes = (luks: boolean): Row[] => {
  const luksRow = (name: string) =>
    luks
      ? {
          name,
          encrypted: 1,
          type: 'LUKS2-aes-xts-plain64',
          encryption_status: 'encrypted',
        }
      : { name, encrypted: 0, type: '', encryption_status: 'not encrypted' };
  return [
    {
      name: '/dev/nvme0n1',
      encrypted: 0,
      type: '',
      encryption_status: 'not encrypted',
    },
    {
      name: '/dev/nvme0n1p1',
      encrypted: 0,
      type: '',
      encryption_status: 'not encrypted',
    },
    {
      name: '/dev/nvme0n1p3',
      encrypted: 0,
      type: '',
      encryption_status: 'not encrypted',
    },
    luksRow('/dev/dm-0'),
    luksRow('/dev/dm-1'),
  ].map(row => ({ uuid: '', ...row }));
};

/**
 * osquery `managed_policies`: one row per key of each configuration-profile
 * payload; plist values arrive as text (booleans "true"/"false").
 */
export const managedPolicies = (
  domain: string,
  settings: Record<string, string>,
): Row[] =>
  Object.entries(settings).map(([name, value]) => ({
    domain,
    uuid: `${domain}.profile-uuid`,
    name,
    value,
    username: '',
    manual: 0,
  }));

/** `windows_security_center`: one row of health words. */
export const securityCenter = (health: Record<string, string> = {}): Row => ({
  firewall: 'Good',
  autoupdate: 'Good',
  antivirus: 'Good',
  antispyware: 'Good',
  internet_settings: 'Good',
  windows_security_center_service: 'Good',
  user_account_control: 'Good',
  ...health,
});

/** `windows_security_products`: one row per registered product and type. */
export const securityProduct = (
  type: 'Antivirus' | 'Firewall' | 'Antispyware',
  name: string,
  state: string,
  signaturesUpToDate: 0 | 1,
): Row => ({
  type,
  name,
  state,
  state_timestamp: 'Thu, 21 Nov 2026 08:12:44 GMT',
  remediation_path: '%ProgramFiles%\\Windows Defender\\MSASCui.exe',
  signatures_up_to_date: signaturesUpToDate,
});

/** `bitlocker_info` for the C: drive (WMI Win32_EncryptableVolume). */
export const bitlockerRow = (fields: Row): Row => ({
  device_id: '\\\\?\\Volume{4c1b2a3d-0000-0000-0000-100000000000}\\',
  drive_letter: 'C:',
  persistent_volume_id: '{9E1F1C52-3B8A-4D0E-9F4C-6A5B7C8D9E0F}',
  encryption_method: 'XTS_AES_128',
  ...fields,
});

/** `patches` (Win32_QuickFixEngineering): `installed_on` as WMI writes it. */
export const hotfix = (hotfixId: string, installedOn: string): Row => ({
  csname: 'WIN-1',
  hotfix_id: hotfixId,
  caption: `https://support.microsoft.com/help/${hotfixId.slice(2)}`,
  description: 'Security Update',
  fix_comments: '',
  installed_by: 'NT AUTHORITY\\SYSTEM',
  install_date: '',
  installed_on: installedOn,
});

/** `os_version`: Windows splits Version into major, minor and a text `build`. */
export const windowsOsVersion = (build: string): Row => ({
  name: 'Microsoft Windows 11 Pro',
  version: `10.0.${build}`,
  major: 10,
  minor: 0,
  patch: null,
  build,
  platform: 'windows',
  platform_like: 'windows',
  codename: 'Microsoft Windows 11 Pro',
});

/** A typical Mac's `apps`: real devices list 100-300 bundles. */
const MAC_APP_NAMES = [
  'Safari.app',
  'Mail.app',
  'Calendar.app',
  'Notes.app',
  'Music.app',
  'Photos.app',
  'Preview.app',
  'TextEdit.app',
  'Terminal.app',
  'System Settings.app',
  'Google Chrome.app',
  'Slack.app',
  'zoom.us.app',
  'Microsoft Word.app',
  'Microsoft Excel.app',
  'Visual Studio Code.app',
  'Docker.app',
  'Jumpcloud.app',
];
export const macApps = (installed: string[] = [], fillers = 120): Row[] =>
  [
    ...MAC_APP_NAMES,
    ...Array.from({ length: fillers }, (_, i) => `Utility ${i + 1}.app`),
    ...installed,
  ].map(name => ({
    name,
    path: `/Applications/${name}`,
    bundle_name: name.replace(/\.app$/, ''),
    bundle_identifier: `com.example.${name.replace(/\W/g, '').toLowerCase()}`,
    bundle_short_version: '1.0',
  }));

/** A typical Windows `programs` list (Add/Remove Programs). */
const WINDOWS_PROGRAM_NAMES = [
  'Microsoft Edge',
  'Microsoft Teams',
  'Microsoft 365 Apps for enterprise - en-us',
  'Google Chrome',
  'Zoom Workplace (64-bit)',
  '7-Zip 24.08 (x64)',
  'JumpCloud Agent',
  'Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810',
];
export const windowsPrograms = (installed: string[] = []): Row[] =>
  [...WINDOWS_PROGRAM_NAMES, ...installed].map(name => ({
    name,
    version: '1.0.0',
    publisher: 'Example Publisher',
    install_date: '20261101',
    install_location: '',
    identifying_number: '',
  }));
