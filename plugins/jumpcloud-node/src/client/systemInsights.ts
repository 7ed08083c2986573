import type { JcSystemInsightsRow } from '../types';
import { systemInsightsSpec } from './collections';
import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp } from './http/JumpCloudHttp';
import { anySignal } from './http/abort';
import { ListSpec, parseEnvelope, ReadOptions, ReadSummary } from './paging';

export interface SystemInsightsReadOptions extends ReadOptions {
  /**
   * Every device id of the organisation (the device list). Devices whose
   * rows the pages skipped entirely while the table was rewritten are then
   * found and read; without it, a table that changed while paging cannot
   * be proven complete.
   */
  systemIds?: readonly string[];
  /** Rows per page. Default JumpCloud's maximum, 10 000. */
  pageSize?: number;
}

/**
 * Devices asked for in one `system_id:in:` request. 24-character ids in a
 * URL-encoded filter are 27 characters each: 200 keep the URL near 5.5 kB,
 * under the 8 kB request line proxies commonly allow.
 */
const SYSTEM_IDS_PER_REQUEST = 200;
/** Share of a page the estimated rows of one batch may fill. */
const BATCH_FILL = 0.8;
/** Pages read on past the planned end while the table grows. */
const MAX_EXTRA_PAGES = 20;

interface Range {
  /** undefined = from the beginning of the table. */
  lo?: string;
  /** undefined = to the end of the table. */
  hi?: string;
}

const strictlyInside = (id: string, range: Range) =>
  (range.lo === undefined || range.lo < id) &&
  (range.hi === undefined || id < range.hi);

/**
 * Reads one System Insights table for every device so that no device's
 * rows are duplicated or lost, although rows have no id and the only sort
 * is `system_id`, which is not unique (jumpcloud-api.md §2.4, §10: rows
 * can then be repeated or skipped between pages, and tables are rewritten
 * as agents report).
 *
 * 1. The table is paged sorted on `system_id`, 10 000 rows a page, as
 *    before. A device's rows are contiguous in that order, so the devices
 *    strictly inside a page are complete as of that page, whatever the
 *    order of their rows; they are yielded at once.
 * 2. Only the devices at page edges (their rows may straddle two pages),
 *    and devices of the device list that no page proves (their rows may
 *    have been skipped when the table moved), are read again, together, by
 *    `filter=system_id:in:a|b|c` (jumpcloud-api.md §3.6) in requests whose
 *    rows fit one page: each such answer is complete for its devices.
 *
 * Every device's rows thus come whole from one answer, each device once.
 * A table that does not change costs one extra request per table at most
 * (its page-edge devices), a few more when it moves.
 */
