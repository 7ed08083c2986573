import type { JsonObject } from '../types';
import { CURRENT_AGENT_VERSION } from './generateOrganization';
import { creationTimes } from './generateUsers';
import { HW_VENDORS } from './names';
import { DAY_MS, iso, Random } from './random';

export type OsFamily = 'macOS' | 'windows' | 'linux';

interface OsRelease {
  os: string;
  version: string;
  osName: string;
  releaseName: string;
  major: number;
  minor: number;
  patch: number;
  distributionName: string;
  template: string;
}

/** OS releases with supported ones weighted higher; EOL ones fail DEV-06. */
const RELEASES: Record<OsFamily, Array<[OsRelease, number]>> = {
  macOS: [
    [
      {
        os: 'Mac OS X',
        version: '15.1.1',
        osName: 'macOS',
        releaseName: 'Sequoia',
        major: 15,
        minor: 1,
        patch: 1,
        distributionName: '',
        template: 'macosx-darwin-arm64',
      },
      40,
    ],
    [
      {
        os: 'Mac OS X',
        version: '14.7.1',
        osName: 'macOS',
        releaseName: 'Sonoma',
        major: 14,
        minor: 7,
        patch: 1,
        distributionName: '',
        template: 'macosx-darwin-arm64',
      },
      30,
    ],
    [
      {
        os: 'Mac OS X',
        version: '13.6.3',
        osName: 'macOS',
        releaseName: 'Ventura',
        major: 13,
        minor: 6,
        patch: 3,
        distributionName: '',
        template: 'macosx-darwin-x86_64',
      },
      15,
    ],
    [
      {
        os: 'Mac OS X',
        version: '12.7.6',
        osName: 'macOS',
        releaseName: 'Monterey',
        major: 12,
        minor: 7,
        patch: 6,
        distributionName: '',
        template: 'macosx-darwin-x86_64',
      },
      10,
    ],
    [
      {
        os: 'Mac OS X',
        version: '11.7.10',
        osName: 'macOS',
        releaseName: 'Big Sur',
        major: 11,
        minor: 7,
        patch: 10,
        distributionName: '',
        template: 'macosx-darwin-x86_64',
      },
      5,
    ],
  ],
  windows: [
    [
      {
        os: 'Windows',
        version: '11 Pro',
        osName: 'Windows 11 Pro',
        releaseName: '24H2',
        major: 10,
        minor: 0,
        patch: 26100,
        distributionName: '',
        template: 'windows-windows-x86_64',
      },
      40,
    ],
    [
      {
        os: 'Windows',
        version: '11 Enterprise',
        osName: 'Windows 11 Enterprise',
        releaseName: '23H2',
        major: 10,
        minor: 0,
        patch: 22631,
        distributionName: '',
        template: 'windows-windows-x86_64',
      },
      30,
    ],
    [
      {
        os: 'Windows',
        version: '10 Pro',
        osName: 'Windows 10 Pro',
        releaseName: '22H2',
        major: 10,
        minor: 0,
        patch: 19045,
        distributionName: '',
        template: 'windows-windows-x86_64',
      },
      25,
    ],
    [
      {
        os: 'Windows',
        version: '10 Home',
        osName: 'Windows 10 Home',
        releaseName: '21H2',
        major: 10,
        minor: 0,
        patch: 19044,
        distributionName: '',
        template: 'windows-windows-x86_64',
      },
      5,
    ],
  ],
  linux: [
    [
      {
        os: 'Ubuntu',
        version: '24.04',
        osName: 'Ubuntu',
        releaseName: 'Noble Numbat',
        major: 24,
        minor: 4,
        patch: 1,
        distributionName: 'ubuntu',
        template: 'ubuntu-24.04-x86_64',
      },
      35,
    ],
    [
      {
        os: 'Ubuntu',
        version: '22.04',
        osName: 'Ubuntu',
        releaseName: 'Jammy Jellyfish',
        major: 22,
        minor: 4,
        patch: 5,
        distributionName: 'ubuntu',
        template: 'ubuntu-22.04-x86_64',
      },
      35,
    ],
    [
      {
        os: 'Ubuntu',
        version: '18.04',
        osName: 'Ubuntu',
        releaseName: 'Bionic Beaver',
        major: 18,
        minor: 4,
        patch: 6,
        distributionName: 'ubuntu',
        template: 'ubuntu-18.04-x86_64',
      },
      10,
    ],
    [
      {
        os: 'Rocky',
        version: '9.4',
        osName: 'Rocky Linux',
        releaseName: 'Blue Onyx',
        major: 9,
        minor: 4,
        patch: 0,
        distributionName: 'rocky',
        template: 'rocky-9-x86_64',
      },
      20,
    ],
  ],
};

/**
 * Read-only sub-objects shared by every device (nothing mutates them):
 * keeps 100 000 devices in modest memory.
 */
