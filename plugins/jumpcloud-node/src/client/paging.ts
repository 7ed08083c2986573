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

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (fetched: number, total: number) => void;
  /** Pages requested ahead of the consumer. Default 4. */
  prefetch?: number;
  /** Retries per request; default the client's. */
  maxRetries?: number;
}

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

interface PageResult<T> {
  items: T[];
  total?: number;
}

/** Requests allowed to complete one short page (a truncated page halves at worst). */
const MAX_GAP_REQUESTS = 20;
/** Whole re-reads of an unordered collection whose total moved while paging. */
const MAX_EXTRA_PASSES = 2;
/**
 * Items each page of an ordered read shares with the previous one. Ranges
 * join up as long as at most ORDERED_OVERLAP - 1 objects before a page edge
 * were deleted between the reads of its two pages (a live organisation
 * loses a few users a minute); more only costs a page asked for again.
 * Costs 3 % more requests than pages without overlap.
 */
const ORDERED_OVERLAP = 3;

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

/** What every read shares: the page request, counters and de-duplication. */
class ReadContext<T> {
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
    const response = await this.http.request({
      host: this.spec.host ?? 'console',
      path: this.spec.path,
      query: { ...this.spec.query, limit: size, skip, sort: this.spec.sort },
      orgScoped: this.spec.orgScoped,
      capability: this.spec.capability,
      maxRetries: this.options.maxRetries,
      signal: this.signal,
    });
    const page = parseEnvelope(this.spec, response.body, response.headers);
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
  const context = new ReadContext(
    http,
    spec,
    options,
    anySignal(options.signal, internal.signal),
  );
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
    internal.abort();
  }
}

/** The keys of a page of an ordered read, or undefined if not strictly ascending. */
function orderedKeys<T>(spec: ListSpec<T>, items: T[]): string[] | undefined {
  const keys: string[] = [];
  for (const item of items) {
    const key = spec.orderKeyOf!(item);
    if (key === undefined) return undefined;
    if (keys.length > 0 && !(keys[keys.length - 1] < key)) return undefined;
    keys.push(key);
  }
  return keys;
}

/** One response of an ordered read: a complete snapshot of its key range. */
interface OrderedWindow {
  skip: number;
  keys: string[];
  total: number;
  /** Starts at the beginning of the collection. */
  start: boolean;
  /** Reaches the end of the collection (as of its response). */
  end: boolean;
}

/** Where the windows read so far do not join up; undefined = all joined. */
interface CoverageGap {
  /** Last key proven read before the gap; undefined = the beginning. */
  after?: string;
  /** First key read after the gap; undefined = the end. */
  before?: string;
}

function findGap(windows: OrderedWindow[]): CoverageGap | undefined {
  // Key ranges [lo, hi]; undefined lo = from the beginning, hi = to the end.
  const ranges = windows
    .filter(w => w.keys.length > 0 || (w.start && w.end))
    .map(w => ({
      lo: w.start ? undefined : w.keys[0],
      hi: w.end ? undefined : w.keys[w.keys.length - 1],
    }))
    .sort((a, b) => {
      if (a.lo === b.lo) return 0;
      if (a.lo === undefined) return -1;
      if (b.lo === undefined) return 1;
      return a.lo < b.lo ? -1 : 1;
    });
  if (ranges.length === 0 || ranges[0].lo !== undefined) {
    return { before: ranges[0]?.lo };
  }
  let covered = ranges[0].hi;
  for (const range of ranges.slice(1)) {
    if (covered === undefined) return undefined;
    // Ranges that share a key (or overlap) join up.
    if (range.lo === undefined || range.lo <= covered) {
      if (range.hi === undefined || range.hi > covered) covered = range.hi;
    } else {
      return { after: covered, before: range.lo };
    }
  }
  return covered === undefined ? undefined : { after: covered };
}

/**
 * Where `key` is likely now: its position when last seen, moved back by
 * the objects the total lost since (deleted ones before it move it back).
 */
function positionOf(
  windows: OrderedWindow[],
  latestTotal: number,
  key?: string,
): number {
  if (key === undefined) return 0;
  for (let i = windows.length - 1; i >= 0; i--) {
    const index = windows[i].keys.indexOf(key);
    if (index >= 0) {
      return (
        windows[i].skip + index - Math.max(0, windows[i].total - latestTotal)
      );
    }
  }
  return 0;
}

