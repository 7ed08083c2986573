import type { JsonObject } from '../types';
import { CURRENT_AGENT_VERSION } from './generateOrganization';
import { byFamily, osFamilyOf, type OsFamily } from './generateSystems';

function windowsUserType(family: OsFamily, real: boolean): string {
  if (family !== 'windows') return '';
  return real ? 'local' : 'special';
}
import { HW_MODELS } from './names';
import { DAY_MS, iso, Random } from './random';
import { macApps, windowsPrograms, type SoftwareProfile } from './software';

/** The System Insights tables the simulator serves. */
export const SI_TABLES = [
  'disk_encryption',
  'bitlocker_info',
  'alf',
  'windows_security_center',
  'windows_security_products',
  'os_version',
  'system_info',
  'managed_policies',
  'patches',
  'secureboot',
  'sip_config',
  'users',
  'apps',
  'programs',
] as const;
export type SiTable = (typeof SI_TABLES)[number];

/** The one table-specific filterable field besides `system_id` (JumpCloud allows two). */
export const SI_FILTER_FIELDS: Record<SiTable, string | null> = {
  disk_encryption: 'encryption_status',
  bitlocker_info: 'protection_status',
  alf: 'global_state',
  windows_security_center: null,
  windows_security_products: 'state',
  os_version: 'version',
  system_info: 'cpu_subtype',
  managed_policies: 'name',
  patches: 'hotfix_id',
  secureboot: null,
  sip_config: 'enabled',
  users: 'username',
  apps: 'bundle_name',
  programs: 'name',
};

type RowMaker = (r: Random, s: JsonObject, ctx: RowContext) => JsonObject[];

interface RowContext {
  nowMs: number;
  collectionTime: string;
  ownerUsername: string | null;
  software: SoftwareProfile;
}

/**
 * Whether a device's agent bundles osquery 5.14 or later. The simulator
 * assumes agents from 2.13 on do (the current one, CURRENT_AGENT_VERSION,
 * does; the older versions it hands out do not).
 */
export function bundlesOsquery514(agentVersion: unknown): boolean {
  if (agentVersion === CURRENT_AGENT_VERSION) return true;
  const [major, minor] = String(agentVersion ?? '')
    .split('.')
    .map(n => parseInt(n, 10) || 0);
  return major > 2 || (major === 2 && minor >= 13);
}

/** One disk_encryption row per volume, as osquery reports them. */
type Volume = readonly [name: string, role: 'fv' | 'plain' | 'support'];

/** APFS volumes of an Apple silicon Mac: FileVault covers System and Data. */
const APPLE_SILICON_VOLUMES: Volume[] = [
  ['/dev/disk3s1', 'fv'], // Macintosh HD (sealed system volume)
  ['/dev/disk3s5', 'fv'], // Macintosh HD - Data
  ['/dev/disk3s2', 'plain'], // Preboot
  ['/dev/disk3s3', 'plain'], // Recovery
  ['/dev/disk3s6', 'plain'], // VM
  ['/dev/disk1s1', 'support'], // iSCPreboot
  ['/dev/disk1s2', 'support'], // xART
  ['/dev/disk1s3', 'support'], // Hardware
];
const INTEL_MAC_VOLUMES: Volume[] = [
  ['/dev/disk1s5', 'fv'], // Macintosh HD
  ['/dev/disk1s1', 'fv'], // Macintosh HD - Data
  ['/dev/disk1s2', 'plain'], // Preboot
  ['/dev/disk1s3', 'plain'], // Recovery
  ['/dev/disk1s4', 'plain'], // VM
];

/** A Linux disk: the LUKS partition's status is undefined, its mapping encrypted. */
const LINUX_VOLUMES: Volume[] = [
  ['/dev/nvme0n1', 'plain'],
  ['/dev/nvme0n1p1', 'plain'], // EFI
  ['/dev/nvme0n1p2', 'plain'], // /boot
  ['/dev/nvme0n1p3', 'support'], // crypto_LUKS container (ext4 root when unencrypted)
  ['/dev/dm-0', 'fv'], // the dm-crypt mapping of the root
];

