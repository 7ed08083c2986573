import type { JcSystemInsightsRow } from '../types';
import { systemInsightsSpec } from './collections';
import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp } from './http/JumpCloudHttp';
import { READ_FINISHED, linkedSignal } from './http/abort';
import { inOrder } from './inOrder';
import { requestPage } from './pageEnvelope';
import type { ListSpec, ReadOptions, ReadSummary } from './paging';

/** @public */
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

type Page = { items: JcSystemInsightsRow[]; total?: number };

/** One read of a table: its requests, and which devices it has proven. */
class TableRead {
  private readonly spec: ListSpec<JcSystemInsightsRow>;
  private readonly pageSize: number;
  private readonly totals: number[] = [];
  private pages = 0;
  private yielded = 0;
  /** Devices whose rows were yielded (whole, from one answer). */
  private readonly resolved = new Set<string>();
  /** Devices seen only partly (at a page edge, or in an unsorted answer). */
  private readonly partial = new Set<string>();
  /** Most rows seen for a device (to size the batches read again). */
  private readonly rowsSeen = new Map<string, number>();
  /** Key ranges each sorted page proves complete. */
  private readonly ranges: Range[] = [];

  constructor(
    private readonly http: JumpCloudHttp,
    private readonly table: string,
    private readonly options: SystemInsightsReadOptions,
    private readonly signal: AbortSignal | undefined,
  ) {
    const base = systemInsightsSpec(table);
    this.pageSize = options.pageSize ?? base.pageSize;
    this.spec = { ...base, pageSize: this.pageSize };
  }

  /** Phase 1: the table sorted on system_id, every device a page proves. */
  async *readSorted(): AsyncGenerator<JcSystemInsightsRow[], void> {
    const { pageSize } = this;
    const sorted = (skip: number) =>
      this.request({ limit: pageSize, skip, sort: 'system_id' });
    const first = await sorted(0);
    yield this.emit(this.takePage(0, first));
    const initialTotal = first.total ?? first.items.length;
    const planned = Math.ceil(initialTotal / pageSize);
    const prefetch = Math.max(1, this.options.prefetch ?? 4);
    let lastSkip = 0;
    let lastPage = first;
    const pages = inOrder(
      Math.max(0, planned - 1),
      index => {
        const skip = (index + 1) * pageSize;
        return sorted(skip).then(page => ({ skip, page }));
      },
      prefetch,
    );
    for await (const { skip, page } of pages) {
      lastPage = page;
      lastSkip = skip;
      yield this.emit(this.takePage(skip, lastPage));
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
      lastPage = await sorted(lastSkip);
      yield this.emit(this.takePage(lastSkip, lastPage));
    }
  }

  /** The total moved during the sorted pages. */
  moved(): boolean {
    return this.totals.some(total => total !== this.totals[0]);
  }

  /** Devices no sorted page proves (partly seen, or listed and between pages). */
  unproven(): string[] {
    const candidates = new Set<string>([
      ...this.partial,
      ...(this.options.systemIds ?? []),
    ]);
    return [...candidates]
      .filter(id => !this.resolved.has(id))
      .filter(id => !this.ranges.some(range => strictlyInside(id, range)))
      .sort();
  }

