import { anySignal } from '../client/http/abort';
import { JumpCloudError } from '../client/JumpCloudError';
import type { ReadSummary } from '../client/paging';
import type { SnapshotDataType } from '../types/snapshot';

/**
 * Requests of one data type: made (retries excluded) and the plan's minimum.
 *
 * @public
 */
export interface PlanEntry {
  requests: number;
  minimalRequests: number;
}

type PerDataType<T> = Partial<Record<SnapshotDataType, T>>;

function asJumpCloudError(error: unknown): JumpCloudError {
  if (error instanceof JumpCloudError) return error;
  return new JumpCloudError(
    'internal',
    `Unexpected failure while reading JumpCloud: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { cause: error },
  );
}

/**
 * What one fetch of an organisation has learnt so far, per data type: the
 * failures, the requests against the plan, records never returned, rows
 * handed to sinks and progress. A fatal error (or the caller's abort) is
 * kept once and stops every read through `signal`.
 */
export class SnapshotLedger {
  readonly failures: PerDataType<JumpCloudError> = {};
  readonly plan: PerDataType<PlanEntry> = {};
  /** Records JumpCloud counted but never returned. */
  readonly unreturned: PerDataType<number> = {};
  /** Rows handed to a sink (not in the snapshot). */
  readonly streamed: PerDataType<number> = {};
  /** The error that ends the whole fetch, once one happened. */
  fatal: JumpCloudError | undefined;
  /** Aborts when the caller cancels or a fatal error happens. */
  readonly signal: AbortSignal;
  private readonly stop = new AbortController();
  private readonly progress = new Map<SnapshotDataType, number>();

  constructor(
    private readonly callerSignal?: AbortSignal,
    private readonly onProgress?: (
      dataType: SnapshotDataType,
      fetched: number,
      total?: number,
    ) => void,
  ) {
    this.signal = anySignal(callerSignal, this.stop.signal)!;
  }

  /**
   * Records a failure of the given data types (the first one of each
   * counts); a fatal one, or any after the caller cancelled, stops the
   * fetch instead.
   */
  fail(types: SnapshotDataType[], error: unknown): void {
    const failure = asJumpCloudError(error);
    if (failure.fatal || this.callerSignal?.aborted) {
      this.fatal ??= failure;
      this.stop.abort();
      return;
    }
    for (const type of types) {
      this.failures[type] ??= failure.withCapability(type);
    }
  }

  /** Runs a read; what it throws fails `types` (see `fail`). */
  async guard(
    types: SnapshotDataType[],
    task: () => Promise<void>,
  ): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.fail(types, error);
    }
  }

  /** Counts a read's requests against the plan, and what it could not account for. */
  account(type: SnapshotDataType, summary: ReadSummary, minimal: number): void {
    const entry = (this.plan[type] ??= { requests: 0, minimalRequests: 0 });
    entry.requests += summary.pages;
    entry.minimalRequests += minimal;
    if (summary.unreturned > 0) {
      this.unreturned[type] = (this.unreturned[type] ?? 0) + summary.unreturned;
    }
    if (summary.mismatch) {
      this.failures[type] ??= summary.mismatch.withCapability(type);
    }
  }

  /** Adds rows read to a data type's progress and reports it. */
  advance(type: SnapshotDataType, added: number, total?: number): void {
    const fetched = this.progressOf(type) + added;
    this.progress.set(type, fetched);
    this.onProgress?.(type, fetched, total);
  }

  /** Rows of a data type read so far. */
  progressOf(type: SnapshotDataType): number {
    return this.progress.get(type) ?? 0;
  }

  addStreamed(type: SnapshotDataType, rows: number): void {
    this.streamed[type] = (this.streamed[type] ?? 0) + rows;
  }

  /** Requests the plan needs for every read so far. */
  get minimalRequests(): number {
    return Object.values(this.plan).reduce(
      (sum, entry) => sum + (entry?.minimalRequests ?? 0),
      0,
    );
  }
}