/**
 * osquery `sip_config` flags besides `sip`: each is a relaxation of System
 * Integrity Protection, `enabled = 1` when relaxed.
 */
export const SIP_RELAXATIONS = [
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
] as const;

/** SIP as `csrutil` leaves it: on, off (`disable`), or on with relaxations (`enable --without …`). */
const SIP_POSTURES: Array<
  readonly [{ sip: 0 | 1; relaxed: readonly string[] }, number]
> = [
  [{ sip: 1, relaxed: [] }, 90],
  [
    {
      sip: 0,
      relaxed: [
        'allow_untrusted_kexts',
        'allow_unrestricted_fs',
        'allow_task_for_pid',
        'allow_kernel_debugger',
        'allow_unrestricted_dtrace',
        'allow_unrestricted_nvram',
      ],
    },
    4,
  ],
  [{ sip: 1, relaxed: ['allow_untrusted_kexts'] }, 3], // --without kext
  [{ sip: 1, relaxed: ['allow_unrestricted_dtrace'] }, 2], // --without dtrace
  [{ sip: 1, relaxed: ['allow_kernel_debugger', 'allow_task_for_pid'] }, 1], // --without debug
];

const SPARSE_SIP_FLAGS = SIP_RELAXATIONS.filter(flag =>
  SIP_POSTURES.some(([posture]) => posture.relaxed.includes(flag)),
);

const pickStatus = (r: Random, good: number) =>
  r.chance(good) ? 'Good' : r.pick(['Poor', 'Snoozed', 'Not Monitored']);

