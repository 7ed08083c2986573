import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp } from './http/JumpCloudHttp';
import { PageResult, requestPage } from './pageEnvelope';
import type { ListSpec, ReadOptions, ReadSummary } from './paging';

/** Requests allowed to complete one short page (a truncated page halves at worst). */
export const MAX_GAP_REQUESTS = 20;

/** What every read shares: the page request, counters and de-duplication. */
export class ReadContext<T> {
  pages = 0;
  yielded = 0;
  /** Totals in the order the responses arrived. */
  readonly totals: number[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly http: JumpCloudHttp,
    readonly spec: ListSpec<T>,
    readonly options: ReadOptions,
    readonly signal: AbortSignal | undefined,
  ) {}

  async fetchPage(skip: number, size: number): Promise<PageResult<T>> {
    this.pages += 1;
    const page = await requestPage(
      this.http,
      this.spec,
      { ...this.spec.query, limit: size, skip, sort: this.spec.sort },
      { maxRetries: this.options.maxRetries, signal: this.signal },
    );
    if (page.total !== undefined) this.totals.push(page.total);
    return page;
  }

  get latestTotal(): number {
    return this.totals[this.totals.length - 1] ?? 0;
  }

  get firstTotal(): number {
    return this.totals[0] ?? 0;
  }

  /** Seen before in this read (by key). Items without a key never are. */
  has(item: T): boolean {
    const key = this.spec.keyOf?.(item);
    return key !== undefined && this.seen.has(key);
  }

  /** The items not handed out before (each object once per read). */
  fresh(items: T[]): T[] {
    const keyOf = this.spec.keyOf;
    const fresh: T[] = [];
    for (const item of items) {
      const key = keyOf?.(item);
      if (key === undefined) fresh.push(item);
      else if (!this.seen.has(key)) {
        this.seen.add(key);
        fresh.push(item);
      }
    }
    this.yielded += fresh.length;
    this.options.onProgress?.(this.yielded, this.latestTotal);
    return fresh;
  }

  moved(): ReadSummary['moved'] {
    return this.totals.some(total => total !== this.firstTotal)
      ? { from: this.firstTotal, to: this.latestTotal }
      : undefined;
  }

  mismatch(detail: string): JumpCloudError {
    return new JumpCloudError(
      'count_mismatch',
      `Read ${this.yielded} ${this.spec.capability} but JumpCloud reported ${this.latestTotal}: ${detail}.`,
      { capability: this.spec.capability },
    );
  }
}
