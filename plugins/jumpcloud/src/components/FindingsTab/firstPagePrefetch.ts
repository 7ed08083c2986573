import type {
  Finding,
  Page,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { FindingsQuery, JumpCloudApi } from '../../api';

/** Rows per page when the Findings tab opens. */
export const FIRST_PAGE_SIZE = 25;

/** A prefetched page is only used this soon after it arrived. */
const FRESH_FOR_MS = 10_000;

let prefetched:
  | { key: string; promise: Promise<Page<Finding>>; settledAt?: number }
  | undefined;

function keyOf(query: FindingsQuery) {
  return JSON.stringify(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * Requests the page of findings the Findings tab shows first, ahead of the
 * tab: when the app opens on it, the request can leave as soon as the
 * session is restored (the API client waits for the identity) instead of
 * after the page's code has loaded and rendered. The table takes it with
 * {@link takePrefetchedFindings}.
 */
export function prefetchFindings(api: JumpCloudApi, query: FindingsQuery) {
  const entry: NonNullable<typeof prefetched> = {
    key: keyOf(query),
    promise: api.listFindings(query),
  };
  const settle = () => {
    entry.settledAt = Date.now();
  };
  entry.promise.then(settle, settle);
  prefetched = entry;
}

/**
 * The prefetched page for exactly this query, once: later loads (another
 * page, a reload after accepting a risk, a later visit) ask the API again.
 */
export function takePrefetchedFindings(
  query: FindingsQuery,
): Promise<Page<Finding>> | undefined {
  const entry = prefetched;
  if (!entry || entry.key !== keyOf(query)) return undefined;
  prefetched = undefined;
  if (
    entry.settledAt !== undefined &&
    Date.now() - entry.settledAt > FRESH_FOR_MS
  )
    return undefined;
  return entry.promise;
}
