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
        'osquery `managed_policies` (configuration-profile payloads, one row per key; `domain` is the payload type, compared case-insensitively) row `com.apple.screensaver` / `idleTime`: seconds of inactivity before the screensaver starts, as text. Unset, 0 or above `screenLockSeconds` fails.',
      'systeminsights.managed_policies(com.apple.screensaver).askForPassword':
        'Waking from the screensaver asks for the password. osquery writes plist booleans as `true`/`false` and integers as `1`/`0`; anything else fails.',
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
        'osquery `alf` (macOS Application Firewall, integer): 0 off, 1 on with exceptions, 2 block all incoming; 1 or 2 passes, 0 fails, null is unknown.',
      'systeminsights.windows_security_center.firewall':
        'osquery `windows_security_center` (text): health of the monitored firewall, `Good` passes, `Poor` and `Snoozed` fail, `Not Monitored` and `Error` are unknown.',
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
        'osquery `windows_security_products` (one row per registered product and type; not available on Windows Server): `Antivirus`, `Firewall`, `Antispyware`, compared case-insensitively. Only `Antivirus` rows count.',
      'systeminsights.windows_security_products.state':
        '`On`, `Off` (e.g. Defender passive beside another antivirus), `Snoozed`, `Expired`. One antivirus `On` with current signatures passes.',
      'systeminsights.windows_security_products.signatures_up_to_date':
        'Integer: 1 when the product reports current signatures, else 0 (on but 0 fails).',
      'systeminsights.windows_security_center.antivirus':
        'Security Center antivirus health (`Good` passes, `Poor`/`Snoozed` fail, `Not Monitored`/`Error` unknown), read when the products table has no rows.',
      'systeminsights.apps.name':
        'osquery `apps` (macOS): the `Name.app` folder name of each bundle, e.g. `Falcon.app` (real Macs list 100-300); matched against `edrAllowList` as a case-insensitive substring.',
    },
    withoutData: `${SI_OFF}. Windows Server (no products, no Security Center) is unknown. Linux is always unknown: JumpCloud's \`linux_packages\` table cannot be filtered by device and is not collected.`,
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
        'osquery `patches` (WMI Win32_QuickFixEngineering, one row per KB): `installed_on` text, usually `M/d/yyyy`, sometimes `yyyymmdd` or ISO; empty values and FILETIME hex are skipped. The newest date must be within `patchMaxAgeDays`.',
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
        'osquery `windows_security_center` (text): health of Windows automatic updates, `Good` passes, `Poor`/`Snoozed` fail, `Not Monitored`/`Error` are unknown.',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticCheckEnabled':
        'osquery `managed_policies` row of the SoftwareUpdate profile payload (value as text: `true`/`1` on, `false`/`0` off): macOS checks for updates automatically.',
      'systeminsights.managed_policies(com.apple.SoftwareUpdate).AutomaticallyInstallMacOSUpdates':
        'Same payload: macOS installs updates automatically. Either key set off fails; at least one set and none off passes.',
      'policystatuses.success':
        'Latest result of a bound update/patch policy; a bound policy decides first.',
      'policies.template.name':
        'Which bound policies are update policies (name containing `update` or `patch`).',
    },
    withoutData: `A bound update/patch policy decides first. Without one: ${SI_OFF.toLowerCase()}; macOS with System Insights but no managed SoftwareUpdate payload fails (nothing enforces updates); Linux is unknown.`,
  },
  'DEV-09': {
    fields: {
      'systeminsights.apps.name':
        'osquery `apps` (macOS): the `Name.app` folder name of each installed bundle (e.g. `1Password 7.app`), matched against `passwordManagerAllowList` as a case-insensitive substring.',
      'systeminsights.programs.name':
        'osquery `programs` (Windows): the product name shown in Add/Remove Programs (e.g. `Bitwarden 2024.11.1`).',
    },
    withoutData: `${SI_OFF}. Linux is unknown (\`linux_packages\` is not collected). Browser-extension-only installs are not seen.`,
  },
  'DEV-10': {
    fields: {
      'systems.lastContact':
        'v1 `/systems` `lastContact` (date-time or null): last agent check-in; `null` when the agent never checked in (fails). Older than `checkInDays` fails.',
      'systems.active':
        'v1 `/systems` `active` (boolean): the agent is connected right now (passes whatever `lastContact` says).',
    },
    withoutData:
      'Always present for agent-managed devices; a `lastContact` that cannot be read is **unknown**.',
  },
  'DEV-11': {
    fields: {
      'systems.primarySystemUser.id':
        'v1 `/systems` `primarySystemUser.id` (string or null): the device’s primary user, counted as bound.',
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
      'A device without an `mdm` object, or with vendor `unknown`, is **unknown**; Linux is not applicable.',
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
        'v1 `/systems` `userMetrics[]` (`userName`, `admin`, `managed`, `suspended`, `secureTokenEnabled`): the local accounts the agent reports. Names starting with `_` (macOS system accounts) and names on `localAdminAllowList` are exempt.',
      'systems.userMetrics.admin':
        'Boolean: the local account is an administrator (counted unless exempt).',
      'systems.userMetrics.suspended':
        'Boolean: the local account is disabled, e.g. Windows’ built-in Administrator (skipped).',
      'systeminsights.users.admin':
        'JumpCloud’s System Insights `users` table (boolean columns JumpCloud adds to osquery’s): the account has local administrator rights; read when userMetrics is empty.',
      'systeminsights.users.real_user':
        'Boolean: `false` for system and daemon accounts (root, Administrator): admins by design, not counted.',
      'systems/{id}/users.sudo':
        'Sudo/admin granted on the user’s binding to the device (v2 graph attributes `sudo.enabled`): counted as a local admin under the user’s username.',
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
        '`{name, value}[]` read from sshd_config: `PermitRootLogin` other than `no` (`yes`, `prohibit-password`, `without-password`, `forced-commands-only`) lets root in; `PasswordAuthentication yes` fails. A parameter absent from the list is not judged (OpenSSH’s own defaults are not assumed).',
    },
    withoutData:
      'A device reporting none of these (no flags, `sshdParams` empty) is **unknown**; Windows is not applicable.',
  },
  'DEV-17': {
    fields: {
      'systems.allowMultiFactorAuthentication':
        'v1 `/systems` boolean: JumpCloud device-login MFA (Push/TOTP at the login window) is on; true passes, false fails.',
      'systems.secureLogin.supported':
        'v1 `secureLogin.supported` (boolean): the OS supports JumpCloud secure login; false (with MFA not explicitly off) is not applicable.',
      'systems.secureLogin.enabled':
        'v1 `secureLogin.enabled` (boolean): secure login is on (passes).',
    },
    withoutData:
      'A device reporting neither flag is **unknown**; one that does not support login MFA is not applicable.',
  },
  'DEV-18': {
    fields: {
      'systeminsights.secureboot.secure_boot':
        'osquery `secureboot` (Windows, Linux; a number in JumpCloud’s schema): 1 when UEFI Secure Boot is on, 0 off (fails); -1 (Windows) or no value (Linux) when osquery could not read the EFI variable (unknown). A legacy-BIOS machine returns no row (unknown).',
      'systeminsights.secureboot.setup_mode':
        'osquery (Windows, Linux): 1 when the firmware is in setup mode (no platform key): Secure Boot is not enforced, fails.',
      'systeminsights.sip_config.config_flag':
        'osquery `sip_config` (macOS), one row per flag: `sip`, and `allow_untrusted_kexts`, `allow_unrestricted_fs`, `allow_task_for_pid`, `allow_kernel_debugger`, … (each a relaxation of SIP).',
      'systeminsights.sip_config.enabled':
        'For `sip`: 1 when SIP is on. For an `allow_*` flag: 1 when that protection is **relaxed**. A healthy Mac: `sip` 1 and every `allow_*` 0; `sip` 0 or any `allow_*` 1 fails, naming the flags.',
      'systeminsights.windows_security_center.user_account_control':
        'osquery `windows_security_center` (text): health of User Account Control, `Good` passes, `Poor` fails, anything else (`Not Monitored`, `Error`) is unknown.',
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
      'policystatuses.success':
        'v2 PolicyResult `success` (boolean): the latest run applied the policy.',
      'policystatuses.state':
        'v2 PolicyResult `state` ("Success, failed, or pending"; compared case-insensitively): not succeeded and not pending fails; pending longer than `policyPendingDays` fails.',
      'policystatuses.startedAt':
        'v2 PolicyResult `startedAt` (date-time): when the pending run started.',
      'systems.policyStats':
        'Per-device counts (`success`, `failed`, `pending`, `total`, `unsupportedOs`, `duplicate`), read when no result was collected.',
    },
    withoutData:
      'A device with no results and `policyStats.total` 0 is **not applicable** (nothing bound).',
  },
  'DEV-21': {
    fields: {
      'systeminsights.apps.name':
        'osquery `apps` (macOS): the `Name.app` folder name of each installed bundle, matched against `prohibitedSoftware` as a case-insensitive substring (`uTorrent` finds `uTorrent Web.app`).',
      'systeminsights.programs.name':
        'osquery `programs` (Windows): the Add/Remove Programs name, matched the same way (µTorrent is listed under its own name, hence its own entry).',
    },
    withoutData: `${SI_OFF}. Linux is unknown (\`linux_packages\` is not collected).`,
  },
};
