import type { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp, QueryValue } from './http/JumpCloudHttp';
import { READ_FINISHED, linkedSignal } from './http/abort';
import { orderedKeys, readOrdered } from './orderedRead';
import { ReadContext } from './ReadContext';
import { readUnordered } from './unorderedRead';

/**
 * How one JumpCloud collection is paged.
 *
 * @public
 */
export interface ListSpec<T> {
  path: string;
  host?: 'console' | 'insights';
  /** v1: `{totalCount, results}`; v2: bare array + `x-total-count` header. */
  envelope: 'v1' | 'v2';
  query?: Record<string, QueryValue>;
  /** Page size: 100 for v1/v2 lists, 10 000 for System Insights. */
  pageSize: number;
  /** A stable sort, so skip-paging neither repeats nor misses items. */
  sort?: string;
  orgScoped: boolean;
  capability: string;
  /** Identity of an item, to drop duplicates when pages overlap. */
  keyOf?: (item: T) => string | undefined;
  /**
   * Set when `sort` orders the collection ascending on a unique string key
   * (an object id), and returns that key. Pages then overlap by a few
   * items (ORDERED_OVERLAP) and each page is a complete snapshot of its key range, so a read can
   * prove that no object was skipped while the collection changed (objects
   * created or deleted while paging), and re-read only the ranges it
   * cannot prove.
   */
  orderKeyOf?: (item: T) => string | undefined;
}

/** @public */
export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (fetched: number, total: number) => void;
  /** Pages requested ahead of the consumer. Default 4. */
  prefetch?: number;
  /** Retries per request; default the client's. */
  maxRetries?: number;
}

/** @public */
export interface ReadSummary {
  total: number;
  /** Requests this read made (retries excluded). */
  pages: number;
  /**
   * Set when the read cannot account for every object: objects were lost
   * (not merely created or deleted while paging).
   */
  mismatch?: JumpCloudError;
  /**
   * Records JumpCloud counted in the total but did not return even when
   * their range was asked for again (dangling graph records).
   */
  unreturned: number;
  /**
   * The reported total changed while paging (the data changed during the
   * read). Without `mismatch`, every object was still accounted for.
   */
  moved?: { from: number; to: number };
}

/**
 * Reads a skip/limit collection to its reported total, accounting for
 * every object even when the collection changes while it is paged (objects
 * created and deleted mid-read are normal in a live organisation).
 *
 * - Pages after the first are requested concurrently (the client's
 *   scheduler caps concurrency and rate) and yielded in order; each object
 *   is yielded once.
 * - A short page is never taken as the end.
 * - Collections sorted on a unique key (`orderKeyOf`) are read with pages
 *   overlapping by a few items: each page is a complete snapshot of its key
 *   range, and the ranges must join up from the first object to the last.
 *   Where they do not (objects deleted before the current page moved the
 *   rest back), that range is asked for again. The read fails only when a
 *   range cannot be read at all: objects were really lost.
 * - Other collections are reconciled by count; when the total moved while
 *   paging, the collection is read again (each object still yielded once)
 *   until one read reconciles.
 */
export async function* readCollection<T>(
  http: JumpCloudHttp,
  spec: ListSpec<T>,
  options: ReadOptions = {},
): AsyncGenerator<T[], ReadSummary> {
  const internal = new AbortController();
  const link = linkedSignal([options.signal, internal.signal]);
  const context = new ReadContext(http, spec, options, link.signal);
  try {
    const first = await context.fetchPage(0, spec.pageSize);
    if (
      spec.orderKeyOf &&
      first.total !== undefined &&
      orderedKeys(spec, first.items) !== undefined
    ) {
      return yield* readOrdered(context, first);
    }
    return yield* readUnordered(context, first);
  } finally {
    internal.abort(READ_FINISHED);
    link.release();
  }
}

/** Reads a whole collection into memory with its reconciliation outcome. */
export async function collectAll<T>(
  reader: AsyncGenerator<T[], ReadSummary>,
): Promise<{ items: T[]; summary: ReadSummary }> {
  const items: T[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) return { items, summary: step.value };
    for (const item of step.value) items.push(item);
  }
}
