import { burstFor, RequestScheduler } from './RequestScheduler';
import { JumpCloudError } from '../JumpCloudError';

describe('RequestScheduler', () => {
  it('keeps every window under the rate cap (plus a small burst)', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 10,
      requestsPerSecond: 20,
    });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 30 }, () =>
        scheduler.run(async () => {
          started.push(Date.now() - t0);
        }),
      ),
    );
    started.sort((a, b) => a - b);
    // The n-th request never starts before (n - burst) / rate seconds.
    const burst = burstFor(20);
    started.forEach((at, index) => {
      expect(at).toBeGreaterThanOrEqual(((index + 1 - burst) / 20) * 1000 - 5);
    });
    expect(started[started.length - 1]).toBeGreaterThanOrEqual(1200);
  });

  it('caps requests in flight', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 2,
      requestsPerSecond: 1000,
    });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        scheduler.run(async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise(resolve => setTimeout(resolve, 20));
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('holds everyone back while paused (Retry-After)', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 4,
      requestsPerSecond: 1000,
    });
    scheduler.pauseFor(300);
    const t0 = Date.now();
    await scheduler.run(async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('rejects queued work once cancelled', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 1,
      requestsPerSecond: 1000,
    });
    const controller = new AbortController();
    scheduler.pauseFor(10_000);
    const pending = scheduler.run(async () => 'ran', controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('burstFor', () => {
  it('holds a quarter second of tokens, 1 to 5', () => {
    expect(burstFor(1)).toBe(1);
    expect(burstFor(15)).toBe(4);
    expect(burstFor(20)).toBe(5);
    expect(burstFor(500)).toBe(5);
  });
});

describe('RequestScheduler adaptive rate', () => {
  const throttle = () =>
    Promise.reject(
      new JumpCloudError('rate_limited', 'Too Many Requests', { status: 429 }),
    );

  it('slows every request after a 429, not only the one that got it', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 4,
      requestsPerSecond: 50,
      adaptive: { decreaseFactor: 0.2, increasePerSecond: 0.1 },
    });
    await expect(scheduler.run(throttle)).rejects.toMatchObject({
      kind: 'rate_limited',
    });
    expect(scheduler.currentRate).toBeCloseTo(10);
    expect(scheduler.rateDecreases).toBe(1);
    // Other requests now go at about 10/s instead of 50/s.
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 6 }, () => scheduler.run(async () => undefined)),
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
  });

  it('other failures leave the rate alone', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 4,
      requestsPerSecond: 50,
    });
    await expect(
      scheduler.run(() =>
        Promise.reject(new JumpCloudError('unavailable', 'HTTP 503')),
      ),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(scheduler.currentRate).toBe(50);
  });
});
