import type { CheckFieldDocs } from './types';

// Most device checks read System Insights: their `withoutData` starts alike.
const SI_OFF =
  'Devices whose System Insights is disabled or deferred, that returned no rows for the table, or whose rows are older than `staleDays` are **unknown**';

/** Device checks (DEV-*): System Insights tables, the agent's `systems` fields, bound policies and Directory Insights events. */
export const DEVICE_FIELD_DOCS: Record<string, CheckFieldDocs> = {
  'DEV-01': {
    fields: {
      'systems.fde.active':
        'v1 `/systems` `fde.active` (boolean): the agent reports FileVault (macOS) or BitLocker (Windows) on. Used when System Insights has no encryption rows; ignored on Linux, where JumpCloud does not report LUKS.',
      'systeminsights.disk_encryption.encrypted':
        'osquery `disk_encryption` (macOS, Linux; integer), one row per volume: 1 when the volume is encrypted. A Mac lists System, Data, Preboot, Recovery, VM...; FileVault encrypts System and Data only, so one encrypted volume passes. On Linux the unlocked dm-crypt mapping and the LVM volumes on it are 1, the LUKS partition itself 0.',
      'systeminsights.disk_encryption.encryption_status':
        'osquery (text): `encrypted`, `not encrypted` or `undefined` (macOS only: status not determinable, e.g. support volumes). Every volume `undefined` is unknown.',
      'systeminsights.bitlocker_info.drive_letter':
        'osquery (Windows): the volume; the check reads `C:` (else the first row).',
      'systeminsights.bitlocker_info.protection_status':
        'WMI Win32_EncryptableVolume ProtectionStatus (integer): 0 off (also while suspended for an update), 1 on, 2 unknown (e.g. a locked volume: unknown).',
      'systeminsights.bitlocker_info.percentage_encrypted':
        'Share of the volume encrypted (integer; null from agents that do not send it). 100 with protection on passes, 100 with protection off fails, between 0 and 100 while encrypting is unknown.',
      'systeminsights.bitlocker_info.conversion_status':
        'WMI ConversionStatus (integer): 0 fully decrypted, 1 fully encrypted, 2 encrypting, 3 decrypting, 4 encryption paused, 5 decryption paused. Decides "fully encrypted" when the percentage is null; 3 and 5 (turning BitLocker off) fail, 2 and 4 are unknown.',
    },
    withoutData: `${SI_OFF} only when \`fde.active\` is absent too; otherwise \`fde.active\` decides (macOS, Windows). Linux without \`disk_encryption\` rows is unknown whatever \`fde\` says. Devices offline past \`staleDays\` are unknown.`,
  },
  'DEV-02': {
    fields: {
      'systems.fde.active':
        'v1 `/systems` `fde.active` (boolean): FileVault/BitLocker on; off is not applicable here (DEV-01 fails it).',
      'systems.fde.keyPresent':
        'v1 `/systems` `fde.keyPresent` (boolean): JumpCloud holds the recovery key (FileVault personal recovery key, BitLocker recovery password) escrowed by the agent; readable at `/api/v2/systems/{id}/fdekey`.',
    },
    withoutData:
      'A device without the `fde` object, or without `keyPresent`, is **unknown**. Linux is **not applicable**: JumpCloud escrows no LUKS key.',
  },
  'DEV-03': {
    fields: {
      'systeminsights.managed_policies(com.apple.screensaver).idleTime':
        'osquery `managed_policies` (configuration-profile payloads) row domain `com.apple.screensaver`, name `idleTime`: seconds of inactivity before the screensaver starts (a string).',
      'systeminsights.managed_policies(com.apple.screensaver).askForPassword':
        '`1` when waking from the screensaver asks for the password.',
      'systeminsights.managed_policies(com.apple.screensaver).askForPasswordDelay':
        'Seconds after the screensaver starts before the password is asked; more than 5 fails.',
      'policystatuses.success':
        'Latest result of each policy bound to the device (v2 `/systems/{id}/policystatuses`); used when no managed screensaver setting is reported, and on Windows and Linux.',
      'policies.template.name':
        'The policy template (`lock_screen_darwin`, …): which bound policies are lock-screen policies.',
    },
    withoutData:
      'macOS without managed screensaver rows and without a lock-screen policy fails (nothing enforces a lock); with System Insights off it is **unknown**. Windows and Linux without a bound lock-screen policy are **unknown** (their local setting is not collected).',
  },
  'DEV-04': {
    fields: {
      'systeminsights.alf.global_state':
        'osquery `alf` (macOS Application Firewall): 0 off, 1 on, 2 block all incoming; 1 or 2 passes.',
      'systeminsights.windows_security_center.firewall':
        'Windows Security Center health of the firewall: `Good`, `Poor`, `Snoozed`, `Not Monitored`, `Error`.',
      'policystatuses.success':
        'Latest result of a bound firewall policy; decides Linux, and macOS/Windows when the table says nothing.',
      'policies.template.name':
        'Which bound policies are firewall policies (template name containing `firewall`).',
    },
    withoutData: `${SI_OFF} unless a firewall policy is bound. On macOS 15, osquery before 5.14 returns no \`alf\` rows at all (osquery#8395): unknown, naming the agent to update. Linux without a firewall policy is unknown.`,
  },
  'DEV-05': {
    fields: {
      'systeminsights.windows_security_products.type':
        'osquery (Windows Security Center products): `Antivirus`, `Firewall`, `Antispyware`.',
      'systeminsights.windows_security_products.state':
        '`On`, `Off`, `Snoozed`, `Expired`.',
      'systeminsights.windows_security_products.signatures_up_to_date':
        '1 when the product reports current signatures.',
      'systeminsights.windows_security_center.antivirus':
        'Security Center antivirus health (`Good`, `Poor`, `Snoozed`…), read when the products table is missing.',
      'systeminsights.apps.name':
        'osquery `apps` (macOS): one row per application bundle, e.g. `Falcon.app` (real Macs list 100-300); matched against `edrAllowList`.',
    },
    withoutData: `${SI_OFF}. Linux is always unknown: the package inventory is not collected.`,
  },
  'DEV-06': {
    fields: {
      'systems.os':
        'OS name as JumpCloud reports it (`Mac OS X`, `Windows`, `Ubuntu`…), matched to an `osBaselines` key.',
      'systems.osVersionDetail.osName':
        'Marketing name (`macOS`, `Windows 11 Pro`, `Ubuntu`), matched to an `osBaselines` key.',
      'systems.osVersionDetail.distributionName':
        'Linux distribution (`ubuntu`, `rocky`), matched to an `osBaselines` key first.',
      'systems.osVersionDetail.majorNumber':
        'Major version as a number (read before the string `major`).',
      'systems.osVersionDetail.minorNumber': 'Minor version as a number.',
      'systems.osVersionDetail.patchNumber':
        'Patch version (the build number on Windows, e.g. 26100).',
      'systems.osVersionDetail.major':
        'Major version as a string, when the numbers are absent.',
      'systeminsights.os_version.major':
        'osquery `os_version` major (integer): read when JumpCloud sends no version detail.',
      'systeminsights.os_version.minor':
        'osquery `os_version` minor (integer).',
      'systeminsights.os_version.patch':
        'osquery `os_version` patch (integer; empty on Windows).',
      'systeminsights.os_version.build':
        'osquery `os_version` build (text). On Windows osquery splits Version `10.0.22631` into major 10, minor 0 and build `22631` (Windows 11 too reports major 10), so the build is the third part compared.',
    },
    withoutData:
      'A device with no version from either source is **unknown**; an OS without a configured baseline is **not applicable**.',
  },
  'DEV-07': {
    fields: {
      'systeminsights.patches.installed_on':
        'osquery `patches` (Windows hotfixes/KBs): install date, usually `M/d/yyyy`, sometimes `yyyymmdd` or ISO; impossible dates are skipped.',
      'directoryevents.os_minor_upgrade':
        'Directory Insights (service `systems`): the agent reported a minor OS update of `system.id`.',
      'directoryevents.os_major_upgrade':
        'Directory Insights: a major OS upgrade of `system.id`.',
    },
    withoutData: `Windows: ${SI_OFF.toLowerCase()}. macOS/Linux without an OS-update event fail only when the Directory Insights events held cover \`patchMaxAgeDays\`; with a shorter history (or Directory Insights off: no events) they are **unknown**.`,
  },
  'DEV-08': {
    fields: {
      'systeminsights.windows_security_center.autoupdate':
        'Security Center health of Windows Update: `Good` on, `Poor`/`Snoozed` off.',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticCheckEnabled':
        'osquery `managed_policies` row of the SoftwareUpdate profile payload (value as text: `true`/`1` on, `false`/`0` off): macOS checks for updates automatically.',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticallyInstallMacOSUpdates':
        'Same payload: macOS installs updates automatically. Either key set off fails; at least one set and none off passes.',
      'policystatuses.success':
        'Latest result of a bound update/patch policy; a bound policy decides first.',
      'policies.template.name':
        'Which bound policies are update policies (name containing `update` or `patch`).',
    },
    withoutData: `Without an update policy: ${SI_OFF.toLowerCase()}; macOS with System Insights but no managed update setting fails; Linux is unknown.`,
  },
  'DEV-09': {
    fields: {
      'systeminsights.apps.name':
        'osquery `apps` (macOS): installed application bundles, matched against `passwordManagerAllowList`.',
      'systeminsights.programs.name':
        'osquery `programs` (Windows): installed programs (Add/Remove Programs).',
    },
    withoutData: `${SI_OFF}. Linux is unknown (no package inventory). Browser-extension-only installs are not seen.`,
  },
  'DEV-10': {
    fields: {
      'systems.lastContact':
        'Last agent check-in (ISO time); `null` when the agent never checked in (fails).',
      'systems.active': 'The agent is connected right now (passes).',
    },
    withoutData:
      'Always present for agent-managed devices; a `lastContact` that cannot be read is **unknown**.',
  },
  'DEV-11': {
    fields: {
      'systems.primarySystemUser.id':
        'The device’s primary user, counted as bound.',
      'systems.attributes':
        'Custom attributes `{name, value}`; a value on `sharedDeviceTags` (e.g. `usage: shared`) marks a shared machine or server.',
      'systems.tags':
        'Legacy tags: JumpCloud returns tag **ids** here, so they match `sharedDeviceTags` only where an org stored names.',
      'systems/{id}/users':
        'Users with access to the device, directly or through groups (v2 graph traversal).',
      'systemusers.state': 'The bound user is `ACTIVATED` and not suspended.',
    },
    withoutData:
      'Every input comes with devices and users: a device nobody is bound to fails unless marked shared.',
  },
  'DEV-12': {
    fields: {
      'systems/{id}/users': 'Users with access to the device.',
      'systems.primarySystemUser.id': 'The primary user, counted as bound.',
      'systemusers.state': '`SUSPENDED` marks a departed user.',
      'systemusers.suspended': 'Legacy flag beside `state`.',
      'systems.lastContact':
        'Only devices seen within `staleDays` are judged (a stale device is unknown).',
    },
    withoutData:
      'A device nobody is bound to is **not applicable** (DEV-11 reports it). HR termination dates are not collected.',
  },
  'DEV-13': {
    fields: {
      'systems.mdm.vendor':
        'v1 `/systems` enum: `internal` (JumpCloud MDM), `external` (another MDM) pass; `none` fails; `unknown` (JumpCloud has no report) is unknown.',
      'systems.mdm.userApproved':
        'macOS: the MDM profile was approved by the user (needed for most payloads).',
      'systems.mdm.dep':
        'macOS: enrolled through Automated Device Enrollment (implies approval).',
      'systems.mdm.enrollmentType':
        'v1 enum `unknown`, `automated device`, `device`, `user`: `automated device` counts as ADE where `dep` is not set.',
    },
    withoutData:
      'A device without an `mdm` object is **unknown**; Linux is not applicable.',
  },
  'DEV-14': {
    fields: {
      'systems.systemInsights.state':
        '`enabled`, `disabled` or `deferred` (waiting to start): anything but enabled fails.',
      'systems.agentVersion': 'The JumpCloud agent’s version on the device.',
      'organization.settings.agentVersion':
        'The organisation’s current agent version; an older agent fails.',
      'systems.agentHasFullDiskAccess':
        'macOS: the agent has Full Disk Access (PPPC), needed by several System Insights tables.',
    },
    withoutData:
      'A device without `systemInsights.state` or `agentVersion` is **unknown**.',
  },
  'DEV-15': {
    fields: {
      'systems.userMetrics.userName':
        'Local accounts the agent reports (macOS, Windows).',
      'systems.userMetrics.admin': 'The local account is an administrator.',
      'systems.userMetrics.suspended':
        'The local account is suspended (skipped).',
      'systeminsights.users.admin':
        'JumpCloud’s System Insights `users` table (not osquery’s): the account is an admin; read when userMetrics is empty.',
      'systeminsights.users.real_user':
        '`false` for system accounts (root, Administrator): admins by design, not counted.',
      'systems/{id}/users.sudo':
        'Sudo/admin granted through the user’s binding to the device.',
    },
    withoutData:
      'A device with no user metrics, no System Insights `users` rows and no sudo binding is **unknown**.',
  },
  'DEV-16': {
    fields: {
      'systems.allowSshRootLogin':
        'Device setting managed by JumpCloud: root may log in over SSH.',
      'systems.sshRootEnabled': 'The root account is enabled for SSH.',
      'systems.allowSshPasswordAuthentication':
        'SSH accepts passwords (not only keys).',
      'systems.sshdParams':
        '`{name, value}` from sshd_config: `PermitRootLogin` other than `no` (`yes`, `prohibit-password`, `without-password`, `forced-commands-only`) lets root in; `PasswordAuthentication yes` fails.',
    },
    withoutData:
      'A device reporting none of these is **unknown**; Windows is not applicable.',
  },
  'DEV-17': {
    fields: {
      'systems.allowMultiFactorAuthentication':
        'JumpCloud device-login MFA (Push/TOTP at the login window) is on.',
      'systems.secureLogin.supported':
        'The OS supports JumpCloud secure login (Windows).',
      'systems.secureLogin.enabled': 'Secure login is on.',
    },
    withoutData:
      'A device reporting neither flag is **unknown**; one that does not support login MFA is not applicable.',
  },
  'DEV-18': {
    fields: {
      'systeminsights.secureboot.secure_boot':
        'osquery `secureboot` (Windows, Linux): 1 when UEFI Secure Boot is on.',
      'systeminsights.secureboot.setup_mode':
        '1 when the firmware is in setup mode (no platform key): Secure Boot is not enforced, fails.',
      'systeminsights.sip_config.config_flag':
        'osquery `sip_config` (macOS), one row per flag: `sip`, and `allow_untrusted_kexts`, `allow_unrestricted_fs`, `allow_task_for_pid`, `allow_kernel_debugger`, … (each a relaxation of SIP).',
      'systeminsights.sip_config.enabled':
        'For `sip`: 1 when SIP is on. For an `allow_*` flag: 1 when that protection is **relaxed**. A healthy Mac: `sip` 1 and every `allow_*` 0; `sip` 0 or any `allow_*` 1 fails, naming the flags.',
      'systeminsights.windows_security_center.user_account_control':
        'Security Center health of UAC: `Good` passes, `Poor` fails.',
    },
    withoutData: `${SI_OFF}; a Mac whose rows lack the \`sip\` row is unknown.`,
  },
  'DEV-19': {
    fields: {
      'policies.template.name':
        'Template of each policy with a result on the device, matched against `requiredPolicies` (substrings).',
      'policystatuses.systemID':
        'Policy results per device: a policy applies to a device once it has a result there (bound directly or through a device group).',
      'systems.isPolicyBound':
        'JumpCloud’s flag that any policy is bound (evidence).',
    },
    withoutData:
      'A device whose OS has no required policies is not applicable; one without policy results fails (nothing is bound).',
  },
  'DEV-20': {
    fields: {
      'policystatuses.success': 'The latest run succeeded.',
      'policystatuses.state':
        '`success`, `failed` or `pending`; pending longer than `policyPendingDays` fails.',
      'policystatuses.startedAt': 'When the pending run started.',
      'systems.policyStats':
        'Per-device counts (`success`, `failed`, `pending`, `total`, `unsupportedOs`, `duplicate`), read when no result was collected.',
    },
    withoutData:
      'A device with no results and `policyStats.total` 0 is **not applicable** (nothing bound).',
  },
  'DEV-21': {
    fields: {
      'systeminsights.apps.name':
        'osquery `apps` (macOS), matched against `prohibitedSoftware`.',
      'systeminsights.programs.name':
        'osquery `programs` (Windows), matched against `prohibitedSoftware`.',
    },
    withoutData: `${SI_OFF}. Linux is unknown (no package inventory).`,
  },
};
