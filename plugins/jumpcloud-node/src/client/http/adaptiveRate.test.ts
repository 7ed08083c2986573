import { AdaptiveRate } from './adaptiveRate';

describe('AdaptiveRate', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('starts at the configured rate and never exceeds it', () => {
    const rate = new AdaptiveRate({ maxRate: 30 });
    expect(rate.rate).toBe(30);
    expect(rate.succeeded()).toBe(false);
    expect(rate.rate).toBe(30);
  });

  it('cuts the rate multiplicatively once per round of 429s', () => {
    const time = clock();
    const rate = new AdaptiveRate({ maxRate: 30, now: time.now });
    const before = rate.stamp();
    time.advance(10);
    // Several requests sent at the old rate come back 429: one cut.
    expect(rate.throttled(before)).toBe(true);
    expect(rate.throttled(before)).toBe(false);
    expect(rate.throttled(before)).toBe(false);
    expect(rate.rate).toBeCloseTo(21);
    // A request admitted after the cut, throttled again: a second cut.
    time.advance(10);
    const after = rate.stamp();
    expect(rate.throttled(after)).toBe(true);
    expect(rate.rate).toBeCloseTo(14.7);
    expect(rate.decreases).toBe(2);
  });

  it('never goes below the floor', () => {
    const time = clock();
    const rate = new AdaptiveRate({ maxRate: 10, minRate: 1, now: time.now });
    for (let i = 0; i < 50; i++) {
      time.advance(1);
      rate.throttled(rate.stamp());
    }
    expect(rate.rate).toBe(1);
  });

  it('recovers additively: increasePerSecond per second of successes', () => {
    const time = clock();
    const rate = new AdaptiveRate({
      maxRate: 60,
      increasePerSecond: 1,
      now: time.now,
    });
    rate.throttled(rate.stamp());
    const cut = rate.rate;
    // One second of successes at the current rate (rate successes).
    const successes = Math.round(cut);
    for (let i = 0; i < successes; i++) rate.succeeded();
    expect(rate.rate - cut).toBeGreaterThan(0.9);
    expect(rate.rate - cut).toBeLessThan(1.1);
    for (let i = 0; i < 10_000; i++) rate.succeeded();
    expect(rate.rate).toBe(60);
  });
});
