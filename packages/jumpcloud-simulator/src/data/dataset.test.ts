import { startSimulator } from '../server';
import { generateDataset } from './dataset';
import { SIZES } from './sizes';

const NOW = Date.parse('2026-11-23T00:00:00Z');
const owners = { primary: [], everyOrg: [] };
const snapshot = (seed: number) => {
  const d = generateDataset(seed, SIZES.S, NOW, owners);
  const index = d.index.get(d.primaryOrgId)!;
  return JSON.stringify({
    orgs: d.orgs,
    si: index.systemInsights.rows('apps'),
  });
};

describe('generated dataset', () => {
  it('is deterministic for (seed, size, now)', () => {
    expect(snapshot(11)).toEqual(snapshot(11));
    expect(snapshot(11)).not.toEqual(snapshot(12));
  });

  it('sizes the primary org and the extra orgs', () => {
    const d = generateDataset(1, SIZES.S, NOW, owners);
    expect(d.orgs).toHaveLength(3);
    expect(d.orgs[0].systems).toHaveLength(60);
    expect(d.orgs[0].users).toHaveLength(80);
    const families = new Set(d.orgs[0].systems.map(s => s.osFamily));
    expect(families).toEqual(new Set(['darwin', 'windows', 'linux']));
  });

  it('has the quirks real orgs have', () => {
    const d = generateDataset(1, SIZES.S, NOW, owners);
    const all = (key: 'systems' | 'users') => d.orgs.flatMap(o => o[key]);
    expect(all('systems').every(s => s._id === s.id)).toBe(true);
    expect(all('users').every(u => u._id === u.id)).toBe(true);
    expect(
      d.orgs.every(
        o =>
          o.userGroups[0].name === 'All Users' &&
          o.userGroups[0].attributes === null,
      ),
    ).toBe(true);
    expect(
      all('systems').some(s => s.lastContact === null && s.active === false),
    ).toBe(true);
    const hostnames = all('systems').map(s => s.hostname);
    expect(new Set(hostnames).size).toBeLessThan(hostnames.length);
    expect(
      all('users').some(u =>
        [...`${u.firstname}${u.lastname}`].some(c => c.charCodeAt(0) > 127),
      ),
    ).toBe(true);
    expect(all('users').some(u => (u.lastname as string).length > 300)).toBe(
      true,
    );
    expect(
      all('users').some(
        u => u.department === '' && u.employeeIdentifier === null,
      ),
    ).toBe(true);
    for (const org of d.orgs) {
      const index = d.index.get(org.id)!;
      expect(
        org.edges.some(e => !index.exists(e.to) || !index.exists(e.from)),
      ).toBe(true);
      // ObjectIds embed the creation time.
      const s = org.systems[0];
      expect(parseInt((s._id as string).slice(0, 8), 16)).toBe(
        Math.floor(Date.parse(s.created as string) / 1000),
      );
    }
  });

  it('produces System Insights rows only for enabled devices that checked in', () => {
    const d = generateDataset(1, SIZES.S, NOW, owners);
    const org = d.orgs[0];
    const index = d.index.get(org.id)!;
    const enabled = new Set(
      org.systems
        .filter(
          s =>
            (s.systemInsights as any).state === 'enabled' &&
            s.lastContact !== null,
        )
        .map(s => s._id),
    );
    const rows = index.systemInsights.rows('os_version');
    expect(new Set(rows.map(r => r.system_id))).toEqual(enabled);
    expect(enabled.size / org.systems.length).toBeGreaterThan(0.6);
    expect(rows.every(r => typeof r.collection_time === 'string')).toBe(true);
  });

  // A generous bound: the budget is a few seconds on an idle machine, CI machines are shared.
  it('generates size L quickly', () => {
    const started = Date.now();
    const d = generateDataset(1, SIZES.L, NOW, owners);
    expect(d.orgs[0].systems).toHaveLength(20_000);
    expect(d.orgs[0].users).toHaveLength(20_000);
    expect(
      d.orgs[0].userGroups.length + d.orgs[0].systemGroups.length,
    ).toBeGreaterThanOrEqual(590);
    expect(d.orgs[0].policies).toHaveLength(150);
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 60_000);
});

describe('mutation between syncs', () => {
  it('changes about X% of the data, deterministically, and can be reset', async () => {
    const a = await startSimulator({ seed: 4, now: '2026-11-23T00:00:00Z' });
    const b = await startSimulator({ seed: 4, now: '2026-11-23T00:00:00Z' });
    try {
      const before = JSON.stringify(a.dataset.orgs[0].systems);
      const [summary] = a.control.mutate(10, a.orgId);
      b.control.mutate(10, b.orgId);
      expect(summary.systemsChanged).toBe(6);
      expect(summary.usersChanged).toBe(8);
      expect(summary.systemsAdded).toBeGreaterThan(0);
      const after = a.dataset.orgs[0].systems;
      expect(JSON.stringify(after)).not.toEqual(before);
      expect(JSON.stringify(after)).toEqual(
        JSON.stringify(b.dataset.orgs[0].systems),
      );

      const res = await fetch(`${a.url}/api/systems?limit=1`, {
        headers: { 'x-api-key': a.keys.readOnly },
      });
      expect((await res.json()).totalCount).toBe(after.length);

      const http = await fetch(`${a.url}/__simulator/mutate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ percent: 150 }),
      });
      expect(http.status).toBe(400);

      // Sorted pages follow the mutated data (no stale sort cache).
      const newest = async () => {
        const r = await fetch(
          `${a.url}/api/systems?limit=1&sort=-lastContact%20_id`,
          { headers: { 'x-api-key': a.keys.readOnly } },
        );
        return (await r.json()).results[0].lastContact;
      };
      const maxContact = () =>
        a.dataset.orgs[0].systems
          .map(s => s.lastContact as string | null)
          .reduce(
            (m, c) => (c && (!m || c > m) ? c : m),
            null as string | null,
          );
      expect(await newest()).toBe(maxContact());
      a.control.mutate(30, a.orgId);
      expect(await newest()).toBe(maxContact());

      a.control.reset();
      expect(JSON.stringify(a.dataset.orgs[0].systems)).toEqual(before);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