export async function* readSystemInsights(
  http: JumpCloudHttp,
  table: string,
  options: SystemInsightsReadOptions = {},
): AsyncGenerator<JcSystemInsightsRow[], ReadSummary> {
  const internal = new AbortController();
  const signal = anySignal(options.signal, internal.signal);
  const base = systemInsightsSpec(table);
  const pageSize = options.pageSize ?? base.pageSize;
  const spec: ListSpec<JcSystemInsightsRow> = { ...base, pageSize };
  const prefetch = Math.max(1, options.prefetch ?? 4);
  const totals: number[] = [];
  let pages = 0;
  let yielded = 0;
  /** Devices whose rows were yielded (whole, from one answer). */
  const resolved = new Set<string>();
  /** Devices seen only partly (at a page edge, or in an unsorted answer). */
  const partial = new Set<string>();
  /** Most rows seen for a device (to size the batches read again). */
  const rowsSeen = new Map<string, number>();
  /** Key ranges each sorted page proves complete. */
  const ranges: Range[] = [];

  const request = async (query: Record<string, string | number>) => {
    pages += 1;
    const response = await http.request({
      host: 'console',
      path: spec.path,
      query,
      orgScoped: true,
      capability: spec.capability,
      maxRetries: options.maxRetries,
      signal,
    });
    const page = parseEnvelope(spec, response.body, response.headers);
    if (page.total !== undefined) totals.push(page.total);
    return page;
  };
  const latestTotal = () => totals[totals.length - 1] ?? 0;
  const emit = (rows: JcSystemInsightsRow[]) => {
    yielded += rows.length;
    options.onProgress?.(yielded, latestTotal());
    return rows;
  };
  const groupsOf = (rows: JcSystemInsightsRow[]) => {
    const groups: Array<{ id: string; rows: JcSystemInsightsRow[] }> = [];
    let sorted = true;
    for (const row of rows) {
      const id = String(row.system_id);
      const last = groups[groups.length - 1];
      if (last?.id === id) last.rows.push(row);
      else {
        if (last && !(last.id < id)) sorted = false;
        groups.push({ id, rows: [row] });
      }
    }
    for (const group of groups) {
      rowsSeen.set(
        group.id,
        Math.max(rowsSeen.get(group.id) ?? 0, group.rows.length),
      );
    }
    return { groups, sorted };
  };

  /** A page of the sorted table: the devices it proves, yielded once. */
  const takePage = (
    skip: number,
    page: { items: JcSystemInsightsRow[]; total?: number },
  ): JcSystemInsightsRow[] => {
    const total = page.total ?? latestTotal();
    const start = skip === 0;
    const end = skip + page.items.length >= total;
    const { groups, sorted } = groupsOf(page.items);
    if (!sorted) {
      // The sort was not applied: nothing here is proven.
      for (const group of groups) partial.add(group.id);
      return [];
    }
    if (groups.length === 0) {
      if (start && end) ranges.push({});
      return [];
    }
    const last = groups.length - 1;
    ranges.push({
      lo: start ? undefined : groups[0].id,
      hi: end ? undefined : groups[last].id,
    });
    const out: JcSystemInsightsRow[] = [];
    groups.forEach((group, index) => {
      const whole =
        (index > 0 || (start && (last > 0 || end))) &&
        (index < last || (end && (last > 0 || start)));
      if (resolved.has(group.id)) return;
      if (!whole) {
        partial.add(group.id);
        return;
      }
      resolved.add(group.id);
      for (const row of group.rows) out.push(row);
    });
    return out;
  };

  try {
    // 1. The table, page by page, as planned from the first total.
    const first = await request({
      limit: pageSize,
      skip: 0,
      sort: 'system_id',
    });
    yield emit(takePage(0, first));
    const initialTotal = first.total ?? first.items.length;
    const planned = Math.ceil(initialTotal / pageSize);
    const inFlight: Array<{
      skip: number;
      page: Promise<{ items: JcSystemInsightsRow[]; total?: number }>;
    }> = [];
    let next = 1;
    const launch = () => {
      while (next < planned && inFlight.length < prefetch) {
        const skip = next * pageSize;
        const page = request({ limit: pageSize, skip, sort: 'system_id' });
        page.catch(() => undefined); // awaited below, in order
        inFlight.push({ skip, page });
        next += 1;
      }
    };
    launch();
    let lastSkip = 0;
    let lastPage = first;
    while (inFlight.length > 0) {
      const { skip, page } = inFlight.shift()!;
      lastPage = await page;
      lastSkip = skip;
      launch();
      yield emit(takePage(skip, lastPage));
    }
    // The table grew while paging: read on to its new end.
    for (
      let extra = 0;
      extra < MAX_EXTRA_PAGES &&
      lastPage.items.length > 0 &&
      lastSkip + lastPage.items.length < (lastPage.total ?? 0);
      extra++
    ) {
      lastSkip += pageSize;
      lastPage = await request({
        limit: pageSize,
        skip: lastSkip,
        sort: 'system_id',
      });
      yield emit(takePage(lastSkip, lastPage));
    }

    // 2. What no page proves: page-edge devices, and listed devices that
    // fall between pages (their rows may have moved out of reach).
    const moved = totals.some(total => total !== totals[0]);
    const candidates = new Set<string>([
      ...partial,
      ...(options.systemIds ?? []),
    ]);
    const unproven = [...candidates]
      .filter(id => !resolved.has(id))
      .filter(id => !ranges.some(range => strictlyInside(id, range)))
      .sort();
    const failed: string[] = [];
    let batches = batchesOf(unproven, rowsSeen, pageSize);
    while (batches.length > 0) {
      const batch = batches.shift()!;
      const page = await request({
        filter: `system_id:in:${batch.join('|')}`,
        limit: pageSize,
        skip: 0,
      });
      const complete =
        page.total === undefined
          ? page.items.length < pageSize
          : page.items.length >= page.total;
      if (!complete) {
        if (batch.length > 1) {
          // More rows than a page: ask for each half.
          const half = Math.ceil(batch.length / 2);
          batches = [batch.slice(0, half), batch.slice(half), ...batches];
        } else {
          failed.push(batch[0]);
        }
        continue;
      }
      const wanted = new Set(batch);
      const { groups } = groupsOf(page.items);
      const out: JcSystemInsightsRow[] = [];
      for (const group of groups) {
        if (!wanted.has(group.id) || resolved.has(group.id)) continue;
        resolved.add(group.id);
        for (const row of group.rows) out.push(row);
      }
      for (const id of batch) resolved.add(id);
      if (out.length > 0) yield emit(out);
    }

    // One device with more rows than a page (never seen in practice):
    // paged on its own; accepted when its total held still.
    for (const id of failed) {
      const rows: JcSystemInsightsRow[] = [];
      const before = totals.length;
      for (let skip = 0; ; skip += pageSize) {
        const page = await request({
          filter: `system_id:eq:${id}`,
          limit: pageSize,
          skip,
          sort: 'system_id',
        });
        rows.push(...page.items);
        if (
          page.items.length === 0 ||
          skip + page.items.length >= (page.total ?? 0)
        ) {
          break;
        }
      }
      const own = totals.slice(before);
      if (own.every(total => total === own[0]) && rows.length === own[0]) {
        resolved.add(id);
        yield emit(rows);
      }
    }

    const lost = unproven.filter(id => !resolved.has(id));
    const summary: ReadSummary = {
      total: yielded,
      pages,
      unreturned: 0,
      ...(moved ? { moved: { from: totals[0], to: latestTotal() } } : {}),
    };
    if (lost.length > 0) {
      summary.mismatch = new JumpCloudError(
        'count_mismatch',
        `System Insights (${table}): the rows of ${lost.length} device(s) could not be read whole (more rows than a page, and changing while paged).`,
        { capability: spec.capability },
      );
    } else if (moved && !options.systemIds) {
      summary.mismatch = new JumpCloudError(
        'count_mismatch',
        `System Insights (${table}) changed while it was paged (${
          totals[0]
        } rows, then ${latestTotal()}) and no device list was given to find rows skipped meanwhile.`,
        { capability: spec.capability },
      );
    }
    return summary;
  } finally {
    internal.abort();
  }
}

/**
 * Ids in batches of at most SYSTEM_IDS_PER_REQUEST whose rows, as seen so
 * far (devices never seen: none), fill at most BATCH_FILL of a page.
 */
function batchesOf(
  ids: string[],
  rowsSeen: Map<string, number>,
  pageSize: number,
): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let rows = 0;
  for (const id of ids) {
    const expected = rowsSeen.get(id) ?? 0;
    if (
      batch.length > 0 &&
      (batch.length >= SYSTEM_IDS_PER_REQUEST ||
        rows + expected > pageSize * BATCH_FILL)
    ) {
      batches.push(batch);
      batch = [];
      rows = 0;
    }
    batch.push(id);
    rows += expected;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
