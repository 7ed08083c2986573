import { inOrder } from './inOrder';
import type { PageResult } from './pageEnvelope';
import type { ReadSummary } from './paging';
import { MAX_GAP_REQUESTS, ReadContext } from './ReadContext';

/** Whole re-reads of an unordered collection whose total moved while paging. */
const MAX_EXTRA_PASSES = 2;

/** A page window's items, and the records JumpCloud counted in it but never returned. */
interface RangeRead<T> {
  items: T[];
  unreturned: number;
}

/** What one pass over an unordered collection read. */
interface PassOutcome {
  /** The total the pass was planned for. */
  startTotal: number;
  /** Every response of the pass reported that total. */
  stable: boolean;
  /** Objects the pass read, each once. */
  read: number;
  unreturned: number;
}

/**
 * Reads a collection without a unique order, from its first page: by count,
 * read again (each object still yielded once) while its total moves.
 */
export async function* readUnordered<T>(
  context: ReadContext<T>,
  firstPage: PageResult<T>,
): AsyncGenerator<T[], ReadSummary> {
  if (firstPage.total === undefined) {
    return yield* readToEmptyPage(context, firstPage);
  }
  // A re-read yields only what earlier passes did not, but reconciles on
  // everything it read itself.
  const canReread = context.spec.keyOf !== undefined;
  let first: PageResult<T> | undefined = firstPage;
  for (let pass = 0; ; pass++) {
    const page = first ?? (await context.fetchPage(0, context.spec.pageSize));
    first = undefined;
    const { startTotal, stable, read, unreturned } = yield* readPass(
      context,
      page,
    );
    const total = context.latestTotal;
    const moved = context.moved();
    const summary: ReadSummary = {
      total,
      pages: context.pages,
      unreturned,
      ...(moved ? { moved } : {}),
    };
    if (stable && read + unreturned === total) return summary;
    if (!canReread || pass >= MAX_EXTRA_PASSES) {
      return {
        ...summary,
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

/** No total at all: page until an empty page (never on a short one). */
async function* readToEmptyPage<T>(
  context: ReadContext<T>,
  firstPage: PageResult<T>,
): AsyncGenerator<T[], ReadSummary> {
  let skip = 0;
  let page = firstPage;
  while (page.items.length > 0) {
    yield context.fresh(page.items);
    skip += page.items.length;
    page = await context.fetchPage(skip, context.spec.pageSize);
  }
  return { total: context.yielded, pages: context.pages, unreturned: 0 };
}

/**
 * One pass: the pages planned for the total of its first page, then on to
 * the new end if the total grew meanwhile.
 */
async function* readPass<T>(
  context: ReadContext<T>,
  page: PageResult<T>,
): AsyncGenerator<T[], PassOutcome> {
  const { spec } = context;
  const limit = spec.pageSize;
  const prefetch = Math.max(1, context.options.prefetch ?? 4);
  const totalsBefore = context.totals.length - 1;
  const passKeys = new Set<string>();
  let keyless = 0;
  let unreturned = 0;
  const take = (range: RangeRead<T>) => {
    unreturned += range.unreturned;
    for (const item of range.items) {
      const key = spec.keyOf?.(item);
      if (key === undefined) keyless += 1;
      else passKeys.add(key);
    }
    return context.fresh(range.items);
  };
  const startTotal = page.total ?? 0;
  yield take(await fetchRange(context, 0, Math.min(limit, startTotal), page));

  const plannedPages = Math.ceil(startTotal / limit);
  const ranges = inOrder(
    Math.max(0, plannedPages - 1),
    index => {
      const skip = (index + 1) * limit;
      return fetchRange(context, skip, Math.min(limit, startTotal - skip));
    },
    prefetch,
  );
  for await (const range of ranges) {
    yield take(range);
  }

  // The total grew while paging: read on to the new end.
  for (
    let skip = plannedPages * limit;
    skip < context.latestTotal;
    skip += limit
  ) {
    const range = await fetchRange(
      context,
      skip,
      Math.min(limit, context.latestTotal - skip),
    );
    if (range.items.length === 0) break;
    yield take(range);
  }

  return {
    startTotal,
    stable: context.totals
      .slice(totalsBefore)
      .every(value => value === startTotal),
    read: passKeys.size + keyless,
    unreturned,
  };
}

/**
 * One page window [skip, skip + expected). A short or empty answer is
 * never taken as the end: the rest of the window is requested again
 * (a truncated page then fills up). When asking again brings nothing
 * new, the remaining records are ones JumpCloud counts but never returns
 * (dangling graph records) and are reported as `unreturned`.
 */
async function fetchRange<T>(
  context: ReadContext<T>,
  skip: number,
  expected: number,
  first?: PageResult<T>,
): Promise<RangeRead<T>> {
  const { spec } = context;
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
  addNew((first ?? (await context.fetchPage(skip, spec.pageSize))).items);
  for (let ask = 0; items.length < expected && ask < MAX_GAP_REQUESTS; ask++) {
    const gap = await context.fetchPage(
      skip + items.length,
      expected - items.length,
    );
    if (addNew(gap.items) === 0) break;
  }
  return { items, unreturned: Math.max(0, expected - items.length) };
}
