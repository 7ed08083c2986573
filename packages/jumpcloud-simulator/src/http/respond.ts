import type { Request, Response } from 'express';
import type { JsonObject } from '../types';
import type { ResponseFault } from './faults';
import { pageParams, projectFields } from './query';
import { pageOf, parseSort, sortedView, validateSort } from './sortOrder';
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

interface PageOptions {
  maxLimit?: number;
  defaultLimit?: number;
  filter?: Predicate | null;
  /** Fields kept by every projection (ids). */
  idFields?: string[];
  /** The route takes no `fields` (System Insights, traversals): ignored. */
  noFields?: boolean;
  /**
   * `sort` as the OpenAPI documents give it per route: `false` when the
   * route takes none (ignored), a list when the route documents its sortable
   * fields, else any field the records have (unknown fields are a 400).
   */
  sortFields?: false | readonly string[];
  ignoreCase?: boolean;
}

/**
 * The page `limit`/`skip` ask for: filters, validates `sort`, sorts (ties
 * unstable) and cuts it.
 */
function orderedPage(
  res: Response,
  items: JsonObject[],
  query: JsonObject,
  sort: unknown,
  separator: ' ' | ',',
  options: PageOptions,
): { total: number; page: JsonObject[]; more: boolean } {
  const { limit, skip } = pageParams(
    query,
    options.maxLimit ?? 100,
    options.defaultLimit,
  );
  const filtered = options.filter ? items.filter(options.filter) : items;
  const keys = options.sortFields === false ? [] : parseSort(sort, separator);
  validateSort(keys, items, options.sortFields || undefined);
  const view = sortedView(
    filtered,
    keys,
    options.ignoreCase ?? false,
    filtered === items,
  );
  const page = shortPage(
    res,
    pageOf(view, skip, limit),
    view.items.length,
    skip + limit,
  );
  return { total: filtered.length, page, more: skip + limit < filtered.length };
}

/** The `shortPages` fault: a page before the end comes back short. */
function shortPage(
  res: Response,
  page: JsonObject[],
  length: number,
  pageEnd: number,
): JsonObject[] {
  const short = responseFaults(res).find(f => f.type === 'shortPages');
  if (short && pageEnd < length && page.length > 1) {
    const drop =
      short.type === 'shortPages' && short.dropItems
        ? short.dropItems
        : Math.ceil(page.length / 2);
    return page.slice(0, Math.max(1, page.length - drop));
  }
  return page;
}

/** What a list route served: whether the client has pages left to ask for. */
export interface Served {
  more: boolean;
}

/** v1 list: `{totalCount, results}`; `sort`/`fields` space-separated. */
export function sendV1Page(
  req: Request,
  res: Response,
  items: JsonObject[],
  options: PageOptions = {},
): Served {
  const query = req.query as JsonObject;
  const body =
    req.method === 'POST' && req.body && typeof req.body === 'object'
      ? (req.body as JsonObject)
      : {};
  const { total, page, more } = orderedPage(
    res,
    items,
    query,
    query.sort ?? body.sort,
    ' ',
    options,
  );
  const project = options.noFields
    ? null
    : projectFields(
        query.fields ?? body.fields,
        ' ',
        options.idFields ?? ['_id', 'id'],
      );
  sendJson(res, 200, {
    totalCount: total,
    results: project ? page.map(project) : page,
  });
  return { more };
}

/** v2 list: a bare array plus `x-total-count`; `sort`/`fields` comma-separated. */
export function sendV2Page(
  req: Request,
  res: Response,
  items: JsonObject[],
  options: PageOptions = {},
): Served {
  const query = req.query as JsonObject;
  const { total, page, more } = orderedPage(
    res,
    items,
    query,
    query.sort,
    ',',
    options,
  );
  const project = options.noFields
    ? null
    : projectFields(query.fields, ',', options.idFields ?? ['id']);
  sendJson(res, 200, project ? page.map(project) : page, {
    'x-total-count': String(total),
  });
  return { more };
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
  const page = shortPage(
    res,
    raw.slice(skip, skip + limit),
    raw.length,
    skip + limit,
  ).filter(isLive);
  sendJson(res, 200, page, { 'x-total-count': String(raw.length) });
}
