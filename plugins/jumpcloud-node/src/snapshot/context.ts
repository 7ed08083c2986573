import type pLimit from 'p-limit';
import type { JumpCloudClient } from '../client/JumpCloudClient';
import { collectAll, ListSpec, ReadSummary } from '../client/paging';
import type { OrgSnapshot, SnapshotDataType } from '../types/snapshot';
import type { FetchOrgSnapshotOptions, RowSinks } from './options';
import type { SnapshotLedger } from './SnapshotLedger';

/** What the readers of one fetch share. */
export interface SnapshotContext {
  client: JumpCloudClient;
  options: FetchOrgSnapshotOptions;
  ledger: SnapshotLedger;
  /** Filled in by the readers as their data types arrive. */
  snapshot: OrgSnapshot;
  sinks: RowSinks;
  /**
   * Bounds how many per-group/per-policy/per-object reads are open at once;
   * the client's scheduler still bounds requests in flight.
   */
  fanOut: pLimit.Limit;
  /** Bounds the System Insights tables read at once (see readSystemInsights). */
  insightsFanOut: pLimit.Limit;
  /** Ids of the devices and users read, whether kept or handed to a sink. */
  systemIds: string[];
  userIds: string[];
}

/** The pages of a collection; `fanned` data types sum many reads (no overall total). */
function pagesOf<T>(
  context: SnapshotContext,
  type: SnapshotDataType,
  spec: ListSpec<T>,
  fanned: boolean,
  prefetch?: number,
): AsyncGenerator<T[], ReadSummary> {
  const { client, ledger } = context;
  let reported = 0;
  return client.pages(spec, {
    signal: ledger.signal,
    ...(prefetch ? { prefetch } : {}),
    onProgress: (fetched, total) => {
      ledger.advance(type, fetched - reported, fanned ? undefined : total);
      reported = fetched;
    },
  });
}

/** Counts a finished read against the plan: one request per page at its page size. */
function accountRead<T>(
  context: SnapshotContext,
  type: SnapshotDataType,
  spec: ListSpec<T>,
  summary: ReadSummary,
): void {
  context.ledger.account(
    type,
    summary,
    Math.max(1, Math.ceil(summary.total / spec.pageSize)),
  );
}

/** Reads a collection into memory. */
export async function readAll<T>(
  context: SnapshotContext,
  type: SnapshotDataType,
  spec: ListSpec<T>,
  fanned = false,
): Promise<T[]> {
  const { items, summary } = await collectAll(
    pagesOf(context, type, spec, fanned),
  );
  accountRead(context, type, spec, summary);
  return items;
}

/**
 * Hands a collection to `onPage` a page at a time; resolves to its row
 * count. One page is read ahead while `onPage` runs by default, not the
 * client's default (its concurrency): the pages are not kept anyway.
 */
export async function readInto<T>(
  context: SnapshotContext,
  type: SnapshotDataType,
  spec: ListSpec<T>,
  onPage: (items: T[]) => Promise<void>,
  { fanned = true, prefetch = 1 } = {},
): Promise<number> {
  const reader = pagesOf(context, type, spec, fanned, prefetch);
  let rows = 0;
  for (;;) {
    const step = await reader.next();
    if (step.done) {
      accountRead(context, type, spec, step.value);
      return rows;
    }
    await onPage(step.value);
    rows += step.value.length;
  }
}
