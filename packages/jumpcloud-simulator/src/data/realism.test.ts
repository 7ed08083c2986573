import type { JsonObject, SizeName } from '../types';
import { generateDataset, type SimulatorDataset } from './dataset';
import { osFamilyOf } from './generateSystems';
import { generateUsers, USERNAME_MAX } from './generateUsers';
import { OrgIndex } from './orgIndex';
import { DAY_MS, Random } from './random';
import { SIZES, softwareProfile } from './sizes';
import { ALL_FILLER_SOFTWARE } from './software';
import { bundlesOsquery514, SIP_RELAXATIONS } from './systemInsights';

const NOW = Date.parse('2026-11-23T00:00:00Z');
const owners = { primary: [], everyOrg: [] };

let dataset: SimulatorDataset;
beforeAll(() => {
  dataset = generateDataset(1, SIZES.S, NOW, owners);
});
const primary = () => dataset.index.get(dataset.primaryOrgId)!;
const bySystem = (rows: JsonObject[]) => {
  const map = new Map<string, JsonObject[]>();
  for (const row of rows) {
    const list = map.get(row.system_id as string) ?? [];
    list.push(row);
    map.set(row.system_id as string, list);
  }
  return map;
};

/** JumpCloud usernames: letters and digits, single `.`/`-`/`_` between them. */
const USERNAME = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const EMAIL =
  /^[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*@[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*\.[a-z]{2,}$/;
const invalidUsers = (users: JsonObject[]) =>
  users
    .filter(
      u =>
        !USERNAME.test(u.username as string) ||
        (u.username as string).length > USERNAME_MAX ||
        !EMAIL.test(u.email as string),
    )
    .map(u => `${u.username} <${u.email}>`);

describe('generated users', () => {
  it.each<SizeName>(['S', 'M', 'L'])(
    'have usernames and e-mails JumpCloud accepts at size %s',
    size => {
      for (const seed of [1, 2, 42]) {
        const users = generateUsers(
          Random.derive(seed, 'users'),
          'org',
          'acmerobotics.example',
          SIZES[size].users,
          NOW,
        );
        expect(invalidUsers(users)).toEqual([]);
        // Usernames are unique within an org.
        expect(new Set(users.map(u => u.username)).size).toBe(users.length);
      }
    },
  );

  it('stay valid in every org of a dataset and after churn', () => {
    const d = generateDataset(7, SIZES.S, NOW, owners);
    for (const org of d.orgs) expect(invalidUsers(org.users)).toEqual([]);
    // Names in non-latin scripts keep their script; their usernames are romanised.
    const all = d.orgs.flatMap(o => o.users);
    expect(
      all.some(u => /[\u4e00-\u9fff]/.test(`${u.firstname}${u.lastname}`)),
    ).toBe(true);
  });
});

describe('System Insights follows osquery', () => {
  it('sip_config: one row per flag; healthy Macs have sip 1 and every allow_* 0, some do not', () => {
    const rows = bySystem(primary().systemInsights.rows('sip_config'));
    const macs = [...rows.values()];
    expect(macs.length).toBeGreaterThan(5);
    for (const flags of macs) {
      expect(flags.map(r => r.config_flag)).toEqual([
        'sip',
        ...SIP_RELAXATIONS,
      ]);
      expect(flags.every(r => r.enabled === 0 || r.enabled === 1)).toBe(true);
    }
    const healthy = (flags: JsonObject[]) =>
      flags.every(r => r.enabled === (r.config_flag === 'sip' ? 1 : 0));
    expect(macs.filter(healthy).length / macs.length).toBeGreaterThan(0.7);
    // Across orgs: SIP off, and SIP on but relaxed.
    const everyMac = dataset.orgs.flatMap(o => [
      ...bySystem(
        dataset.index.get(o.id)!.systemInsights.rows('sip_config'),
      ).values(),
    ]);
    const sip = (flags: JsonObject[]) =>
      flags.find(r => r.config_flag === 'sip')!.enabled;
    const relaxed = (flags: JsonObject[]) =>
      flags.some(r => r.config_flag !== 'sip' && r.enabled === 1);
    expect(everyMac.some(f => sip(f) === 0 && relaxed(f))).toBe(true);
    expect(everyMac.some(f => sip(f) === 1 && relaxed(f))).toBe(true);
  });

  it('disk_encryption: several volumes per Mac, osquery status values only', () => {
    const org = primary();
    const rows = org.systemInsights.rows('disk_encryption');
    expect(
      new Set(rows.map(r => r.encryption_status)).size,
    ).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(['encrypted', 'not encrypted', 'undefined']).toContain(
        r.encryption_status,
      );
      expect(r.encrypted).toBe(r.encryption_status === 'encrypted' ? 1 : 0);
    }
    for (const [id, volumes] of bySystem(rows)) {
      const system = org.systemById.get(id)!;
      if (osFamilyOf(system) !== 'macOS') continue;
      expect(volumes.length).toBeGreaterThanOrEqual(5);
      // FileVault never covers Preboot, Recovery or VM.
      expect(volumes.some(v => v.encryption_status === 'not encrypted')).toBe(
        true,
      );
    }
  });

  it('apps and programs: 100-300 per device at S and M, a handful at the benchmark sizes', () => {
    expect(softwareProfile(SIZES.S)).toBe('realistic');
    expect(softwareProfile(SIZES.M)).toBe('realistic');
    expect(softwareProfile(SIZES.L)).toBe('sparse');
    expect(softwareProfile(SIZES.XL)).toBe('sparse');
    const org = primary();
    for (const table of ['apps', 'programs'] as const) {
      const counts = [...bySystem(org.systemInsights.rows(table)).values()].map(
        list => list.length,
      );
      expect(counts.length).toBeGreaterThan(5);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(100);
      expect(Math.max(...counts)).toBeLessThanOrEqual(305);
    }
  });

  it('keeps osquery semantics with fewer rows at the benchmark sizes', () => {
    const org = dataset.orgs[0];
    const sparse = new OrgIndex(org, dataset.seed, NOW, 'sparse');
    const macs = [
      ...bySystem(sparse.systemInsights.rows('sip_config')).values(),
    ];
    expect(macs.length).toBeGreaterThan(5);
    for (const flags of macs) {
      expect(flags[0].config_flag).toBe('sip');
      expect(flags.length).toBeLessThan(SIP_RELAXATIONS.length + 1);
    }
    for (const [id, volumes] of bySystem(
      sparse.systemInsights.rows('disk_encryption'),
    )) {
      const family = osFamilyOf(sparse.systemById.get(id)!);
      expect(volumes.length).toBe(family === 'macOS' ? 2 : volumes.length);
    }
    const apps = [...bySystem(sparse.systemInsights.rows('apps')).values()];
    expect(Math.max(...apps.map(list => list.length))).toBeLessThanOrEqual(12);
  });

  it('apps and programs: the filler never looks like a product the checks look for', () => {
    // The checks' default allow and deny lists (plugins/jumpcloud-backend
    // src/checks/thresholds.ts), matched as they match: substrings, any case.
    const listed = [
      'crowdstrike',
      'falcon',
      'sentinelone',
      'microsoft defender',
      'sophos',
      'jamf protect',
      'malwarebytes',
      'bitdefender',
      'eset',
      '1password',
      'bitwarden',
      'lastpass',
      'dashlane',
      'keeper',
      'jumpcloud password manager',
      'utorrent',
      'µtorrent',
      'bittorrent',
    ];
    const clashes = ALL_FILLER_SOFTWARE.map(([name]) => name).filter(name =>
      listed.some(item => name.toLowerCase().includes(item)),
    );
    expect(clashes).toEqual([]);
  });

  it('alf: no rows on macOS 15 whose agent bundles osquery older than 5.14 (osquery#8395)', () => {
    const everyOrg = dataset.orgs.map(o => dataset.index.get(o.id)!);
    let silent = 0;
    for (const org of everyOrg) {
      const alf = bySystem(org.systemInsights.rows('alf'));
      const reporting = new Set(
        org.systemInsights.rows('os_version').map(r => r.system_id),
      );
      for (const s of org.data.systems) {
        if (osFamilyOf(s) !== 'macOS' || !reporting.has(s._id)) continue;
        const major = (s.osVersionDetail as JsonObject).majorNumber as number;
        const expected = major < 15 || bundlesOsquery514(s.agentVersion);
        expect([s._id, alf.has(s._id as string)]).toEqual([s._id, expected]);
        if (!expected) silent++;
      }
    }
    expect(silent).toBeGreaterThan(0);
  });
});

describe('devices', () => {
  it('carry legacy tag ids, local-account metrics and policy stats that match the served results', () => {
    const org = primary();
    const systems = org.data.systems;
    const tagged = systems.filter(s => (s.tags as string[]).length > 0);
    expect(tagged.length).toBeGreaterThan(0);
    for (const s of tagged)
      for (const tag of s.tags as string[])
        expect(tag).toMatch(/^[0-9a-f]{24}$/);
    expect(
      systems.filter(s => (s.userMetrics as JsonObject[]).length > 0).length,
    ).toBeGreaterThan(systems.length / 2);

    let bound = 0;
    for (const s of systems) {
      const stats = s.policyStats as Record<string, number>;
      const results = org.resultsBySystem.get(s._id as string) ?? [];
      const served = (state: string) =>
        results.filter(r => r.state === state).length;
      expect([s._id, stats.success, stats.failed]).toEqual([
        s._id,
        served('success'),
        served('failed'),
      ]);
      // A device that never checked in has pending policies and no result yet.
      const neverRan = s.lastContact === null;
      expect([s._id, stats.pending, results.length > 0]).toEqual([
        s._id,
        neverRan ? stats.pending : served('pending'),
        neverRan ? false : results.length > 0,
      ]);
      expect(stats.total).toBe(
        stats.success +
          stats.failed +
          stats.pending +
          stats.unsupportedOs +
          stats.duplicate,
      );
      if (stats.total > 0) bound++;
    }
    expect(bound).toBeGreaterThan(systems.length / 2);
  });

  it('have System Insights users that agree with the agent’s local-account metrics', () => {
    const org = primary();
    const users = bySystem(org.systemInsights.rows('users'));
    let compared = 0;
    for (const s of org.data.systems) {
      const rows = users.get(s._id as string);
      for (const metric of s.userMetrics as JsonObject[]) {
        if (!rows) continue;
        const row = rows.find(r => r.username === metric.userName);
        expect([metric.userName, row?.admin]).toEqual([
          metric.userName,
          metric.admin,
        ]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('organisation objects', () => {
  it('organisations have a creation time and a null logo', () => {
    for (const org of dataset.orgs) {
      expect(Date.parse(org.organization.created as string)).toBeLessThan(NOW);
      expect(org.organization.logoUrl).toBeNull();
    }
  });

  it('Apple MDM token states: valid, expired, unknown, and missing (no ADE) without an expiry', () => {
    const mdms = dataset.orgs.flatMap(o => o.appleMdms);
    expect(new Set(mdms.map(m => m.depServerTokenState))).toEqual(
      new Set(['valid', 'expired', 'unknown', 'missing']),
    );
    for (const m of mdms) {
      expect([m.depServerTokenState, 'depAccessTokenExpiry' in m]).toEqual([
        m.depServerTokenState,
        m.depServerTokenState !== 'missing',
      ]);
    }
  });

  it('Directory Insights group events use the documented types', () => {
    const types = new Set(
      dataset.orgs.flatMap(o => o.events.map(e => e.event_type as string)),
    );
    for (const type of ['group_create', 'group_update', 'group_delete'])
      expect(types).toContain(type);
    expect(
      [...types].filter(t => /usergroup|user_group_update/.test(t)),
    ).toEqual([]);
    const oldest = Math.min(
      ...dataset.orgs[0].events.map(e => Date.parse(e.timestamp as string)),
    );
    // Within Directory Insights' 90-day retention.
    expect(NOW - oldest).toBeLessThanOrEqual(90 * DAY_MS);
  });
});