const MAKERS: Record<SiTable, RowMaker> = {
  disk_encryption: (r, s, ctx) => {
    const family = osFamilyOf(s);
    if (family === 'windows') return [];
    const fde = (s.fde as { active: boolean }).active;
    const encrypted = r.chance(0.97) ? fde : !fde;
    const mac = family === 'macOS';
    let volumes = LINUX_VOLUMES;
    if (mac)
      volumes =
        String(s.arch) === 'arm64' ? APPLE_SILICON_VOLUMES : INTEL_MAC_VOLUMES;
    // Unencrypted Linux has no dm-crypt mapping; its root partition is plain.
    if (!mac && !encrypted) volumes = volumes.slice(0, 4);
    // Benchmark sizes: only the volumes encryption is about (see sizes.ts).
    if (ctx.software === 'sparse')
      volumes = mac ? volumes.slice(0, 2) : volumes.slice(3);
    const cipher = mac ? 'AES-XTS' : 'aes-xts-plain64';
    return volumes.map(([name, role]) => {
      let status = 'not encrypted';
      if (role === 'support' && (mac || encrypted)) status = 'undefined';
      if (role === 'fv' && encrypted) status = 'encrypted';
      return {
        name,
        uuid: r.uuid().toUpperCase(),
        encrypted: status === 'encrypted' ? 1 : 0,
        type: status === 'encrypted' ? cipher : '',
        encryption_status: status,
        uid: mac && status === 'encrypted' ? '501' : '',
        user_uuid: '',
      };
    });
  },
  bitlocker_info: (r, s) => {
    if (osFamilyOf(s) !== 'windows') return [];
    const fde = (s.fde as { active: boolean }).active;
    const protectionOffButEncrypted = fde && r.chance(0.05);
    const partial = !fde && r.chance(0.4);
    let conversionStatus = 0;
    let percentage = 0;
    if (fde || protectionOffButEncrypted) {
      conversionStatus = 1;
      percentage = 100;
    } else if (partial) {
      conversionStatus = 2;
      percentage = r.int(5, 95);
    }
    return [
      {
        device_id: `\\\\?\\Volume{${r.uuid()}}\\`,
        drive_letter: 'C:',
        persistent_volume_id: '',
        conversion_status: conversionStatus,
        protection_status: fde && !protectionOffButEncrypted ? 1 : 0,
        encryption_method: fde ? 'XTS_AES_128' : 'None',
        percentage_encrypted: percentage,
      },
    ];
  },
  // osquery before 5.14 reads no firewall state on macOS 15 (osquery#8395).
  alf: (r, s) =>
    osFamilyOf(s) !== 'macOS' ||
    (Number((s.osVersionDetail as JsonObject).majorNumber) >= 15 &&
      !bundlesOsquery514(s.agentVersion))
      ? []
      : [
          {
            global_state: r.weighted([
              [1, 70],
              [2, 5],
              [0, 25],
            ] as const),
            stealth_enabled: r.chance(0.5) ? 1 : 0,
            logging_enabled: 1,
            logging_option: 0,
            allow_signed_enabled: 1,
            firewall_unload: 0,
            version: '1.6',
          },
        ],
  windows_security_center: (r, s) =>
    osFamilyOf(s) !== 'windows'
      ? []
      : [
          {
            firewall: pickStatus(r, 0.8),
            autoupdate: pickStatus(r, 0.8),
            antivirus: pickStatus(r, 0.85),
            antispyware: pickStatus(r, 0.85),
            internet_settings: 'Good',
            windows_security_center_service: 'Good',
            user_account_control: pickStatus(r, 0.85),
          },
        ],
  windows_security_products: (r, s, ctx) => {
    if (osFamilyOf(s) !== 'windows') return [];
    const defenderState = r.weighted([
      ['On', 80],
      ['Off', 10],
      ['Snoozed', 5],
      ['Expired', 5],
    ] as const);
    return [
      {
        type: 'Antivirus',
        name: 'Windows Defender',
        state: defenderState,
        state_timestamp: ctx.collectionTime,
        remediation_path: '%ProgramFiles%\\Windows Defender\\MsMpeng.exe',
        signatures_up_to_date: r.chance(0.85) ? 1 : 0,
      },
      {
        type: 'Firewall',
        name: 'Windows Firewall',
        state: r.chance(0.85) ? 'On' : 'Off',
        state_timestamp: ctx.collectionTime,
        remediation_path: '',
        signatures_up_to_date: 0,
      },
    ];
  },
  os_version: (r, s) => {
    const d = s.osVersionDetail as JsonObject;
    const family = osFamilyOf(s);
    const macBuild = `24B${r.int(10, 99)}`;
    return [
      {
        name: d.osName,
        version: family === 'windows' ? `10.0.${d.patchNumber}` : d.version,
        major: d.majorNumber,
        minor: d.minorNumber,
        patch: d.patchNumber,
        build: byFamily(family, {
          macOS: macBuild,
          windows: String(d.patchNumber),
          linux: '',
        }),
        platform: byFamily(family, {
          macOS: 'darwin',
          windows: 'windows',
          linux: d.distributionName,
        }),
        platform_like: byFamily(family, {
          macOS: 'darwin',
          windows: 'windows',
          linux: 'debian',
        }),
        codename:
          family === 'linux'
            ? String(d.releaseName).split(' ')[0].toLowerCase()
            : '',
        install_date: family === 'windows' ? '20240312' : null,
      },
    ];
  },
  system_info: (r, s) => {
    const family = osFamilyOf(s);
    return [
      {
        computer_name: s.displayName,
        hostname: s.hostname,
        local_hostname: s.hostname,
        hardware_vendor: s.hwVendor,
        hardware_model: r.pick(HW_MODELS[family]),
        hardware_version: '',
        hardware_serial: s.serialNumber,
        cpu_brand:
          family === 'macOS' ? 'Apple M2' : 'Intel(R) Core(TM) i7-1365U',
        cpu_type: family === 'macOS' ? 'arm64e' : 'x86_64',
        cpu_subtype: family === 'macOS' ? 'ARM64E' : '186',
        cpu_physical_cores: 8,
        cpu_logical_cores: family === 'macOS' ? 8 : 12,
        cpu_microcode: '',
        physical_memory: String(r.pick([8, 16, 32]) * 1024 ** 3),
        uuid: r.uuid().toUpperCase(),
      },
    ];
  },
  managed_policies: (r, s) => {
    if (osFamilyOf(s) !== 'macOS' || r.chance(0.2)) return [];
    const row = (domain: string, name: string, value: string) => ({
      domain,
      uuid: r.uuid().toUpperCase(),
      name,
      value,
      username: '',
      manual: 0,
    });
    return [
      row(
        'com.apple.screensaver',
        'idleTime',
        String(r.pick([300, 600, 900, 1200, 1800])),
      ),
      row(
        'com.apple.screensaver',
        'askForPassword',
        r.chance(0.85) ? '1' : '0',
      ),
      row(
        'com.apple.SoftwareUpdate',
        'AutomaticCheckEnabled',
        r.chance(0.8) ? '1' : '0',
      ),
    ];
  },
  patches: (r, s, ctx) => {
    if (osFamilyOf(s) !== 'windows') return [];
    const recent = r.chance(0.75);
    const count = r.int(3, 6);
    const rows: JsonObject[] = [];
    for (let i = 0; i < count; i++) {
      let age = r.int(40, 400);
      if (i === 0) age = recent ? r.int(2, 30) : r.int(40, 200);
      const d = new Date(ctx.nowMs - age * DAY_MS);
      rows.push({
        hotfix_id: `KB50${r.int(10000, 49999)}`,
        caption: 'http://support.microsoft.com/?kbid=5044284',
        description:
          i === 0 ? 'Security Update' : r.pick(['Update', 'Security Update']),
        installed_on: `${
          d.getUTCMonth() + 1
        }/${d.getUTCDate()}/${d.getUTCFullYear()}`,
        installed_by: 'NT AUTHORITY\\SYSTEM',
        install_date: '',
        csname: s.hostname,
        fix_comments: '',
      });
    }
    return rows;
  },
  secureboot: (r, s) =>
    osFamilyOf(s) === 'macOS'
      ? []
      : [{ secure_boot: r.chance(0.85) ? 1 : 0, setup_mode: 0 }],
  // One row per flag: `sip` is 1 when SIP is on; each `allow_*` is 1 when relaxed.
  sip_config: (r, s, ctx) => {
    if (osFamilyOf(s) !== 'macOS') return [];
    const posture = r.weighted(SIP_POSTURES);
    const relaxed = new Set(posture.relaxed);
    // Benchmark sizes: only the flags the simulated postures relax (see sizes.ts).
    const flags =
      ctx.software === 'sparse' ? SPARSE_SIP_FLAGS : SIP_RELAXATIONS;
    return [
      { config_flag: 'sip', enabled: posture.sip, enabled_nvram: posture.sip },
      ...flags.map(flag => {
        const value = relaxed.has(flag) ? 1 : 0;
        return { config_flag: flag, enabled: value, enabled_nvram: value };
      }),
    ];
  },
  users: (r, s, ctx) => {
    const family = osFamilyOf(s);
    const owner = ctx.ownerUsername;
    const rows: JsonObject[] = [];
    const user = (
      username: string,
      uid: number,
      admin: boolean,
      real: boolean,
    ) => ({
      username,
      uid: String(uid),
      gid: family === 'macOS' ? '20' : String(uid),
      uid_signed: String(uid),
      gid_signed: family === 'macOS' ? '20' : String(uid),
      uuid: r.uuid().toUpperCase(),
      description: real ? username : 'System account',
      directory: byFamily(family, {
        windows: `C:\\Users\\${username}`,
        macOS: `/Users/${username}`,
        linux: `/home/${username}`,
      }),
      shell:
        family === 'windows' ? 'C:\\Windows\\system32\\cmd.exe' : '/bin/zsh',
      type: windowsUserType(family, real),
      real_user: real,
      admin,
      suspended: false,
      managed: real && owner === username,
      ad_managed: false,
      last_login: real ? iso(ctx.nowMs - r.int(0, 20) * DAY_MS) : null,
    });
    rows.push(
      family === 'windows'
        ? user('Administrator', 500, true, false)
        : user('root', 0, true, false),
    );
    // The agent's userMetrics and this table describe the same accounts.
    const metrics = s.userMetrics as JsonObject[] | undefined;
    if (owner) {
      const metric = metrics?.find(m => m.userName === owner);
      const admin = r.chance(0.4);
      rows.push(
        user(
          owner,
          family === 'windows' ? 1001 : 501,
          metric ? metric.admin === true : admin,
          true,
        ),
      );
    }
    const localAdmin = r.chance(0.2);
    if (
      metrics && metrics.length > 0
        ? metrics.some(m => m.userName === 'localadmin')
        : localAdmin
    )
      rows.push(
        user('localadmin', family === 'windows' ? 1002 : 502, true, true),
      );
    return rows;
  },
  apps: (r, s, ctx) => {
    if (osFamilyOf(s) !== 'macOS') return [];
    return macApps(r, ctx.software).map(([name, bundle]) => ({
      name: `${name}.app`,
      path: `/Applications/${name}.app`,
      bundle_identifier: bundle,
      bundle_name: name,
      bundle_executable: name,
      bundle_package_type: 'APPL',
      bundle_short_version: `${r.int(1, 30)}.${r.int(0, 9)}`,
      bundle_version: String(r.int(1000, 9999)),
      display_name: name,
      category: '',
      applescript_enabled: '0',
      compiler: '',
      copyright: '',
      development_region: 'en',
      element: '',
      environment: '',
      info_string: '',
      minimum_system_version: '11.0',
      last_opened_time: r.chance(0.2)
        ? -1
        : Math.floor(ctx.nowMs / 1000) - r.int(0, 30 * 86400),
    }));
  },
  programs: (r, s, ctx) => {
    if (osFamilyOf(s) !== 'windows') return [];
    const items = windowsPrograms(r, ctx.software);
    // Real install_date values come in several formats, some impossible.
    const dateFormats = [
      '20240115',
      '2024-02-20',
      '03/14/2024',
      '20202130',
      '',
    ];
    return items.map(([name, publisher]) => ({
      name,
      version: `${r.int(1, 120)}.${r.int(0, 9)}.${r.int(0, 999)}`,
      publisher,
      install_date: r.pick(dateFormats),
      install_location: r.chance(0.5) ? `C:\\Program Files\\${name}\\` : '',
      install_source: '',
      identifying_number: `{${r.uuid().toUpperCase()}}`,
      uninstall_string: `MsiExec.exe /X{${r.uuid().toUpperCase()}}`,
      language: r.chance(0.5) ? '1033' : '',
    }));
  },
};

