import { startSimulator, type StartedSimulator } from './index';
import { call } from './__testUtils__/call';

/** Reads a list page by page; returns every item as a comparable string. */
async function readAll(
  sim: StartedSimulator,
  path: string,
  limit: number,
  envelope: 'v1' | 'v2',
  identity: (item: any) => string,
): Promise<{ seen: string[]; total: number }> {
  const seen: string[] = [];
  let total = Infinity;
  for (let skip = 0; skip < total; skip += limit) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(
      sim.url,
      `${path}${sep}limit=${limit}&skip=${skip}`,
      {
        key: sim.keys.readOnly,
      },
    );
    expect(res.status).toBe(200);
    const items = envelope === 'v1' ? res.json.results : res.json;
    total =
      envelope === 'v1'
        ? res.json.totalCount
        : Number(res.headers.get('x-total-count'));
    seen.push(...items.map(identity));
  }
  return { seen, total };
}

const duplicatesAndMisses = (seen: string[], all: string[]) => {
  const once = new Set(seen);
  return {
    duplicates: seen.length - once.size,
    missed: all.filter(x => !once.has(x)).length,
  };
};

describe('sorting like a real database', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 8, now: '2026-11-01T00:00:00Z' });
  });
  afterAll(() => sim.close());
  const get = (path: string) => call(sim.url, path, { key: sim.keys.readOnly });
  const row = (r: any) => JSON.stringify(r);

  it('leaves ties on a non-unique System Insights sort unordered, so skip-paging duplicates and misses rows', async () => {
    const all = (await get('/api/v2/systeminsights/users?limit=10000')).json;
    const devices = new Set(all.map((r: any) => r.system_id));
    expect(all.length).toBeGreaterThan(devices.size); // several rows per device
    const path = '/api/v2/systeminsights/users?sort=system_id';
    const first = await readAll(sim, path, 7, 'v2', row);
    expect(first.total).toBe(all.length);
    const { duplicates, missed } = duplicatesAndMisses(
      first.seen,
      all.map(row),
    );
    expect(duplicates + missed).toBeGreaterThan(0);
    expect(duplicates).toBe(missed); // same count of rows, some twice, some never
    // Within a page the sort itself holds.
    const page = (await get(`${path}&limit=50&skip=10`)).json;
    const ids = page.map((r: any) => r.system_id);
    expect(ids).toEqual([...ids].sort());
    // Seeded: the same reads give the same pages.
    expect((await readAll(sim, path, 7, 'v2', row)).seen).toEqual(first.seen);
  });

  it('orders tied rows differently at different skips, not by id', async () => {
    const tied = (skip: number) =>
      get(`/api/systems?sort=os&limit=100&skip=${skip}`).then(r =>
        r.json.results.map((s: any) => s._id),
      );
    // Stable (natural, id) order of the ties: what the simulator used to send.
    const natural = sim.dataset.orgs[0].systems
      .map((s, i) => ({ id: s._id, os: s.os as string, i }))
      .sort((a, b) => Number(a.os > b.os) - Number(a.os < b.os) || a.i - b.i)
      .map(s => s.id);
    const page0 = await tied(0);
    expect(page0).not.toEqual(natural.slice(0, 100));
    expect(await tied(0)).toEqual(page0);
    const page1 = (await tied(1)).slice(0, -1);
    expect(page1).not.toEqual(page0.slice(1));
  });

  it('pages a sort that includes a unique field stably: every record exactly once', async () => {
    const systems = sim.dataset.orgs[0].systems.map(s => s._id as string);
    const v1 = await readAll(
      sim,
      '/api/systems?sort=os%20_id',
      7,
      'v1',
      s => s._id,
    );
    expect(v1.seen.sort()).toEqual([...systems].sort());
    const groups = await readAll(
      sim,
      '/api/v2/usergroups?sort=type,-id',
      3,
      'v2',
      g => g.id,
    );
    expect(new Set(groups.seen).size).toBe(groups.seen.length);
    expect(groups.seen.length).toBe(sim.dataset.orgs[0].userGroups.length);
  });

  it('answers 400 with JumpCloud body for a sort field the records do not have', async () => {
    for (const path of [
      '/api/systems?sort=hostnme',
      '/api/systems?sort=-bogus%20_id',
      '/api/v2/usergroups?sort=name,nope',
      '/api/v2/systeminsights/os_version?sort=system_id,colour',
      '/api/v2/policies?sort=-nope',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.json.message).toMatch(
        /^Bad Request: invalid sort field "-?[a-z]+"$/,
      );
    }
    expect((await get('/api/systems?sort=fde.active%20_id')).status).toBe(200);
  });

  it('ignores sort and fields where the route does not take them', async () => {
    const user = sim.dataset.orgs[0].users.find(u => u.state === 'ACTIVATED')!;
    expect(
      (await get(`/api/v2/users/${user._id}/systems?sort=bogus`)).status,
    ).toBe(200);
    expect((await get('/api/v2/applemdms?sort=bogus')).status).toBe(200);
    const search = await call(sim.url, '/api/search/systems?sort=bogus', {
      key: sim.keys.readOnly,
      body: { filter: [{ os: 'Windows' }] },
    });
    expect(search.status).toBe(200);
    const authn = await get('/api/v2/authn/policies?fields=name');
    expect(Object.keys(authn.json[0])).toEqual(
      expect.arrayContaining(['id', 'name', 'type', 'effect']),
    );
  });
});
