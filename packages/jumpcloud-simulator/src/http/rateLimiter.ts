import type { RateLimitOptions } from '../types';

/** A token bucket per key label (burst = one second's worth, at least one request). */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private options: RateLimitOptions | null) {}

  configure(options: RateLimitOptions | null): void {
    this.options = options;
    this.buckets.clear();
  }

  get settings(): RateLimitOptions | null {
    return this.options;
  }

  /** Returns null when allowed, else the seconds until a token is available. */
  check(bucket: string, nowMs = Date.now()): number | null {
    if (!this.options || this.options.perSecond <= 0) return null;
    const rate = this.options.perSecond;
    const capacity = Math.max(1, rate);
    const state = this.buckets.get(bucket) ?? { tokens: capacity, at: nowMs };
    state.tokens = Math.min(
      capacity,
      state.tokens + ((nowMs - state.at) / 1000) * rate,
    );
    state.at = nowMs;
    this.buckets.set(bucket, state);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - state.tokens) / rate));
  }
}