/**
 * Rows are generated lazily per table and cached: each device's rows depend
 * only on (seed, device id, table, device revision), so laziness never changes
 * the data.
 */
export class SystemInsightsStore {
  private readonly cache = new Map<SiTable, JsonObject[]>();
  private readonly revisions = new Map<string, number>();

  constructor(
    private readonly seed: number,
    private readonly nowMs: number,
    private readonly systems: () => JsonObject[],
    private readonly usernameOf: (userId: string) => string | null,
    private readonly software: SoftwareProfile = 'realistic',
  ) {}

  rows(table: SiTable): JsonObject[] {
    let rows = this.cache.get(table);
    if (!rows) {
      rows = [];
      for (const system of this.systems()) {
        for (const row of this.deviceRows(table, system)) rows.push(row);
      }
      this.cache.set(table, rows);
    }
    return rows;
  }

  deviceRows(table: SiTable, system: JsonObject): JsonObject[] {
    if (
      (system.systemInsights as { state: string }).state !== 'enabled' ||
      system.lastContact === null
    )
      return [];
    const id = system._id as string;
    const random = Random.derive(
      this.seed,
      `si:${id}:${table}:${this.revisions.get(id) ?? 0}`,
    );
    const lastContact = Date.parse(system.lastContact as string);
    const ctx: RowContext = {
      nowMs: this.nowMs,
      collectionTime: iso(lastContact - random.int(60, 3600) * 1000),
      ownerUsername: this.ownerUsername(system),
      software: this.software,
    };
    return MAKERS[table](random, system, ctx).map(row => ({
      ...row,
      system_id: id,
      collection_time: ctx.collectionTime,
    }));
  }

  /** A device changed: its rows must be regenerated. */
  touch(systemId: string): void {
    this.revisions.set(systemId, (this.revisions.get(systemId) ?? 0) + 1);
    this.cache.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  private ownerUsername(system: JsonObject): string | null {
    const owner = (system.primarySystemUser as { id: string | null }).id;
    return owner ? this.usernameOf(owner) : null;
  }
}
