import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

const NOW = '2026-11-01T00:00:00Z';
const DAY = 86_400_000;

describe('churn: data that moves while a client pages', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 12, now: NOW });
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());
  const get = (path: string) => call(sim.url, path, { key: sim.keys.readOnly });
  const org = () => sim.dataset.orgs[0];

  /** Pages /api/systemusers; returns every page's total and ids. */
  async function readUsers(s: StartedSimulator, limit: number) {
    const pages: Array<{ total: number; ids: string[] }> = [];
    for (
      let skip = 0;
      pages.length === 0 || skip < pages.at(-1)!.total;
      skip += limit
    ) {
      const res = await call(
        s.url,
        `/api/systemusers?limit=${limit}&skip=${skip}&sort=_id&fields=username`,
        { key: s.keys.readOnly },
      );
      pages.push({
        total: res.json.totalCount,
        ids: res.json.results.map((u: any) => u._id),
      });
    }
    return pages;
  }

  it('creates and deletes users between pages, then settles after the last page', async () => {
    sim.control.setChurn({ usersCreatedPerPage: 4, usersDeletedPerPage: 2 });
    const before = new Set(org().users.map(u => u._id as string));
    const pages = await readUsers(sim, 30);
    const totals = pages.map(p => p.total);
    expect(totals[1]).toBe(totals[0] + 2);
    expect(new Set(totals).size).toBeGreaterThan(1);
    // New users have the newest ids: a read sorted by _id meets them last.
    const created = org()
      .users.map(u => u._id as string)
      .filter(id => !before.has(id));
    expect(created.length).toBe(4 * (pages.length - 1));
    expect(pages.at(-1)!.ids).toEqual(
      expect.arrayContaining(created.slice(0, 4)),
    );
    // Deletions shift positions: the read misses users that exist throughout.
    const seen = new Set(pages.flatMap(p => p.ids));
    const kept = org()
      .users.map(u => u._id as string)
      .filter(id => before.has(id));
    expect(kept.filter(id => !seen.has(id)).length).toBeGreaterThan(0);
    // Nothing moves after the last page.
    expect(org().users.length).toBe(pages.at(-1)!.total);
    expect(org().users.length).toBe(
      before.size + created.length - 2 * (pages.length - 1),
    );
  });

  it('repeats: the same reads give the same users', async () => {
    const churn = { usersCreatedPerPage: 3, usersDeletedPerPage: 3 };
    const other = await startSimulator({ seed: 12, now: NOW, churn });
    try {
      sim.control.setChurn(churn);
      const a = await readUsers(sim, 25);
      const b = await readUsers(other, 25);
      expect(a).toEqual(b);
      expect(org().users.map(u => u.username)).toEqual(
        other.dataset.orgs[0].users.map(u => u.username),
      );
    } finally {
      await other.close();
    }
  });

  it('rewrites System Insights rows: deleted after one page, back with a newer collection_time after the next', async () => {
    sim.control.setChurn({ systemInsightsDevicesPerPage: 3 });
    const path = '/api/v2/systeminsights/os_version?limit=10';
    const first = await get(path);
    const total = Number(first.headers.get('x-total-count'));
    const second = await get(`${path}&skip=10`);
    expect(Number(second.headers.get('x-total-count'))).toBe(total - 3);
    const third = await get(`${path}&skip=20`);
    expect(Number(third.headers.get('x-total-count'))).toBe(total - 3);
    const all = (await get('/api/v2/systeminsights/os_version?limit=10000'))
      .json;
    expect(all).toHaveLength(total - 3);
    // The three deleted after page 1 came back at the end, newer than any other row.
    const tail = all.slice(-3);
    const newest = tail[0].collection_time;
    expect(Date.parse(newest)).toBeGreaterThan(Date.parse(NOW));
    expect(tail.every((r: any) => r.collection_time === newest)).toBe(true);
    expect(all.slice(0, -3).every((r: any) => r.collection_time < newest)).toBe(
      true,
    );
    // A one-page read does not move the table.
    const settled = Number(
      (await get('/api/v2/systeminsights/os_version?limit=10000')).headers.get(
        'x-total-count',
      ),
    );
    expect(settled).toBe(all.length);
  });

  it('lets Directory Insights events arrive inside the queried window between pages', async () => {
    sim.control.setChurn({ eventsPerPage: 5 });
    const window = {
      service: ['all'],
      start_time: new Date(Date.parse(NOW) - 30 * DAY).toISOString(),
      end_time: new Date(Date.parse(NOW) - 10 * DAY).toISOString(),
    };
    const count = async () =>
      (
        await call(sim.url, '/insights/directory/v1/events/count', {
          key: sim.keys.readOnly,
          body: window,
        })
      ).json.count;
    const before = await count();
    expect(before).toBeGreaterThan(20);
    const ids = new Set(org().events.map(e => e.id));
    const page = await call(sim.url, '/insights/directory/v1/events', {
      key: sim.keys.readOnly,
      body: { ...window, limit: 20 },
    });
    expect(page.json).toHaveLength(20);
    expect(await count()).toBe(before + 5);
    const arrived = org().events.filter(e => !ids.has(e.id));
    expect(arrived).toHaveLength(5);
    for (const e of arrived) {
      const ts = Date.parse(e.timestamp as string);
      expect(ts).toBeGreaterThanOrEqual(Date.parse(window.start_time));
      expect(ts).toBeLessThanOrEqual(Date.parse(window.end_time));
    }
    // A last (short) page brings no more events.
    await call(sim.url, '/insights/directory/v1/events', {
      key: sim.keys.readOnly,
      body: { ...window, limit: 10_000 },
    });
    expect(await count()).toBe(before + 5);
  });

  it('moves nothing without churn (the default, kind organisation)', async () => {
    const totals = new Set<number>();
    for (let skip = 0; skip < 80; skip += 20)
      totals.add(
        (await get(`/api/systemusers?limit=20&skip=${skip}`)).json.totalCount,
      );
    expect(totals.size).toBe(1);
    const control = await call(sim.url, '/__simulator/churn', {
      method: 'PUT',
      body: { usersCreatedPerPage: 1 },
    });
    expect(control.json.churn).toEqual({ usersCreatedPerPage: 1 });
    const t0 = (await get('/api/systemusers?limit=20')).json.totalCount;
    expect(
      (await get('/api/systemusers?limit=20&skip=20')).json.totalCount,
    ).toBe(t0 + 1);
    expect(
      (
        await call(sim.url, '/__simulator/churn', {
          method: 'PUT',
          body: { usersCreatedPerPage: -1 },
        })
      ).status,
    ).toBe(400);
  });
});

