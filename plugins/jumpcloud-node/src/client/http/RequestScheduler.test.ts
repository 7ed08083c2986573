import { RequestScheduler } from './RequestScheduler';

describe('RequestScheduler', () => {
  it('spaces requests to the rate cap', async () => {
    const scheduler = new RequestScheduler({
      maxConcurrency: 10,
      requestsPerSecond: 20,
    });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        scheduler.run(async () => {
          started.push(Date.now() - t0);
        }),
      ),
    );
    // 10 requests at 20/s: the last one no earlier than ~450 ms.
    expect(Math.max(...started)).toBeGreaterThanOrEqual(430);
    const gaps = started
      .sort((a, b) => a - b)
      .slice(1)
      .map((t, i) => t - started[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
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
