import type { JcDirectoryEvent } from '../types';
import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp } from './http/JumpCloudHttp';
import type { ReadOptions, ReadSummary } from './paging';
import type { DirectoryEventsQuery } from './types';

export const DIRECTORY_INSIGHTS_PAGE_SIZE = 10_000;
const DI_PATH = '/insights/directory/v1';
const CAPABILITY = 'directoryInsights';

interface EventsBody {
  service: string[];
  start_time: string;
  end_time: string;
}

function malformed(what: string): JumpCloudError {
  return new JumpCloudError(
    'malformed_response',
    `Directory Insights sent an unexpected response: ${what}.`,
    { capability: CAPABILITY },
  );
}

function parseSearchAfter(value: string | null): unknown[] | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) && parsed.length > 0 ? parsed : undefined;
  } catch {
    throw malformed('X-Search_after is not a JSON array');
  }
}

/** Number of events matching a query (POST /events/count). */
export async function countDirectoryEvents(
  http: JumpCloudHttp,
  body: EventsBody,
  signal?: AbortSignal,
): Promise<number> {
  const response = await http.request({
    method: 'POST',
    host: 'insights',
    path: `${DI_PATH}/events/count`,
    body,
    orgScoped: true,
    capability: CAPABILITY,
    signal,
  });
  const count = (response.body as { count?: unknown } | null)?.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw malformed('count is missing');
  }
  return count;
}

export function eventsBody(query: DirectoryEventsQuery): EventsBody {
  return {
    service: query.service ?? ['all'],
    start_time: query.startTime,
    // Fixed at the start so the count and the pages cover the same window.
    end_time: query.endTime ?? new Date().toISOString(),
  };
}

/**
 * Reads Directory Insights events with `search_after` paging (10 000 a page)
 * until a page comes back short (jumpcloud-api.md §2.9), reconciled against
 * `/events/count` for the same fixed time window.
 *
 * Events keep arriving (and expire at the retention edge) while a window is
 * read, so the count may move. `search_after` pages on (timestamp, id), a
 * unique order: no event that existed throughout the read can be skipped
 * or repeated. When the events read differ from the count, the window is
 * counted again: a count that moved explains the difference; a count that
 * held still while events went missing is a real loss (`count_mismatch`).
 */
export async function* readDirectoryEvents(
  http: JumpCloudHttp,
  query: DirectoryEventsQuery,
  options: ReadOptions = {},
): AsyncGenerator<JcDirectoryEvent[], ReadSummary> {
  const body = eventsBody(query);
  const total = await countDirectoryEvents(http, body, options.signal);
  let pages = 1;
  let read = 0;
  let searchAfter: unknown[] | undefined;
  const seen = new Set<string>();
  while (total > 0) {
    pages += 1;
    const response = await http.request({
      method: 'POST',
      host: 'insights',
      path: `${DI_PATH}/events`,
      body: {
        ...body,
        limit: DIRECTORY_INSIGHTS_PAGE_SIZE,
        sort: 'ASC',
        ...(searchAfter ? { search_after: searchAfter } : {}),
      },
      orgScoped: true,
      capability: CAPABILITY,
      signal: options.signal,
    });
    if (!Array.isArray(response.body)) throw malformed('expected an array');
    const events = (response.body as JcDirectoryEvent[]).filter(event => {
      if (!event || typeof event.id !== 'string') return true;
      if (seen.has(event.id)) return false;
      seen.add(event.id);
      return true;
    });
    if (response.body.length === 0) break;
    read += events.length;
    options.onProgress?.(read, total);
    yield events;
    searchAfter = parseSearchAfter(response.headers.get('x-search_after'));
    // A short page is the last (X-Result-Count < X-Limit).
    if (!searchAfter || response.body.length < DIRECTORY_INSIGHTS_PAGE_SIZE) {
      break;
    }
  }
  if (read === total) return { total, pages, unreturned: 0 };
  pages += 1;
  const recount = await countDirectoryEvents(http, body, options.signal);
  if (recount !== total) {
    // Events arrived (or expired) in the window while it was read.
    return {
      total: recount,
      pages,
      unreturned: 0,
      moved: { from: total, to: recount },
    };
  }
  return {
    total,
    pages,
    unreturned: 0,
    mismatch: new JumpCloudError(
      'count_mismatch',
      `Read ${read} Directory Insights events but JumpCloud counted ${total}, before and after the read.`,
      { capability: CAPABILITY },
    ),
  };
}
