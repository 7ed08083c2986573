import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

describe('application traversals and Apple MDM devices', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 6, now: '2026-11-01T00:00:00Z' });
  });
  afterAll(() => sim.close());
  const get = (path: string) => call(sim.url, path, { key: sim.keys.readOnly });
  const org = () => sim.dataset.orgs[0];
  const index = () => sim.dataset.index.get(sim.orgId)!;
  const app = (name: string) =>
    org().applications.find(a => a.name === name)!._id as string;

  it('lists the users an application reaches through its user groups, with paths', async () => {
    const allUsers = org().userGroups.find(g => g.name === 'All Users')!;
    const members = index()
      .membership(allUsers.id as string, 'user')
      .map(m => m.id);
    expect(members.length).toBeGreaterThan(10);
    const res = await get(
      `/api/v2/applications/${app('slack')}/users?limit=100`,
    );
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-total-count'))).toBeGreaterThanOrEqual(
      members.length,
    );
    const byId = new Map(res.json.map((u: any) => [u.id, u]));
    for (const id of members.slice(0, 100)) {
      const user: any = byId.get(id);
      expect(user).toMatchObject({ id, type: 'user', compiledAttributes: {} });
      expect(
        user.paths.some(
          (p: any[]) =>
            p[0].to.id === allUsers.id && p[p.length - 1].to.id === id,
        ),
      ).toBe(true);
    }
    const second = await get(
      `/api/v2/applications/${app('slack')}/users?limit=5&skip=5&sort=bogus`,
    );
    expect(second.json.map((u: any) => u.id)).toEqual(
      res.json.slice(5, 10).map((u: any) => u.id),
    );
  });

  it('lists the user groups bound to an application', async () => {
    const bound = new Set(
      (index().associations.get(app('slack')) ?? [])
        .filter(n => n.node.type === 'user_group')
        .map(n => n.node.id),
    );
    const res = await get(
      `/api/v2/applications/${app(
        'slack',
      )}/usergroups?filter=type:eq:user_group`,
    );
    expect(res.status).toBe(200);
    const direct = res.json.filter((g: any) => g.paths[0].length === 1);
    expect(new Set(direct.map((g: any) => g.id))).toEqual(bound);
    expect(res.json.every((g: any) => g.type === 'user_group')).toBe(true);
  });

  it('answers 404 and 400 for unknown and malformed application ids', async () => {
    expect(
      (await get('/api/v2/applications/aaaaaaaaaaaaaaaaaaaaaaaa/users')).status,
    ).toBe(404);
    expect((await get('/api/v2/applications/nope/usergroups')).status).toBe(
      400,
    );
  });

  it('lists an Apple MDM server’s devices: the managed Macs plus ADE devices never set up', async () => {
    const server = org().appleMdms[0];
    const macs = org().systems.filter(
      s => s.os === 'Mac OS X' && (s.mdm as any).vendor === 'internal',
    );
    const path = `/api/v2/applemdms/${server.id}/devices`;
    const res = await get(`${path}?limit=100&sort=serialNumber`);
    expect(res.status).toBe(200);
    const total = Number(res.headers.get('x-total-count'));
    const enrolled = res.json.filter((d: any) => d.enrolled);
    expect(enrolled.map((d: any) => d.serialNumber).sort()).toEqual(
      macs.map(s => s.serialNumber).sort(),
    );
    const serials = res.json.map((d: any) => d.serialNumber);
    expect(serials).toEqual([...serials].sort());
    const notSetUp = await get(`${path}?filter=enrolled:eq:false`);
    const expectUnset = server.depServerTokenState === 'missing' ? 0 : 1;
    expect(notSetUp.json.length).toBeGreaterThanOrEqual(expectUnset);
    expect(total).toBe(macs.length + notSetUp.json.length);
    expect(enrolled[0]).toMatchObject({
      mdmOsFamily: 'macOS',
      deviceInformation: { deviceName: expect.any(String) },
      securityInfo: { filevaultEnabled: expect.any(Boolean) },
    });
    // Only the documented fields sort.
    expect((await get(`${path}?sort=modelFamily`)).status).toBe(400);
    expect(
      (await get('/api/v2/applemdms/aaaaaaaaaaaaaaaaaaaaaaaa/devices')).status,
    ).toBe(404);
  });
});