const BUILT_IN_COMMANDS = Object.freeze(
  ['erase', 'lock', 'restart', 'shutdown'].map(name =>
    Object.freeze({ type: 'security', name }),
  ),
);

const versionDetails = new Map<OsRelease, JsonObject>();
function versionDetail(release: OsRelease): JsonObject {
  let detail = versionDetails.get(release);
  if (!detail) {
    detail = Object.freeze({
      osName: release.osName,
      releaseName: release.releaseName,
      major: String(release.major),
      minor: String(release.minor),
      patch: String(release.patch),
      majorNumber: release.major,
      minorNumber: release.minor,
      patchNumber: release.patch,
      revision: '',
      distributionName: release.distributionName,
      version: release.version,
    });
    versionDetails.set(release, detail);
  }
  return detail;
}

const OS_FAMILY_FIELD: Record<OsFamily, string> = {
  macOS: 'darwin',
  windows: 'windows',
  linux: 'linux',
};

/** Picks the value for an OS family (keeps nested ternaries out of the generators). */
export function byFamily<T>(family: OsFamily, values: Record<OsFamily, T>): T {
  return values[family];
}

export function osFamilyOf(system: JsonObject): OsFamily {
  const family = system.osFamily;
  if (family === 'darwin') return 'macOS';
  if (family === 'windows') return 'windows';
  return 'linux';
}

/** Days since the last check-in: mostly fresh, some stale, some inactive. */
function contactAge(random: Random, roll: number): number {
  if (roll < 0.8) return random.next() * 3;
  if (roll < 0.87) return 15 + random.next() * 15;
  if (roll < 0.94) return 31 + random.next() * 50;
  return 91 + random.next() * 200;
}

function hostnameFor(random: Random, family: OsFamily, index: number): string {
  if (family === 'windows') return `LAPTOP-${random.hex(7).toUpperCase()}`;
  if (family === 'linux')
    return random.chance(0.5)
      ? `build-${index}`
      : `ip-10-0-${random.int(0, 255)}-${random.int(1, 254)}`;
  return `MacBook-Pro-${random.hex(4).toUpperCase()}`;
}

/**
 * Devices with a deliberate spread of misconfigurations. `primaryUsers` are
 * candidate owners (ids); some devices get none.
 */
