import { startSimulator, type StartedSimulator } from './index';
import { call } from './__testUtils__/call';

describe('fault injection, rate limit, latency and counters', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, now: '2026-11-01T00:00:00Z' });
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());
  const get = (path: string, key = sim.keys.readOnly) =>
    call(sim.url, path, { key });

  it('injects a burst of 5xx responses, then recovers', async () => {
    sim.control.addFault({
      type: 'status',
      status: 503,
      times: 2,
      retryAfterSeconds: 3,
    });
    const first = await get('/api/systems');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await get('/api/systems')).status).toBe(503);
    expect((await get('/api/systems')).status).toBe(200);
  });

  it('answers a 502 at request N with the edge HTML page, only on matching paths', async () => {
    const before = sim.control.counters().total;
    await call(sim.url, '/__simulator/faults', {
      body: {
        type: 'status',
        status: 502,
        atRequest: before + 3,
        pathPrefix: '/api/v2',
      },
    });
    expect((await get('/api/v2/usergroups')).status).toBe(200); // N+1
    expect((await get('/api/systems')).status).toBe(200); // N+2
    expect((await get('/api/systems')).status).toBe(200); // N+3 but path does not match
    const bad = await get('/api/v2/usergroups'); // N+4
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toContain('text/html');
    expect((await get('/api/v2/usergroups')).status).toBe(200);
  });

  it('slows responses down', async () => {
    sim.control.addFault({ type: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await get('/api/systems?limit=1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('truncates bodies and sends malformed JSON', async () => {
    sim.control.addFault({ type: 'truncated' });
    await expect(get('/api/systems?limit=50')).rejects.toThrow();
    sim.control.addFault({ type: 'malformed' });
    const malformed = await get('/api/systems?limit=5');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect((await get('/api/systems?limit=5')).json.results).toHaveLength(5);
  });

  it('returns short pages before the end while totals stay right', async () => {
    sim.control.addFault({ type: 'shortPages', times: 0 });
    const total = sim.dataset.orgs[0].systems.length;
    const page = await get('/api/systems?limit=20');
    expect(page.json.totalCount).toBe(total);
    expect(page.json.results.length).toBeLessThan(20);
    const last = await get(`/api/systems?limit=20&skip=${total - 5}`);
    expect(last.json.results).toHaveLength(5);
  });

  it('revokes a key at request N', async () => {
    const n = sim.control.counters().total;
    sim.control.addFault({
      type: 'revokeKey',
      key: sim.keys.readOnly,
      atRequest: n + 2,
    });
    expect((await get('/api/systems')).status).toBe(200);
    expect((await get('/api/systems')).status).toBe(401);
    expect((await get('/api/systems', sim.keys.admin)).status).toBe(200);
  });

  it('rejects invalid faults with a 400', async () => {
    const res = await call(sim.url, '/__simulator/faults', {
      body: { type: 'explode' },
    });
    expect(res.status).toBe(400);
    expect(
      (await call(sim.url, '/__simulator/faults', { body: { type: 'status' } }))
        .status,
    ).toBe(400);
  });

  it('rate-limits per key with 429 and an optional Retry-After', async () => {
    sim.control.setRateLimit({ perSecond: 1, retryAfter: true });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => get('/api/systems?limit=1')),
    );
    const limited = results.filter(r => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0].json).toEqual({ message: 'Too Many Requests' });
    expect(limited[0].headers.get('retry-after')).toBe('1');
    // Another key has its own bucket.
    expect((await get('/api/systems?limit=1', sim.keys.admin)).status).toBe(
      200,
    );
    sim.control.setRateLimit({ perSecond: 0.1 });
    await get('/api/systems?limit=1');
    const noHeader = await get('/api/systems?limit=1');
    expect(noHeader.status).toBe(429);
    expect(noHeader.headers.get('retry-after')).toBeNull();
    expect(sim.control.counters().rateLimited).toBeGreaterThanOrEqual(3);
  });

  it('adds latency with jitter', async () => {
    await call(sim.url, '/__simulator/latency', {
      method: 'PUT',
      body: { latencyMs: 150, jitterMs: 50 },
    });
    const started = Date.now();
    await get('/api/systems?limit=1');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(5000);
  });

  it('counts requests by route, status and key label (never the key)', async () => {
    sim.control.resetCounters();
    await get('/api/systems');
    await get(`/api/systems/${sim.dataset.orgs[0].systems[0]._id}`);
    await get('/api/systems', 'bad-key');
    const res = await call(sim.url, '/__simulator/counters');
    expect(res.json.total).toBe(3);
    expect(res.json.byRoute['GET /api/systems']).toBe(2);
    expect(res.json.byRoute['GET /api/systems/:id']).toBe(1);
    expect(res.json.byStatus).toEqual({ '200': 2, '401': 1 });
    expect(res.json.byKey).toEqual({ readOnly: 2, unknown: 1 });
    expect(res.text).not.toContain(sim.keys.readOnly);
  });
});