  /**
   * Phase 2: the unproven devices again, by `system_id:in:`, batches halved
   * while their rows do not fit a page. Returns the devices that alone have
   * more rows than a page.
   */
  async *readAgain(
    unproven: string[],
  ): AsyncGenerator<JcSystemInsightsRow[], string[]> {
    const { pageSize, resolved } = this;
    const failed: string[] = [];
    let batches = batchesOf(unproven, this.rowsSeen, pageSize);
    while (batches.length > 0) {
      const batch = batches.shift()!;
      const page = await this.request({
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
      const { groups } = this.groupsOf(page.items);
      const out: JcSystemInsightsRow[] = [];
      for (const group of groups) {
        if (!wanted.has(group.id) || resolved.has(group.id)) continue;
        resolved.add(group.id);
        for (const row of group.rows) out.push(row);
      }
      for (const id of batch) resolved.add(id);
      if (out.length > 0) yield this.emit(out);
    }
    return failed;
  }

  /**
   * Phase 3: one device with more rows than a page (never seen in
   * practice), paged on its own; accepted when its total held still.
   */
  async *readAlone(failed: string[]): AsyncGenerator<JcSystemInsightsRow[]> {
    const { pageSize, totals } = this;
    for (const id of failed) {
      const rows: JcSystemInsightsRow[] = [];
      const before = totals.length;
      for (let skip = 0; ; skip += pageSize) {
        const page = await this.request({
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
        this.resolved.add(id);
        yield this.emit(rows);
      }
    }
  }

  /** The outcome: devices left unproven, or a moving table without the device list, are a mismatch. */
  summary(unproven: string[], moved: boolean): ReadSummary {
    const { table, totals } = this;
    const lost = unproven.filter(id => !this.resolved.has(id));
    const summary: ReadSummary = {
      total: this.yielded,
      pages: this.pages,
      unreturned: 0,
      ...(moved ? { moved: { from: totals[0], to: this.latestTotal() } } : {}),
    };
    if (lost.length > 0) {
      summary.mismatch = new JumpCloudError(
        'count_mismatch',
        `System Insights (${table}): the rows of ${lost.length} device(s) could not be read whole (more rows than a page, and changing while paged).`,
        { capability: this.spec.capability },
      );
    } else if (moved && !this.options.systemIds) {
      summary.mismatch = new JumpCloudError(
        'count_mismatch',
        `System Insights (${table}) changed while it was paged (${
          totals[0]
        } rows, then ${this.latestTotal()}) and no device list was given to find rows skipped meanwhile.`,
        { capability: this.spec.capability },
      );
    }
    return summary;
  }

  private async request(query: Record<string, string | number>): Promise<Page> {
    this.pages += 1;
    const page = await requestPage(this.http, this.spec, query, {
      maxRetries: this.options.maxRetries,
      signal: this.signal,
    });
    if (page.total !== undefined) this.totals.push(page.total);
    return page;
  }

  private latestTotal(): number {
    return this.totals[this.totals.length - 1] ?? 0;
  }

  private emit(rows: JcSystemInsightsRow[]): JcSystemInsightsRow[] {
    this.yielded += rows.length;
    this.options.onProgress?.(this.yielded, this.latestTotal());
    return rows;
  }

  /** Rows grouped by device, in order; `sorted` when the devices ascend. */
  private groupsOf(rows: JcSystemInsightsRow[]) {
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
      this.rowsSeen.set(
        group.id,
        Math.max(this.rowsSeen.get(group.id) ?? 0, group.rows.length),
      );
    }
    return { groups, sorted };
  }

  /** A page of the sorted table: the devices it proves, yielded once. */
  private takePage(skip: number, page: Page): JcSystemInsightsRow[] {
    const { partial, resolved } = this;
    const total = page.total ?? this.latestTotal();
    const start = skip === 0;
    const end = skip + page.items.length >= total;
    const { groups, sorted } = this.groupsOf(page.items);
    if (!sorted) {
      // The sort was not applied: nothing here is proven.
      for (const group of groups) partial.add(group.id);
      return [];
    }
    if (groups.length === 0) {
      if (start && end) this.ranges.push({});
      return [];
    }
    const last = groups.length - 1;
    this.ranges.push({
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
  }
}

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
  const link = linkedSignal([options.signal, internal.signal]);
  const read = new TableRead(http, table, options, link.signal);
  try {
    // 1. The table, page by page, as planned from the first total.
    yield* read.readSorted();
    // 2. What no page proves: page-edge devices, and listed devices that
    // fall between pages (their rows may have moved out of reach).
    const moved = read.moved();
    const unproven = read.unproven();
    const failed = yield* read.readAgain(unproven);
    yield* read.readAlone(failed);
    return read.summary(unproven, moved);
  } finally {
    internal.abort(READ_FINISHED);
    link.release();
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