async function* readOrdered<T>(
  context: ReadContext<T>,
  first: PageResult<T>,
): AsyncGenerator<T[], ReadSummary> {
  const { spec } = context;
  const limit = spec.pageSize;
  const stride = Math.max(1, limit - ORDERED_OVERLAP);
  const windows: OrderedWindow[] = [];
  /** Records a response as a key range (when its keys ascend); returns its keys. */
  const record = (skip: number, page: PageResult<T>) => {
    const keys = orderedKeys(spec, page.items);
    const total = page.total ?? context.latestTotal;
    // A page out of order (sort ignored) proves nothing: its items are
    // still yielded, but its range must be read again.
    if (keys !== undefined) {
      windows.push({
        skip,
        keys,
        total,
        start: skip === 0,
        end: skip + page.items.length >= total,
      });
    }
    return keys ?? [];
  };
  const fetchWindow = async (skip: number) => {
    const page = await context.fetchPage(skip, limit);
    return { items: page.items, keys: record(skip, page) };
  };

  // 1. The planned pages, for the total the first page reported.
  record(0, first);
  yield context.fresh(first.items);
  const initialTotal = first.total!;
  const skips: number[] = [];
  for (
    let skip = stride;
    skip - stride + limit < initialTotal;
    skip += stride
  ) {
    skips.push(skip);
  }
  const prefetch = Math.max(1, context.options.prefetch ?? 4);
  const inFlight: Array<Promise<{ items: T[] }>> = [];
  let next = 0;
  const launch = () => {
    while (next < skips.length && inFlight.length < prefetch) {
      const promise = fetchWindow(skips[next]);
      promise.catch(() => undefined); // awaited below, in order
      inFlight.push(promise);
      next += 1;
    }
  };
  launch();
  while (inFlight.length > 0) {
    const { items } = await inFlight.shift()!;
    launch();
    yield context.fresh(items);
  }

  // 2. Join the key ranges up: read on where the total grew, read again
  // where objects deleted meanwhile moved the rest back past a page edge.
  // Each gap gets MAX_GAP_REQUESTS attempts; the whole read at most twice
  // its planned pages more.
  let budget = 2 * (skips.length + 1) + MAX_GAP_REQUESTS;
  const attempts = new Map<
    string,
    { skip: number; step: number; n: number; keys: string[] }
  >();
  let gap = findGap(windows);
  while (gap && budget > 0) {
    budget -= 1;
    const id = gap.after ?? '';
    const previous = attempts.get(id);
    let skip: number;
    let step = limit;
    if (!previous) {
      // Start just before the last key proven read (where it is likely
      // now): the page then shares it with what was read, and goes on
      // from there.
      skip = Math.max(
        0,
        positionOf(windows, context.latestTotal, gap.after) - ORDERED_OVERLAP,
      );
    } else {
      if (previous.n >= MAX_GAP_REQUESTS) break;
      const keys = previous.keys;
      if (
        gap.after !== undefined &&
        keys.length > 0 &&
        keys[keys.length - 1] < gap.after
      ) {
        // Objects created meanwhile moved it forward.
        skip = previous.skip + Math.max(1, keys.length - ORDERED_OVERLAP);
      } else {
        // Deleted ones moved it back further than the overlap: step back,
        // further each time.
        skip = Math.max(0, previous.skip - previous.step);
        step = previous.step * 2;
      }
    }
    const window = await fetchWindow(skip);
    attempts.set(id, {
      skip,
      step,
      n: (previous?.n ?? 0) + 1,
      keys: window.keys,
    });
    yield context.fresh(window.items);
    gap = findGap(windows);
  }

  const moved = context.moved();
  if (gap) {
    let where = `between ${gap.after} and ${gap.before}`;
    if (gap.after === undefined) where = 'from the beginning';
    else if (gap.before === undefined) where = `after ${gap.after} to the end`;
    return {
      total: context.latestTotal,
      pages: context.pages,
      unreturned: 0,
      ...(moved ? { moved } : {}),
      mismatch: context.mismatch(
        `the objects ${where} could not be read, even when asked for again`,
      ),
    };
  }
  const total = context.latestTotal;
  return {
    total,
    pages: context.pages,
    // Counted but never returned, when nothing moved.
    unreturned: moved ? 0 : Math.max(0, total - context.yielded),
    ...(moved ? { moved } : {}),
  };
}

