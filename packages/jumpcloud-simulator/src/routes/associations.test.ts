import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

describe('v2 associations', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2, now: '2026-11-23T00:00:00Z' });
  });
  afterAll(() => sim.close());
  const get = (path: string, key = sim.keys.readOnly) =>
    call(sim.url, path, { key });

  it('lists direct user ↔ device bindings with their sudo attributes', async () => {
    const org = sim.dataset.orgs[0];
    const edge = org.edges.find(
      e =>
        e.kind === 'association' &&
        e.from.type === 'user' &&
        e.to.type === 'system' &&
        e.attributes,
    )!;
    const fromUser = await get(
      `/api/v2/users/${edge.from.id}/associations?targets=system`,
    );
    expect(fromUser.status).toBe(200);
    expect(fromUser.json).toContainEqual({
      attributes: edge.attributes,
      to: { attributes: null, id: edge.to.id, type: 'system' },
    });
    const fromSystem = await get(
      `/api/v2/systems/${edge.to.id}/associations?targets=user,policy`,
    );
    expect(fromSystem.json.map((c: any) => c.to.id)).toContain(edge.from.id);
    expect(
      Number(fromSystem.headers.get('x-total-count')),
    ).toBeGreaterThanOrEqual(fromSystem.json.length);
  });

  it('lists group bindings and policy bindings', async () => {
    const org = sim.dataset.orgs[0];
    const binding = org.edges.find(
      e =>
        e.kind === 'association' &&
        e.from.type === 'user_group' &&
        e.to.type === 'system_group',
    )!;
    const ug = await get(
      `/api/v2/usergroups/${binding.from.id}/associations?targets=system&targets=system_group`,
    );
    expect(ug.json.map((c: any) => c.to.id)).toContain(binding.to.id);
    const sg = await get(
      `/api/v2/systemgroups/${binding.to.id}/associations?targets=user_group`,
    );
    expect(sg.json.map((c: any) => c.to.id)).toContain(binding.from.id);
    const policyEdge = org.edges.find(e => e.from.type === 'policy')!;
    const policy = await get(
      `/api/v2/policies/${policyEdge.from.id}/associations?targets=system,system_group`,
    );
    expect(policy.json.map((c: any) => c.to.id)).toContain(policyEdge.to.id);
  });

  it('requires valid targets and answers read-only keys 403 on command associations', async () => {
    const system = sim.dataset.orgs[0].systems[0]._id;
    expect((await get(`/api/v2/systems/${system}/associations`)).status).toBe(
      400,
    );
    expect(
      (await get(`/api/v2/systems/${system}/associations?targets=application`))
        .status,
    ).toBe(400);
    expect(
      (await get(`/api/v2/systems/${system}/associations?targets=command`))
        .status,
    ).toBe(403);
    expect(
      (
        await get(
          `/api/v2/systems/${system}/associations?targets=command`,
          sim.keys.admin,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await get(
          '/api/v2/systems/aaaaaaaaaaaaaaaaaaaaaaaa/associations?targets=user',
        )
      ).status,
    ).toBe(404);
  });
});

describe('v2 device policies traversal', () => {
  it('lists policies bound to the device directly or through its groups', async () => {
    const sim = await startSimulator({ seed: 2, now: '2026-11-23T00:00:00Z' });
    try {
      const org = sim.dataset.orgs[0];
      const index = sim.dataset.index.get(org.id)!;
      const result = org.policyResults[0];
      const res = await call(
        sim.url,
        `/api/v2/systems/${result.systemID}/policies?limit=100`,
        { key: sim.keys.readOnly },
      );
      expect(res.status).toBe(200);
      const ids = res.json.map((p: any) => p.id);
      expect(ids).toContain(result.policyID);
      expect(
        res.json.every(
          (p: any) => p.type === 'policy' && index.policyById.has(p.id),
        ),
      ).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
