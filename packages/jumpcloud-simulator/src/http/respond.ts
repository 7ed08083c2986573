import type { Request, Response } from 'express';
import type { JsonObject } from '../types';
import type { ResponseFault } from './faults';
import { pageParams, projectFields, sortItems } from './query';
import type { Predicate } from './v1Filter';

/** Response faults picked for this request by the pipeline. */
export function responseFaults(res: Response): ResponseFault[] {
  return (res.locals.responseFaults as ResponseFault[] | undefined) ?? [];
}

/**
 * Sends JSON, applying the body faults (truncated connection, malformed
 * JSON) a test asked for.
 */
export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  const faults = responseFaults(res);
  res.status(status);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (faults.some(f => f.type === 'malformed')) {
    res.send(
      `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}<html>`,
    );
    return;
  }
  if (faults.some(f => f.type === 'truncated')) {
    // Promise the whole body, send half, drop the connection.
    res.setHeader('content-length', String(Buffer.byteLength(text)));
    res.flushHeaders();
    res.write(text.slice(0, Math.floor(text.length / 2)), () =>
      res.socket?.destroy(),
    );
    return;
  }
  res.send(text);
}

/**
 * Sorted copies of unfiltered collections, keyed by array identity: the
 * data layer replaces an array whenever its records change (mutation, reset,
 * System Insights regeneration), so a cached order is never stale. This keeps
 * paging through 20 000 devices or 50 000 System Insights rows cheap.
 */
const sortCache = new WeakMap<JsonObject[], Map<string, JsonObject[]>>();

function sorted(
  items: JsonObject[],
  filtered: boolean,
  sort: unknown,
  separator: ' ' | ',',
  ignoreCase = false,
): JsonObject[] {
  if (filtered || typeof sort !== 'string' || sort.trim() === '')
    return sortItems(items, sort, separator, ignoreCase);
  let byKey = sortCache.get(items);
  if (!byKey) {
    byKey = new Map();
    sortCache.set(items, byKey);
  }
  const key = `${separator}${ignoreCase}${sort}`;
  let result = byKey.get(key);
  if (!result) {
    result = sortItems(items, sort, separator, ignoreCase);
    byKey.set(key, result);
  }
  return result;
}

interface PageOptions {
  maxLimit?: number;
  defaultLimit?: number;
  filter?: Predicate | null;
  /** Fields kept by every projection (ids). */
  idFields?: string[];
  /** Disable `fields` (System Insights has none). */
  noFields?: boolean;
  ignoreCase?: boolean;
}

function slicePage(
  res: Response,
  items: JsonObject[],
  skip: number,
  limit: number,
): JsonObject[] {
  const page = items.slice(skip, skip + limit);
  const short = responseFaults(res).find(f => f.type === 'shortPages');
  if (short && skip + limit < items.length && page.length > 1) {
    const drop =
      short.type === 'shortPages' && short.dropItems
        ? short.dropItems
        : Math.ceil(page.length / 2);
    return page.slice(0, Math.max(1, page.length - drop));
  }
  return page;
}

/** v1 list: `{totalCount, results}`; `sort`/`fields` space-separated. */
export function sendV1Page(
  req: Request,
  res: Response,
  items: JsonObject[],
  options: PageOptions = {},
): void {
  const query = req.query as JsonObject;
  const body =
    req.method === 'POST' && req.body && typeof req.body === 'object'
      ? (req.body as JsonObject)
      : {};
  const { limit, skip } = pageParams(
    query,
    options.maxLimit ?? 100,
    options.defaultLimit,
  );
  const filtered = options.filter ? items.filter(options.filter) : items;
  const ordered = sorted(
    filtered,
    filtered !== items,
    query.sort ?? body.sort,
    ' ',
    options.ignoreCase,
  );
  const project = projectFields(
    query.fields ?? body.fields,
    ' ',
    options.idFields ?? ['_id', 'id'],
  );
  const page = slicePage(res, ordered, skip, limit);
  sendJson(res, 200, {
    totalCount: filtered.length,
    results: project ? page.map(project) : page,
  });
}

/** v2 list: a bare array plus `x-total-count`; `sort`/`fields` comma-separated. */
export function sendV2Page(
  req: Request,
  res: Response,
  items: JsonObject[],
  options: PageOptions = {},
): void {
  const query = req.query as JsonObject;
  const { limit, skip } = pageParams(
    query,
    options.maxLimit ?? 100,
    options.defaultLimit,
  );
  const filtered = options.filter ? items.filter(options.filter) : items;
  const ordered = sorted(filtered, filtered !== items, query.sort, ',');
  const project = options.noFields
    ? null
    : projectFields(query.fields, ',', options.idFields ?? ['id']);
  const page = slicePage(res, ordered, skip, limit);
  sendJson(res, 200, project ? page.map(project) : page, {
    'x-total-count': String(filtered.length),
  });
}

/**
 * Member lists count dangling records in the total but drop them from the
 * page, so a page can come back short while more data remains (as on JumpCloud).
 */
export function sendV2PageWithDangling(
  req: Request,
  res: Response,
  raw: JsonObject[],
  isLive: (item: JsonObject) => boolean,
): void {
  const { limit, skip } = pageParams(req.query as JsonObject, 100);
  const page = slicePage(res, raw, skip, limit).filter(isLive);
  sendJson(res, 200, page, { 'x-total-count': String(raw.length) });
}