describe('Directory Insights retention', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 12, now: NOW });
  });
  afterAll(() => sim.close());

  it('keeps 90 days: a window starting at or before the edge gets only what is retained', async () => {
    const edge = Date.parse(NOW) - 90 * DAY;
    const events = sim.dataset.orgs[0].events;
    const template = events[0];
    // Older events still in the store (as if not yet purged) must not be served.
    events.unshift(
      {
        ...template,
        id: 'a'.repeat(24),
        timestamp: new Date(edge - 5 * DAY).toISOString(),
      },
      {
        ...template,
        id: 'b'.repeat(24),
        timestamp: new Date(edge - 1).toISOString(),
      },
    );
    events.push({
      ...template,
      id: 'c'.repeat(24),
      timestamp: new Date(edge).toISOString(),
    });
    events.sort(
      (x, y) =>
        Date.parse(x.timestamp as string) - Date.parse(y.timestamp as string),
    );
    const query = (start: number) =>
      call(sim.url, '/insights/directory/v1/events', {
        key: sim.keys.readOnly,
        body: {
          service: ['all'],
          start_time: new Date(start).toISOString(),
          limit: 10_000,
        },
      });
    const before = await query(edge - 30 * DAY);
    const atEdge = await query(edge);
    const ids = before.json.map((e: any) => e.id);
    expect(ids).not.toContain('a'.repeat(24));
    expect(ids).not.toContain('b'.repeat(24));
    expect(ids).toContain('c'.repeat(24));
    expect(ids).toEqual(atEdge.json.map((e: any) => e.id));
    expect(before.json.length).toBe(
      events.filter(e => Date.parse(e.timestamp as string) >= edge).length,
    );
    const count = await call(sim.url, '/insights/directory/v1/events/count', {
      key: sim.keys.readOnly,
      body: {
        service: ['all'],
        start_time: new Date(edge - 30 * DAY).toISOString(),
      },
    });
    expect(count.json.count).toBe(before.json.length);
  });
});