export function generateSystems(
  random: Random,
  orgId: string,
  count: number,
  siShare: number,
  nowMs: number,
  primaryUsers: string[],
): JsonObject[] {
  const systems: JsonObject[] = [];
  const times = creationTimes(random, count, nowMs);
  for (let i = 0; i < count; i++) {
    const created = times[i];
    const id = random.objectId(created);
    const family = random.weighted<OsFamily>([
      ['macOS', 45],
      ['windows', 40],
      ['linux', 15],
    ]);
    const release = random.weighted(RELEASES[family]);
    let hostname = hostnameFor(random, family, i);
    if (i > 5 && random.chance(0.02))
      hostname = systems[i - 3].hostname as string; // duplicate hostnames happen
    let displayName = hostname;
    if (family === 'macOS' && random.chance(0.3))
      displayName = `${random.pick([
        'Zoë',
        'José',
        'Søren',
        'Chloé',
      ])}’s MacBook Pro`;
    if (i === 2)
      displayName = `${'Very-Long-Workstation-Name-'.repeat(12)}${hostname}`;

    const neverCheckedIn = random.chance(0.03);
    const ageRoll = random.next();
    const contactAgeDays = contactAge(random, ageRoll);
    const lastContactMs = Math.max(
      created,
      nowMs - Math.floor(contactAgeDays * DAY_MS),
    );
    const active =
      !neverCheckedIn && contactAgeDays < 0.05 + random.next() * 0.5;

    const linuxFs = random.chance(0.5) ? 'ext4' : null;
    const desktop = family !== 'linux' || random.chance(0.3);
    const fdeActive =
      family === 'linux' ? random.chance(0.3) : random.chance(0.85);
    let siState = 'deferred';
    if (!neverCheckedIn) {
      siState = random.chance(siShare)
        ? 'enabled'
        : random.pick(['disabled', 'deferred']);
    }
    const mdmVendor =
      family === 'linux'
        ? random.pick(['none', 'unknown'])
        : random.weighted([
            ['internal', 70],
            ['external', 5],
            ['none', 25],
          ] as const);
    const owner =
      primaryUsers.length > 0 && random.chance(0.8)
        ? random.pick(primaryUsers)
        : null;
    const unix = family !== 'windows';
    const policyStats = {
      duplicate: 0,
      failed: 0,
      pending: 0,
      success: 0,
      total: 0,
      unsupportedOs: 0,
    };

    systems.push({
      _id: id,
      id,
      organization: orgId,
      hostname,
      displayName,
      os: release.os,
      osFamily: OS_FAMILY_FIELD[family],
      version: release.version,
      osVersionDetail: versionDetail(release),
      arch: release.template.endsWith('arm64') ? 'arm64' : '64-bit',
      archFamily: release.template.endsWith('arm64') ? 'arm64' : 'x86_64',
      agentVersion: random.chance(0.85)
        ? CURRENT_AGENT_VERSION
        : random.pick(['2.9.1', '1.180.0', '2.12.3']),
      remoteAssistAgentVersion: desktop ? '0.184.0' : '',
      templateName: release.template,
      created: iso(created),
      lastContact: neverCheckedIn ? null : iso(lastContactMs),
      active,
      remoteIP: neverCheckedIn ? '' : `203.0.113.${random.int(1, 254)}`,
      serialNumber:
        family === 'linux' && random.chance(0.3)
          ? ''
          : random.hex(10).toUpperCase(),
      hwVendor: random.pick(HW_VENDORS[family]),
      amazonInstanceID:
        family === 'linux' && random.chance(0.2) ? `i-${random.hex(17)}` : '',
      description: random.chance(0.1) ? 'Shared kiosk' : '',
      tags: [],
      attributes: random.chance(0.1)
        ? [
            {
              name: 'usage',
              value: random.pick(['shared', 'server', 'loaner']),
            },
          ]
        : [],
      allowMultiFactorAuthentication: random.chance(0.5),
      allowSshRootLogin: unix && random.chance(0.12),
      allowSshPasswordAuthentication: unix && random.chance(0.2),
      allowPublicKeyAuthentication: unix,
      sshRootEnabled: unix && random.chance(0.15),
      modifySSHDConfig: unix && random.chance(0.5),
      sshdParams: unix
        ? [
            {
              name: 'PermitRootLogin',
              value: random.chance(0.12) ? 'yes' : 'no',
            },
            {
              name: 'PasswordAuthentication',
              value: random.chance(0.2) ? 'yes' : 'no',
            },
          ]
        : [],
      fde: { active: fdeActive, keyPresent: fdeActive && random.chance(0.9) },
      systemInsights: { state: siState },
      mdm:
        mdmVendor === 'internal'
          ? {
              vendor: 'internal',
              enrollmentType: random.pick([
                'automated device',
                'device',
                'user',
              ]),
              dep: family === 'macOS' && random.chance(0.4),
              userApproved: random.chance(0.85),
              internal: {
                deviceId: random.uuid(),
                windowsDeviceId: family === 'windows' ? random.uuid() : '',
              },
              profileIdentifier: 'com.jumpcloud.mdm',
              providerId: '',
              lostModeStatus: 'NOT_ENABLED',
              ...(family === 'windows' ? { windows: { upn: '' } } : {}),
            }
          : {
              vendor: mdmVendor,
              enrollmentType: 'unknown',
              dep: false,
              userApproved: false,
            },
      policyStats,
      isPolicyBound: false,
      provisionMetadata: {
        provisioner: {
          type: random.pick(['administrator', 'mdm', 'user']),
          provisionerId: '',
        },
      },
      primarySystemUser: { id: owner },
      userMetrics: [],
      ...(family === 'macOS'
        ? {
            serviceAccountState: {
              hasSecureToken: random.chance(0.9),
              passwordODValid: true,
              passwordAPFSValid: true,
            },
          }
        : {}),
      hasServiceAccount: family === 'macOS',
      agentHasFullDiskAccess: family === 'macOS' ? random.chance(0.9) : false,
      desktopCapable: desktop,
      azureAdJoined: family === 'windows' && random.chance(0.3),
      domainInfo: {
        partOfDomain: family === 'windows' && random.chance(0.2),
        domainName: '',
      },
      secureLogin: {
        supported: family === 'windows',
        enabled: family === 'windows' && random.chance(0.4),
      },
      displayManager: family === 'linux' && desktop ? 'gdm' : '',
      networkInterfaces: neverCheckedIn
        ? []
        : [
            {
              address: `10.${random.int(0, 255)}.${random.int(
                0,
                255,
              )}.${random.int(1, 254)}`,
              family: 'IPv4',
              internal: false,
              name: family === 'windows' ? 'Ethernet' : 'en0',
            },
            {
              address: '127.0.0.1',
              family: 'IPv4',
              internal: true,
              name: 'lo0',
            },
          ],
      connectionHistory: [],
      fileSystem: byFamily<string | null>(family, {
        macOS: 'apfs',
        windows: 'NTFS',
        linux: linuxFs,
      }),
      systemTimezone: random.pick([-8, -5, 0, 1, 5, 9]),
      builtInCommands: BUILT_IN_COMMANDS,
      systemToken: random.uuid(),
    });
  }
  return systems;
}
