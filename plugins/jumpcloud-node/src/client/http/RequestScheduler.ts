import pLimit from 'p-limit';
import { TokenBucket } from 'limiter';
import { abortableDelay, throwIfAborted } from './abort';

export interface RequestSchedulerOptions {
  maxConcurrency: number;
  requestsPerSecond: number;
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

/**
 * Admits requests under two caps shared by every call of one client: at most
 * `maxConcurrency` in flight, and a steady `requestsPerSecond` (a token
 * bucket from `limiter`: requests are spaced evenly, bursts stay within
 * `burstFor`). A 429 with Retry-After pauses admission for everyone.
 */
export class RequestScheduler {
  private readonly limit: pLimit.Limit;
  private readonly bucket: TokenBucket;
  private pausedUntil = 0;

  constructor(options: RequestSchedulerOptions) {
    if (!(options.maxConcurrency >= 1)) {
      throw new RangeError('maxConcurrency must be at least 1');
    }
    if (!(options.requestsPerSecond > 0)) {
      throw new RangeError('requestsPerSecond must be positive');
    }
    this.limit = pLimit(Math.floor(options.maxConcurrency));
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
      return send();
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

  private async waitWhilePaused(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - Date.now();
      if (wait <= 0) return;
      await abortableDelay(wait, signal);
    }
  }
}
