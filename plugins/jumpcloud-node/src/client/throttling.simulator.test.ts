import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import { drain } from '../__testUtils__/reads';

describe('429 without Retry-After (JumpCloud sends none)', () => {
  const simulator = useSimulator({ size: SIZES.S });

  it('slows every request of the client down to the real limit, not only the retried ones', async () => {
    const sim = simulator();
    // The key's real limit is a third of what the client is configured for,
    // and JumpCloud answers 429 without saying when to come back.
    sim.control.setRateLimit({ perSecond: 10, retryAfter: false });
    sim.control.resetCounters();
    const client = clientFor(sim, {
      requestsPerSecond: 30,
      maxConcurrency: 4,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 2_000,
    });
    const started = Date.now();
    const reads = await Promise.all(
      Array.from({ length: 60 }, () => drain(client.admins())),
    );
    const wallMs = Date.now() - started;

    expect(reads.every(admins => admins.length > 0)).toBe(true);
    const counters = sim.control.counters();
    expect(counters.byStatus['200']).toBe(60);
    // A client retrying each 429 on its own schedule keeps sending at 30/s:
    // two requests in three are refused. Slowing everyone down after the
    // first 429s keeps them to a handful.
    expect(client.stats.rateLimited).toBeLessThanOrEqual(15);
    expect(client.requestRate.cuts).toBeGreaterThan(0);
    expect(client.requestRate.current).toBeLessThan(20);
    // 60 requests at 10/s, the simulator's one-second burst included.
    expect(wallMs).toBeGreaterThanOrEqual(4_500);
    expect(wallMs).toBeLessThan(12_000);
  }, 30_000);

  it('recovers the configured rate once the limit is gone', async () => {
    const sim = simulator();
    sim.control.setRateLimit({ perSecond: 15, retryAfter: false });
    const client = clientFor(sim, {
      requestsPerSecond: 60,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 1_000,
    });
    await Promise.all(Array.from({ length: 40 }, () => drain(client.admins())));
    const throttled = client.requestRate.current;
    expect(throttled).toBeLessThan(40);
    sim.control.setRateLimit(null);
    // Successes add the rate back gradually (configured / 60 per second of
    // successful requests at the current rate): about 1/s here.
    await Promise.all(Array.from({ length: 60 }, () => drain(client.admins())));
    expect(client.requestRate.current).toBeGreaterThan(throttled + 2);
    expect(client.requestRate.current).toBeLessThanOrEqual(60);
  }, 30_000);

  it("Test Connection's quick probes wait out throttling instead of calling a capability failed", async () => {
    const sim = simulator();
    sim.control.setRateLimit({ perSecond: 3, retryAfter: false });
    // Probes retry other errors once at most, but a 429 is the credential's
    // pace, not the capability's state.
    const client = clientFor(sim, {
      requestsPerSecond: 30,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 1_000,
    });
    const result = await client.testConnection();
    expect(client.stats.rateLimited).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
    expect(result.limited).toBe(false);
    expect(
      Object.entries(result.capabilities)
        .filter(([, c]) => c?.state !== 'available')
        .map(([name]) => name),
    ).toEqual([]);
  }, 60_000);
});
