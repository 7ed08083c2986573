import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

const DI = '/insights/directory/v1/events';
const diBody = { service: ['all'], start_time: '2026-01-01T00:00:00Z' };

describe('plans (402) and roles (403) per credential', () => {
  let sim: StartedSimulator;
  const keys = {
    helpDesk: 'jca_helpdesk_key_for_the_role_table_test_01',
    manager: 'jca_manager_key_for_the_role_table_test_0001',
    custom: 'jca_custom_role_key_for_the_role_table_0001',
    diOnly: 'jca_directory_insights_only_plan_key_00001',
    admin: 'jca_administrator_key_for_the_role_test_001',
  };
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 4,
      now: '2026-11-01T00:00:00Z',
      extraKeys: {
        [keys.helpDesk]: { role: 'helpDesk' },
        [keys.manager]: { role: 'manager' },
        [keys.custom]: {
          role: {
            forbidden: ['/api/v2/usergroups', '/api/v2/users/*/memberof'],
          },
        },
        [keys.diOnly]: { role: 'readOnly', plan: ['directoryInsights'] },
        [keys.admin]: { role: 'administrator' },
      },
    });
  });
  afterAll(() => sim.close());
  const get = (key: string, path: string) => call(sim.url, path, { key });
  const status = async (key: string, path: string) =>
    path === DI
      ? (await call(sim.url, DI, { key, body: diBody })).status
      : (await get(key, path)).status;

  it('gives the default credentials every feature and route they could read before', async () => {
    for (const path of [
      DI,
      '/api/v2/authn/policies',
      '/api/v2/systeminsights/os_version',
      '/api/v2/applemdms',
      '/api/applications',
      '/api/v2/policies',
      '/api/users',
    ])
      expect([path, await status(sim.keys.readOnly, path)]).toEqual([
        path,
        200,
      ]);
  });

  it('answers 402 with a JumpCloud body on routes of features outside the key plan', async () => {
    const si = await get(keys.diOnly, '/api/v2/systeminsights/os_version');
    expect(si.status).toBe(402);
    expect(si.json).toEqual({
      message:
        "Payment Required: System Insights is not included in this organization's plan",
    });
    expect(si.headers.get('content-type')).toContain('application/json');
    expect(
      await status(
        keys.diOnly,
        '/api/v2/authn/policies/aaaaaaaaaaaaaaaaaaaaaaaa',
      ),
    ).toBe(402);
    expect(await status(keys.diOnly, '/api/v2/applemdms')).toBe(402);
    expect(await status(keys.diOnly, '/api/applications')).toBe(402);
    expect(
      await status(
        keys.diOnly,
        `/api/v2/systems/${sim.dataset.orgs[0].systems[0]._id}/policystatuses`,
      ),
    ).toBe(402);
    // Core directory data is in every plan.
    expect(await status(keys.diOnly, '/api/systems')).toBe(200);
    expect(await status(keys.diOnly, '/api/v2/usergroups')).toBe(200);
    expect(await status(keys.diOnly, DI)).toBe(200);
  });

  it('maps built-in roles to the routes they cannot read', async () => {
    const forbidden = await get(keys.helpDesk, '/api/users');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toEqual({
      message: 'Forbidden: you do not have permission to access this resource',
      error: 'Forbidden: you do not have permission to access this resource',
    });
    expect(await status(keys.helpDesk, DI)).toBe(403);
    expect(await status(keys.helpDesk, '/api/v2/authn/policies')).toBe(403);
    expect(await status(keys.helpDesk, '/api/systemusers')).toBe(200);
    expect(await status(keys.manager, '/api/users')).toBe(403);
    expect(await status(keys.manager, DI)).toBe(200);
    expect(await status(sim.keys.commandRunner, DI)).toBe(403);
    expect(await status(sim.keys.commandRunner, '/api/systems')).toBe(200);
    const system = sim.dataset.orgs[0].systems.find(
      s => (s.fde as { keyPresent: boolean }).keyPresent,
    )!;
    const fdekey = `/api/v2/systems/${system._id}/fdekey`;
    expect(await status(sim.keys.readOnly, fdekey)).toBe(403);
    expect(await status(keys.admin, fdekey)).toBe(200);
  });

  it('applies a custom role to its forbidden prefixes only, whatever the spelling of the path', async () => {
    const user = sim.dataset.orgs[0].users[0]._id as string;
    expect(await status(keys.custom, '/api/v2/usergroups')).toBe(403);
    expect(await status(keys.custom, '/API/V2/UserGroups?limit=1')).toBe(403);
    expect(await status(keys.custom, `/api/v2/users/${user}/memberof`)).toBe(
      403,
    );
    expect(await status(keys.custom, `/api/v2/users/${user}/systems`)).toBe(
      200,
    );
    expect(await status(keys.custom, '/api/v2/systemgroups')).toBe(200);
    expect(await status(sim.keys.readOnly, '/api/v2/usergroups')).toBe(200);
  });
});

describe('plan and role of the integration credentials', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 4,
      now: '2026-11-01T00:00:00Z',
      plan: ['systemInsights', 'sso'],
      role: { forbidden: ['/api/systemusers'] },
      serviceAccount: { role: 'helpDesk' },
    });
  });
  afterAll(() => sim.close());

  async function bearer(): Promise<string> {
    const basic = Buffer.from(
      `${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`,
    ).toString('base64');
    const res = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=api',
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  it('gives keys.readOnly the role option and every key the plan', async () => {
    const ro = (path: string) =>
      call(sim.url, path, { key: sim.keys.readOnly });
    expect((await ro('/api/systemusers')).status).toBe(403);
    expect((await ro('/api/systems')).status).toBe(200);
    expect((await ro('/api/v2/authn/policies')).status).toBe(402);
    expect(
      (await call(sim.url, '/api/v2/authn/policies', { key: sim.keys.admin }))
        .status,
    ).toBe(402);
    expect(
      (await call(sim.url, '/api/systemusers', { key: sim.keys.admin })).status,
    ).toBe(200);
  });

  it('gives the service account its own role, and the plan', async () => {
    const token = await bearer();
    const sa = (path: string) =>
      fetch(`${sim.url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then(r => r.status);
    expect(await sa('/api/users')).toBe(403); // Help Desk
    expect(await sa('/api/systemusers')).toBe(200); // not the readOnly key's custom role
    expect(await sa('/api/v2/applemdms')).toBe(402); // plan
    expect(await sa('/api/v2/systeminsights/os_version')).toBe(200);
  });

  it('rejects unknown roles and plan features at start', async () => {
    await expect(
      startSimulator({ role: 'superuser' as never }),
    ).rejects.toThrow(/Unknown role "superuser"/);
    await expect(
      startSimulator({ plan: ['directoryInsight' as never] }),
    ).rejects.toThrow(/Unknown plan feature/);
  });
});