async function* readUnordered<T>(
  context: ReadContext<T>,
  firstPage: PageResult<T>,
): AsyncGenerator<T[], ReadSummary> {
  const { spec } = context;
  const limit = spec.pageSize;
  const prefetch = Math.max(1, context.options.prefetch ?? 4);

  if (firstPage.total === undefined) {
    // No total at all: page until an empty page (never on a short one).
    let skip = 0;
    let page = firstPage;
    while (page.items.length > 0) {
      yield context.fresh(page.items);
      skip += page.items.length;
      page = await context.fetchPage(skip, limit);
    }
    return { total: context.yielded, pages: context.pages, unreturned: 0 };
  }

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
    addNew((first ?? (await context.fetchPage(skip, limit))).items);
    for (
      let ask = 0;
      items.length < expected && ask < MAX_GAP_REQUESTS;
      ask++
    ) {
      const gap = await context.fetchPage(
        skip + items.length,
        expected - items.length,
      );
      if (addNew(gap.items) === 0) break;
    }
    return { items, unreturned: Math.max(0, expected - items.length) };
  };

  // A re-read yields only what earlier passes did not, but reconciles on
  // everything it read itself.
  const canReread = spec.keyOf !== undefined;
  let first: PageResult<T> | undefined = firstPage;
  for (let pass = 0; ; pass++) {
    const page = first ?? (await context.fetchPage(0, limit));
    first = undefined;
    const totalsBefore = context.totals.length - 1;
    const passKeys = new Set<string>();
    let keyless = 0;
    let unreturned = 0;
    const take = (range: { items: T[]; unreturned: number }) => {
      unreturned += range.unreturned;
      for (const item of range.items) {
        const key = spec.keyOf?.(item);
        if (key === undefined) keyless += 1;
        else passKeys.add(key);
      }
      return context.fresh(range.items);
    };
    const passTotal = () => context.totals.slice(totalsBefore);
    const startTotal = page.total ?? 0;
    yield take(await fetchRange(0, Math.min(limit, startTotal), page));

    const plannedPages = Math.ceil(startTotal / limit);
    const inFlight: Array<Promise<{ items: T[]; unreturned: number }>> = [];
    let next = 1;
    const launch = () => {
      while (next < plannedPages && inFlight.length < prefetch) {
        const skip = next * limit;
        const promise = fetchRange(skip, Math.min(limit, startTotal - skip));
        promise.catch(() => undefined); // awaited below, in order
        inFlight.push(promise);
        next += 1;
      }
    };
    launch();
    while (inFlight.length > 0) {
      const range = await inFlight.shift()!;
      launch();
      yield take(range);
    }

    // The total grew while paging: read on to the new end.
    for (
      let skip = plannedPages * limit;
      skip < context.latestTotal;
      skip += limit
    ) {
      const range = await fetchRange(
        skip,
        Math.min(limit, context.latestTotal - skip),
      );
      if (range.items.length === 0) break;
      yield take(range);
    }

    const total = context.latestTotal;
    const stable = passTotal().every(value => value === startTotal);
    const read = passKeys.size + keyless;
    if (stable && read + unreturned === total) {
      const moved = context.moved();
      return {
        total,
        pages: context.pages,
        unreturned,
        ...(moved ? { moved } : {}),
      };
    }
    if (!canReread || pass >= MAX_EXTRA_PASSES) {
      const moved = context.moved();
      return {
        total,
        pages: context.pages,
        unreturned,
        ...(moved ? { moved } : {}),
        mismatch: context.mismatch(
          stable
            ? `${read} were returned`
            : `the total kept changing while paging (from ${
                moved?.from ?? startTotal
              } to ${total}, read ${
                pass + 1
              } times), and the collection has no order to tell what was lost`,
        ),
      };
    }
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
