import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

describe('an MSP key with 150 lazily generated tenants', () => {
  let sim: StartedSimulator;
  let startMs: number;
  beforeAll(async () => {
    const started = performance.now();
    sim = await startSimulator({
      seed: 9,
      now: '2026-11-01T00:00:00Z',
      profile: 'msp-150',
    });
    startMs = performance.now() - started;
  });
  afterAll(() => sim.close());
  const msp = (path: string, orgId?: string) =>
    call(sim.url, path, { key: sim.keys.multiTenant, orgId });

  it('starts without generating the tenants', () => {
    expect(sim.orgs).toHaveLength(153);
    expect(new Set(sim.orgs.map(o => o.id)).size).toBe(153);
    expect(new Set(sim.orgs.map(o => o.name)).size).toBe(153);
    expect(sim.dataset.orgs).toHaveLength(3);
    // Generating 150 orgs eagerly takes several hundred milliseconds.
    expect(startMs).toBeLessThan(2_000);
  });

  it('pages /api/organizations like every v1 list', async () => {
    const first = await msp('/api/organizations?limit=100&sort=_id');
    expect(first.status).toBe(200);
    expect(first.json.totalCount).toBe(153);
    expect(first.json.results).toHaveLength(100);
    const rest = await msp('/api/organizations?limit=100&skip=100&sort=_id');
    expect(rest.json.results).toHaveLength(53);
    const ids = [...first.json.results, ...rest.json.results].map(
      (o: any) => o._id,
    );
    expect(ids).toEqual(sim.orgs.map(o => o.id).sort());
    expect((await msp('/api/organizations')).json.results).toHaveLength(10);
    expect((await msp('/api/organizations?limit=101')).status).toBe(400);
    expect(first.json.results[0]).toEqual({
      _id: expect.any(String),
      id: first.json.results[0]._id,
      displayName: expect.any(String),
      logoUrl: null,
    });
    // Listing (and reading every tenant's admins) generated nothing.
    expect((await msp('/api/users?limit=100')).status).toBe(200);
    expect(sim.dataset.orgs).toHaveLength(3);
    // A single-tenant key still sees its one organisation.
    const single = await call(sim.url, '/api/organizations', {
      key: sim.keys.readOnly,
    });
    expect(single.json.totalCount).toBe(1);
  });

  it('syncs one tenant with x-org-id: its own small dataset, generated on first use', async () => {
    const tenant = sim.orgs[120];
    expect((await msp('/api/systems')).status).toBe(401);
    const systems = await msp('/api/systems?limit=100', tenant.id);
    expect(systems.status).toBe(200);
    expect(systems.json.totalCount).toBeGreaterThanOrEqual(12);
    expect(
      systems.json.results.every((s: any) => s.organization === tenant.id),
    ).toBe(true);
    expect(sim.dataset.orgs.map(o => o.id)).toContain(tenant.id);
    expect(sim.dataset.orgs).toHaveLength(4);
    const record = await msp(`/api/organizations/${tenant.id}`);
    expect(record.json.displayName).toBe(tenant.name);
    const groups = await msp('/api/v2/usergroups?limit=100', tenant.id);
    expect(groups.json.some((g: any) => g.name === 'All Users')).toBe(true);
    expect((await msp('/api/systems', 'aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(
      404,
    );
  });

  it('makes a tenant the same whatever was generated before it', async () => {
    const other = await startSimulator({
      seed: 9,
      now: '2026-11-01T00:00:00Z',
      mspTenants: 150,
    });
    try {
      const tenant = sim.orgs[120].id;
      const read = async (s: StartedSimulator) =>
        (
          await call(s.url, '/api/systemusers?limit=100&sort=_id', {
            key: s.keys.multiTenant,
            orgId: tenant,
          })
        ).json.results.map((u: any) => `${u._id}:${u.username}`);
      // Another tenant first in this simulator.
      await call(other.url, '/api/systems', {
        key: other.keys.multiTenant,
        orgId: other.orgs[40].id,
      });
      expect(await read(other)).toEqual(await read(sim));
    } finally {
      await other.close();
    }
  });
});
