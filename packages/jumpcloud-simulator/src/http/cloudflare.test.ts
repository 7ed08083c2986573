import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';
import { CLOUDFLARE_STATUSES } from './cloudflare';

describe('Cloudflare HTML answers as injectable faults', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 2, now: '2026-11-01T00:00:00Z' });
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());
  const get = (path: string) => call(sim.url, path, { key: sim.keys.readOnly });

  it.each(CLOUDFLARE_STATUSES.map(s => [s]))(
    'answers %i with Cloudflare’s HTML page, not JumpCloud JSON',
    async status => {
      sim.control.addFault({ type: 'cloudflare', status });
      const res = await get('/api/systems');
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('server')).toBe('cloudflare');
      expect(res.headers.get('cf-ray')).toMatch(/^[0-9a-f]{16}-[A-Z]{3}$/);
      expect(res.headers.get('retry-after')).toBeNull();
      expect(res.json).toBeUndefined();
      expect(res.text).toContain('Cloudflare Ray ID');
      const code =
        ({ 403: '1020', 429: '1015' } as Record<number, string>)[status] ??
        String(status);
      expect(res.text).toContain(`cf-error-code">${code}<`);
      // One request only: the next one reaches JumpCloud again.
      const next = await get('/api/systems');
      expect(next.status).toBe(200);
      expect(next.headers.get('server')).toBe('nginx');
    },
  );

  it('sends Retry-After only when the fault asks for it, on the paths it names', async () => {
    sim.control.addFault({
      type: 'cloudflare',
      status: 429,
      retryAfterSeconds: 7,
      pathPrefix: '/api/v2',
      times: 2,
    });
    expect((await get('/api/systems')).status).toBe(200);
    const limited = await get('/api/v2/usergroups');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await get('/api/v2/policies')).status).toBe(429);
    expect((await get('/api/v2/policies')).status).toBe(200);
  });

  it('refuses a status Cloudflare does not answer itself', async () => {
    const res = await call(sim.url, '/__simulator/faults', {
      body: { type: 'cloudflare', status: 500 },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('403, 429, 502, 503, 520');
  });
});
