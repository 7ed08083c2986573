/**
 * Options of the adaptive request rate. Defaults suit a JumpCloud key whose
 * real limit is unknown and unannounced (no rate-limit headers, no
 * Retry-After: jumpcloud-api.md §4.3, §10).
 */
export interface AdaptiveRateOptions {
  /** The configured rate, never exceeded (requests per second). */
  maxRate: number;
  /** The lowest rate a run of 429s can bring it to. Default maxRate / 50, at least 0.2. */
  minRate?: number;
  /** Factor applied on a 429 (multiplicative decrease). Default 0.7. */
  decreaseFactor?: number;
  /**
   * Requests per second regained per second of successful requests at the
   * current rate (additive increase). Default maxRate / 60, at least 0.1:
   * from a third of the configured rate back to all of it in about 40 s.
   */
  increasePerSecond?: number;
  /** Clock (tests). */
  now?: () => number;
}

/**
 * AIMD (additive increase, multiplicative decrease) of one credential's
 * request rate, as TCP finds a link's capacity: every 429 cuts the rate by
 * `decreaseFactor`, every success adds a little back, so the rate settles
 * just under the server's real limit and follows it when it moves.
 *
 * A 429 is counted once per round: responses to requests admitted before
 * the last decrease were sent at the old rate and say nothing new, so they
 * do not cut it again (a burst of 429s from one overshoot is one signal).
 */
export class AdaptiveRate {
  readonly maxRate: number;
  readonly minRate: number;
  private readonly decreaseFactor: number;
  private readonly increasePerSecond: number;
  private readonly now: () => number;
  private current: number;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private decreaseCount = 0;

  constructor(options: AdaptiveRateOptions) {
    if (!(options.maxRate > 0)) {
      throw new RangeError('maxRate must be positive');
    }
    this.maxRate = options.maxRate;
    this.minRate = Math.min(
      this.maxRate,
      options.minRate ?? Math.max(0.2, this.maxRate / 50),
    );
    this.decreaseFactor = options.decreaseFactor ?? 0.7;
    if (!(this.decreaseFactor > 0 && this.decreaseFactor < 1)) {
      throw new RangeError('decreaseFactor must be between 0 and 1');
    }
    this.increasePerSecond =
      options.increasePerSecond ?? Math.max(0.1, this.maxRate / 60);
    this.now = options.now ?? (() => performance.now());
    this.current = this.maxRate;
  }

  /** Requests per second to admit now. */
  get rate(): number {
    return this.current;
  }

  /** Times the rate was cut. */
  get decreases(): number {
    return this.decreaseCount;
  }

  /** A timestamp to pass back to `throttled` for a request admitted now. */
  stamp(): number {
    return this.now();
  }

  /**
   * A request admitted at `admittedAt` was answered 429. Returns true when
   * the rate was cut (false for a response to a request of an older round).
   */
  throttled(admittedAt: number): boolean {
    if (admittedAt < this.lastDecreaseAt) return false;
    this.current = Math.max(this.minRate, this.current * this.decreaseFactor);
    this.lastDecreaseAt = this.now();
    this.decreaseCount += 1;
    return true;
  }

  /**
   * A request succeeded. At a steady `rate` successes per second, each adds
   * increasePerSecond / rate: increasePerSecond per second in all. Idle
   * time adds nothing (only requests that got through are evidence).
   */
  succeeded(): boolean {
    if (this.current >= this.maxRate) return false;
    this.current = Math.min(
      this.maxRate,
      this.current + this.increasePerSecond / this.current,
    );
    return true;
  }
}
