import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudHttp, QueryValue } from './http/JumpCloudHttp';
import type { ListSpec } from './paging';

/** One page of a collection: its items and the total it reported. */
export interface PageResult<T> {
  items: T[];
  total?: number;
}

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

/** Requests one page of a collection with `query`, and parses it. */
export async function requestPage<T>(
  http: JumpCloudHttp,
  spec: ListSpec<T>,
  query: Record<string, QueryValue>,
  options: { maxRetries?: number; signal?: AbortSignal },
): Promise<PageResult<T>> {
  const response = await http.request({
    host: spec.host ?? 'console',
    path: spec.path,
    query,
    orgScoped: spec.orgScoped,
    capability: spec.capability,
    maxRetries: options.maxRetries,
    signal: options.signal,
  });
  return parseEnvelope(spec, response.body, response.headers);
}
