import pLimit from 'p-limit';
import { TokenBucket } from 'limiter';
import { JumpCloudError } from '../JumpCloudError';
import { abortableDelay, throwIfAborted } from './abort';
import { AdaptiveRate, AdaptiveRateOptions } from './adaptiveRate';

interface RequestSchedulerOptions {
  maxConcurrency: number;
  /** The configured rate: the ceiling the adaptive rate never exceeds. */
  requestsPerSecond: number;
  /** Tuning of the adaptive rate (tests, benchmarks). */
  adaptive?: Omit<AdaptiveRateOptions, 'maxRate'>;
}

/**
 * Tokens the bucket may hold: a quarter second's worth, 1 to 5. With a
 * bucket of 1, every late timer (a busy event loop) is capacity lost for
 * good; a few tokens absorb that drift while bursts stay far below the
 * one second's worth servers allow.
 */
export function burstFor(requestsPerSecond: number): number {
  return Math.min(5, Math.max(1, Math.round(requestsPerSecond / 4)));
}

/** A 429: the server says this credential goes too fast. */
function isThrottle(error: unknown): boolean {
  return error instanceof JumpCloudError && error.kind === 'rate_limited';
}

/**
 * Admits requests under two caps shared by every call of one client (one
 * credential): at most `maxConcurrency` in flight, and a steady rate (a
 * token bucket from `limiter`: requests are spaced evenly, bursts stay
 * within `burstFor`).
 *
 * The rate adapts (AIMD, see AdaptiveRate): it starts at
 * `requestsPerSecond`, every 429 cuts it for every request of the client,
 * not only the one retried, and successes bring it back gradually. JumpCloud
 * sends no Retry-After, so this is how the client finds the key's real
 * limit. A 429 with Retry-After also pauses admission for everyone.
 */
export class RequestScheduler {
  private readonly limit: pLimit.Limit;
  private readonly bucket: TokenBucket;
  private readonly adaptive: AdaptiveRate;
  private pausedUntil = 0;

  constructor(options: RequestSchedulerOptions) {
    if (!(options.maxConcurrency >= 1)) {
      throw new RangeError('maxConcurrency must be at least 1');
    }
    if (!(options.requestsPerSecond > 0)) {
      throw new RangeError('requestsPerSecond must be positive');
    }
    this.limit = pLimit(Math.floor(options.maxConcurrency));
    this.adaptive = new AdaptiveRate({
      ...options.adaptive,
      maxRate: options.requestsPerSecond,
    });
    this.bucket = new TokenBucket({
      bucketSize: burstFor(options.requestsPerSecond),
      tokensPerInterval: options.requestsPerSecond,
      interval: 'second',
    });
  }

  /** Runs `send` once admitted; the slot is held only while it runs. */
  run<T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limit(async () => {
      throwIfAborted(signal);
      await this.waitWhilePaused(signal);
      await this.bucket.removeTokens(1);
      throwIfAborted(signal);
      const admittedAt = this.adaptive.stamp();
      let result: T;
      try {
        result = await send();
      } catch (error) {
        if (isThrottle(error) && this.adaptive.throttled(admittedAt)) {
          this.applyRate(true);
        }
        throw error;
      }
      if (this.adaptive.succeeded()) this.applyRate(false);
      return result;
    });
  }

  /** Holds back every request until `ms` from now (Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Requests waiting for a slot (for diagnostics). */
  get pending(): number {
    return this.limit.pendingCount;
  }

  /** The rate admitted now (requests per second), after 429s and recovery. */
  get currentRate(): number {
    return this.adaptive.rate;
  }

  /** Times a 429 cut the rate. */
  get rateDecreases(): number {
    return this.adaptive.decreases;
  }

  /**
   * The token bucket follows the adaptive rate. Tokens dripped so far count
   * at the old rate; after a cut the saved-up burst is dropped, so the
   * slower pace starts with the very next request.
   */
  private applyRate(cut: boolean): void {
    const rate = this.adaptive.rate;
    this.bucket.drip();
    this.bucket.tokensPerInterval = rate;
    this.bucket.bucketSize = burstFor(rate);
    this.bucket.content = cut
      ? 0
      : Math.min(this.bucket.content, this.bucket.bucketSize);
  }

  private async waitWhilePaused(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - Date.now();
      if (wait <= 0) return;
      await abortableDelay(wait, signal);
    }
  }
}
