import { startSimulator, type StartedSimulator } from './index';
import { call } from './__testUtils__/call';

describe('paging, sorting, fields and filters', () => {
  let sim: StartedSimulator;
  let key: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, now: '2026-11-01T00:00:00Z' });
    key = sim.keys.readOnly;
  });
  afterAll(() => sim.close());
  const get = (path: string, headers?: Record<string, string>) =>
    call(sim.url, path, { key, headers });

  it('pages v1 lists with {totalCount, results}, default limit 10', async () => {
    const systems = sim.dataset.orgs[0].systems;
    const first = await get('/api/systems');
    expect(first.status).toBe(200);
    expect(first.json.totalCount).toBe(systems.length);
    expect(first.json.results).toHaveLength(10);
    expect(first.json.results[0]._id).toBe(first.json.results[0].id);
    const all: string[] = [];
    for (let skip = 0; skip < systems.length; skip += 100) {
      const page = await get(`/api/systems?limit=100&skip=${skip}&sort=_id`);
      all.push(...page.json.results.map((s: any) => s._id));
    }
    expect(new Set(all).size).toBe(systems.length);
    const past = await get(`/api/systems?skip=${systems.length + 5}`);
    expect(past.json).toEqual({ totalCount: systems.length, results: [] });
  });

  it('rejects limits over the maximum with the observed 400 body', async () => {
    expect(await get('/api/systemusers?limit=101')).toMatchObject({
      status: 400,
      json: {
        message:
          'Bad Request: request parameter "limit" exceeds maximum value of 100',
      },
    });
    expect((await get('/api/v2/usergroups?limit=101')).status).toBe(400);
    expect((await get('/api/systems?limit=ten')).status).toBe(400);
    expect((await get('/api/systems?skip=-1')).status).toBe(400);
    expect(
      (await get('/api/v2/systeminsights/os_version?limit=10000')).status,
    ).toBe(200);
    expect(
      (await get('/api/v2/systeminsights/os_version?limit=10001')).json.message,
    ).toContain('maximum value of 10000');
  });

  it('pages v2 lists as bare arrays with x-total-count', async () => {
    const res = await get('/api/v2/usergroups?limit=2&skip=1');
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.json).toHaveLength(2);
    expect(Number(res.headers.get('x-total-count'))).toBe(
      sim.dataset.orgs[0].userGroups.length,
    );
    const policies = await get('/api/v2/policies');
    expect(policies.json).toHaveLength(10);
  });

  it('sorts v1 with space-separated keys and v2 with comma-separated keys', async () => {
    const v1 = await get('/api/systems?limit=100&sort=os%20-hostname');
    const rows = v1.json.results as Array<{ os: string; hostname: string }>;
    const pairs = rows.map(r => `${r.os}\u0000${r.hostname}`);
    const byOsThenHostnameDesc = [...rows]
      .sort((a, b) => {
        if (a.os !== b.os) return a.os < b.os ? -1 : 1;
        if (a.hostname === b.hostname) return 0;
        return a.hostname < b.hostname ? 1 : -1;
      })
      .map(r => `${r.os}\u0000${r.hostname}`);
    expect(pairs).toEqual(byOsThenHostnameDesc);
    const v2 = await get('/api/v2/usergroups?limit=100&sort=-name');
    const names = v2.json.map((g: any) => g.name);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('projects fields (v1 space-separated, v2 comma-separated)', async () => {
    const v1 = await get(
      '/api/systemusers?limit=1&fields=username%20mfa.configured',
    );
    expect(Object.keys(v1.json.results[0]).sort()).toEqual([
      '_id',
      'id',
      'mfa',
      'username',
    ]);
    expect(Object.keys(v1.json.results[0].mfa)).toEqual(['configured']);
    const v2 = await get('/api/v2/usergroups?limit=1&fields=name,type');
    expect(Object.keys(v2.json[0]).sort()).toEqual(['id', 'name', 'type']);
  });

  it('filters v1 lists with $ operators, indexed AND and [or]', async () => {
    const systems = sim.dataset.orgs[0].systems;
    const windows = systems.filter(s => s.os === 'Windows').length;
    expect(
      (await get('/api/systems?filter=os:$eq:Windows')).json.totalCount,
    ).toBe(windows);
    expect(
      (await get('/api/systems?filter=os:$ne:Windows')).json.totalCount,
    ).toBe(systems.length - windows);
    const macOrWin = systems.filter(
      s => s.os === 'Windows' || s.os === 'Mac OS X',
    ).length;
    expect(
      (await get('/api/systems?filter=os:$in:Windows|Mac%20OS%20X')).json
        .totalCount,
    ).toBe(macOrWin);
    expect(
      (
        await get(
          '/api/systems?filter[or][0]=os:$eq:Windows&filter[or][1]=os:$eq:Mac%20OS%20X',
        )
      ).json.totalCount,
    ).toBe(macOrWin);
    const winFde = systems.filter(
      s => s.os === 'Windows' && (s.fde as any).active,
    ).length;
    expect(
      (
        await get(
          '/api/systems?filter[0]=os:$eq:Windows&filter[1]=fde.active:$eq:true',
        )
      ).json.totalCount,
    ).toBe(winFde);
    const never = systems.filter(s => s.lastContact === null).length;
    expect(
      (await get('/api/systems?filter=lastContact:$eq:null')).json.totalCount,
    ).toBe(never);
    const recent = systems.filter(
      s => s.lastContact !== null && (s.lastContact as string) >= '2026-10-25',
    ).length;
    expect(
      (await get('/api/systems?filter=lastContact:$gte:2026-10-25')).json
        .totalCount,
    ).toBe(recent);
    expect(
      (await get('/api/systems?filter=hostname:$sw:LAPTOP-')).json.totalCount,
    ).toBe(
      systems.filter(s => (s.hostname as string).startsWith('LAPTOP-')).length,
    );
    expect((await get('/api/systems?filter=hostname:$co:PTOP')).status).toBe(
      400,
    );
    expect(
      (
        await get('/api/systems?filter=hostname:$co:PTOP', {
          'x-eventually-consistent': 'true',
        })
      ).json.totalCount,
    ).toBeGreaterThan(0);
    expect((await get('/api/systems?filter=hostname:$bogus:x')).status).toBe(
      400,
    );
  });

  it('searches with POST bodies', async () => {
    const users = sim.dataset.orgs[0].users;
    const suspended = users.filter(u => u.state === 'SUSPENDED').length;
    const res = await call(sim.url, '/api/search/systemusers?limit=100', {
      key,
      body: { filter: [{ state: 'SUSPENDED' }], fields: 'username state' },
    });
    expect(res.json.totalCount).toBe(suspended);
    expect(Object.keys(res.json.results[0]).sort()).toEqual([
      '_id',
      'id',
      'state',
      'username',
    ]);
    const or = await call(sim.url, '/api/search/systemusers', {
      key,
      body: { filter: { or: [{ state: 'SUSPENDED' }, { state: 'STAGED' }] } },
    });
    expect(or.json.totalCount).toBe(
      users.filter(u => u.state !== 'ACTIVATED').length,
    );
    const target = users[5];
    const term = await call(sim.url, '/api/search/systemusers', {
      key,
      body: {
        searchFilter: {
          searchTerm: (target.username as string).toUpperCase(),
          fields: ['username'],
        },
      },
    });
    expect(term.json.results.map((u: any) => u._id)).toContain(target._id);
    const systems = await call(sim.url, '/api/search/systems', {
      key,
      body: {
        filter: { and: [{ os: 'Windows' }, { 'fde.active': { $eq: true } }] },
      },
    });
    expect(
      systems.json.results.every(
        (s: any) => s.os === 'Windows' && s.fde.active,
      ),
    ).toBe(true);
  });

  it('filters v2 lists, graph routes and System Insights with their restrictions', async () => {
    const allUsers = await get('/api/v2/usergroups?filter=name:eq:All%20Users');
    expect(allUsers.json).toHaveLength(1);
    const both = await get(
      '/api/v2/usergroups?filter=name:search:all,type:eq:user_group',
    );
    expect(both.json.length).toBeGreaterThanOrEqual(1);
    const repeated = await get(
      '/api/v2/usergroups?filter=name:search:all&filter=type:eq:user_group',
    );
    expect(repeated.json).toEqual(both.json);

    const user = sim.dataset.orgs[0].users.find(u => u.state === 'ACTIVATED')!;
    const memberOf = await get(
      `/api/v2/users/${user._id}/memberof?filter=type:eq:user_group`,
    );
    expect(memberOf.status).toBe(200);
    expect(
      (await get(`/api/v2/users/${user._id}/memberof?filter=name:eq:x`)).status,
    ).toBe(400);

    const si = sim.dataset.orgs[0].systems.filter(
      s => (s.systemInsights as any).state === 'enabled' && s.lastContact,
    );
    const ids = si.slice(0, 3).map(s => s._id as string);
    const rows = await get(
      `/api/v2/systeminsights/os_version?limit=100&filter=system_id:in:${ids.join(
        '|',
      )}`,
    );
    expect(rows.json.map((r: any) => r.system_id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(
      (await get('/api/v2/systeminsights/apps?filter=bundle_name:eq:Slack'))
        .status,
    ).toBe(200);
    expect(
      (await get('/api/v2/systeminsights/apps?filter=path:eq:/Applications'))
        .status,
    ).toBe(400);
    expect(
      (await get('/api/v2/systeminsights/apps?filter=system_id:ne:x')).status,
    ).toBe(400);
    expect((await get('/api/v2/systeminsights/not_a_table')).status).toBe(404);
  });

  it('counts dangling records in member totals, so pages come back short', async () => {
    const org = sim.dataset.orgs[0];
    const index = sim.dataset.index.get(org.id)!;
    const group = [...org.userGroups, ...org.systemGroups].find(g =>
      (index.membersOf.get(g.id as string) ?? []).some(
        e => !index.exists(e.to),
      ),
    )!;
    const path = group.type === 'user_group' ? 'usergroups' : 'systemgroups';
    const raw = index.membersOf.get(group.id as string)!;
    let returned = 0;
    for (let skip = 0; skip < raw.length; skip += 100) {
      const page = await get(
        `/api/v2/${path}/${group.id}/members?limit=100&skip=${skip}`,
      );
      expect(Number(page.headers.get('x-total-count'))).toBe(raw.length);
      returned += page.json.length;
      for (const m of page.json)
        expect(m.to).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            type: expect.any(String),
          }),
        );
    }
    expect(returned).toBeLessThan(raw.length);
  });

  it('answers malformed and unknown ids like JumpCloud', async () => {
    expect(await get('/api/systems/123')).toMatchObject({
      status: 400,
      json: { message: 'Bad Request: invalid object id "123"' },
    });
    expect((await get('/api/systems/aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(
      404,
    );
    expect(
      (await get('/api/v2/usergroups/aaaaaaaaaaaaaaaaaaaaaaaa/members')).status,
    ).toBe(404);
    expect((await get('/api/nothing-here')).status).toBe(404);
  });
});
