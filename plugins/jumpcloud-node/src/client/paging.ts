import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp, QueryValue } from './http/JumpCloudHttp';
import { anySignal } from './http/abort';

/** How one JumpCloud collection is paged. */
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
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (fetched: number, total: number) => void;
  /** Pages requested ahead of the consumer. Default 4. */
  prefetch?: number;
}

export interface ReadSummary {
  total: number;
  /** Requests this read made (retries excluded). */
  pages: number;
  mismatch?: JumpCloudError;
  /**
   * Records JumpCloud counted in the total but did not return even when
   * their range was asked for again (dangling graph records).
   */
  unreturned: number;
}

interface PageResult<T> {
  items: T[];
  total?: number;
}

/** Requests allowed to complete one short page (a truncated page halves at worst). */
const MAX_GAP_REQUESTS = 20;

function malformed(capability: string, what: string): JumpCloudError {
  return new JumpCloudError(
    'malformed_response',
    `JumpCloud sent an unexpected response shape for ${capability}: ${what}.`,
    { capability },
  );
}

function parseTotal(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value;
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

export function parseEnvelope<T>(
  spec: ListSpec<T>,
  body: unknown,
  headers: Headers,
): PageResult<T> {
  if (spec.envelope === 'v1') {
    const record = body as { totalCount?: unknown; results?: unknown } | null;
    if (
      !record ||
      typeof record !== 'object' ||
      !Array.isArray(record.results)
    ) {
      throw malformed(spec.capability, 'expected {totalCount, results}');
    }
    const total = parseTotal(record.totalCount);
    if (total === undefined) {
      throw malformed(spec.capability, 'totalCount is missing');
    }
    return { items: record.results as T[], total };
  }
  let items: unknown;
  if (Array.isArray(body)) items = body;
  else if (body && typeof body === 'object') {
    items = (body as { results?: unknown }).results;
  }
  if (!Array.isArray(items)) {
    throw malformed(spec.capability, 'expected an array');
  }
  const total =
    parseTotal(headers.get('x-total-count')) ??
    parseTotal((body as { totalCount?: unknown } | null)?.totalCount);
  return { items: items as T[], total };
}

/**
 * Reads a skip/limit collection to its reported total.
 *
 * - Pages after the first are requested concurrently (the client's
 *   scheduler caps concurrency and rate) and yielded in order.
 * - A short page is never taken as the end: the missing range is requested
 *   again (JumpCloud drops dangling records from pages), and the read goes
 *   on to the total.
 * - Counts are reconciled at the end: items read vs the reported total, and
 *   a total that moved while paging. A mismatch is returned, not hidden.
 */
export async function* readCollection<T>(
  http: JumpCloudHttp,
  spec: ListSpec<T>,
  options: ReadOptions = {},
): AsyncGenerator<T[], ReadSummary> {
  const internal = new AbortController();
  const signal = anySignal(options.signal, internal.signal);
  const prefetch = Math.max(1, options.prefetch ?? 4);
  const limit = spec.pageSize;
  const seen = spec.keyOf ? new Set<string>() : undefined;
  const totals: number[] = [];
  let pages = 0;
  let yielded = 0;

  const fetchPage = async (skip: number, size: number) => {
    pages += 1;
    const response = await http.request({
      host: spec.host ?? 'console',
      path: spec.path,
      query: { ...spec.query, limit: size, skip, sort: spec.sort },
      orgScoped: spec.orgScoped,
      capability: spec.capability,
      signal,
    });
    const page = parseEnvelope(spec, response.body, response.headers);
    if (page.total !== undefined) totals.push(page.total);
    return page;
  };

  /**
   * One page window [skip, skip + expected). A short or empty answer is
   * never taken as the end: the rest of the window is requested again
   * (a truncated page then fills up). When asking again brings nothing
   * new, the remaining records are ones JumpCloud counts but never returns
   * (dangling graph records) and are reported as `unreturned`.
   */
  const fetchRange = async (
    skip: number,
    expected: number,
    first?: PageResult<T>,
  ): Promise<{ items: T[]; unreturned: number }> => {
    const items: T[] = [];
    const keys = spec.keyOf ? new Set<string>() : undefined;
    const addNew = (page: T[]) => {
      let added = 0;
      for (const item of page) {
        const key = spec.keyOf?.(item);
        if (keys && key !== undefined) {
          if (keys.has(key)) continue;
          keys.add(key);
        }
        items.push(item);
        added += 1;
      }
      return added;
    };
    addNew((first ?? (await fetchPage(skip, limit))).items);
    for (
      let ask = 0;
      items.length < expected && ask < MAX_GAP_REQUESTS;
      ask++
    ) {
      const gap = await fetchPage(skip + items.length, expected - items.length);
      if (addNew(gap.items) === 0) break;
    }
    return { items, unreturned: Math.max(0, expected - items.length) };
  };

  const accept = (items: T[]): T[] => {
    if (!seen || !spec.keyOf) return items;
    const fresh: T[] = [];
    for (const item of items) {
      const key = spec.keyOf(item);
      if (key === undefined) fresh.push(item);
      else if (!seen.has(key)) {
        seen.add(key);
        fresh.push(item);
      }
    }
    return fresh;
  };

  const latestTotal = () => totals[totals.length - 1] ?? 0;
  let unreturned = 0;
  const emit = (range: { items: T[]; unreturned: number }) => {
    unreturned += range.unreturned;
    const fresh = accept(range.items);
    yielded += fresh.length;
    options.onProgress?.(yielded, latestTotal());
    return fresh;
  };

  try {
    const firstPage = await fetchPage(0, limit);
    if (firstPage.total === undefined) {
      // No total at all: page until an empty page (never on a short one).
      let skip = 0;
      let page = firstPage;
      while (page.items.length > 0) {
        yield emit({ items: page.items, unreturned: 0 });
        skip += page.items.length;
        page = await fetchPage(skip, limit);
      }
      return { total: yielded, pages, unreturned: 0 };
    }

    const initialTotal = firstPage.total;
    yield emit(await fetchRange(0, Math.min(limit, initialTotal), firstPage));

    const plannedPages = Math.ceil(initialTotal / limit);
    const inFlight: Array<Promise<{ items: T[]; unreturned: number }>> = [];
    let next = 1;
    const launch = () => {
      while (next < plannedPages && inFlight.length < prefetch) {
        const skip = next * limit;
        const promise = fetchRange(skip, Math.min(limit, initialTotal - skip));
        promise.catch(() => undefined); // awaited below, in order
        inFlight.push(promise);
        next += 1;
      }
    };
    launch();
    while (inFlight.length > 0) {
      const range = await inFlight.shift()!;
      launch();
      yield emit(range);
    }

    // The total grew while paging: read on to the new end.
    for (let skip = plannedPages * limit; skip < latestTotal(); skip += limit) {
      const range = await fetchRange(
        skip,
        Math.min(limit, latestTotal() - skip),
      );
      if (range.items.length === 0) break;
      yield emit(range);
    }

    const total = latestTotal();
    const moved = totals.some(value => value !== initialTotal);
    if (!moved && yielded + unreturned === total) {
      return { total, pages, unreturned };
    }
    const detail = moved
      ? ` (the total changed from ${initialTotal} to ${total} while paging: the data changed during the read)`
      : '';
    return {
      total,
      pages,
      unreturned,
      mismatch: new JumpCloudError(
        'count_mismatch',
        `Read ${yielded} ${spec.capability} but JumpCloud reported ${total}${detail}.`,
        { capability: spec.capability },
      ),
    };
  } finally {
    internal.abort();
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
