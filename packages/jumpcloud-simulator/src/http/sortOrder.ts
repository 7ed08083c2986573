import { hashString, Random } from '../data/random';
import type { JsonObject } from '../types';
import { badRequest } from './errors';
import { compareText, getPath } from './query';

// How JumpCloud's databases order a page. A sort on a field that several
// records share (System Insights' `system_id`, a device's `os`) leaves the
// order of those records to the database, which does not promise the same
// order for the next request: skip-paging such a sort can return a record
// twice and miss another (JumpCloud's Best Practices page: sort on unique
// fields; jumpcloud-api.md §2.4, §10). So ties are not broken by id here:
// each page orders every run of tied records in its own seeded order (seeded
// by the request's `skip`, so tests repeat), while a sort whose fields tell
// every record apart has no ties and pages stably.

export interface SortKey {
  path: string;
  dir: 1 | -1;
}

/** `sort` as the route spells it (v1 space-, v2 comma-separated; `-` descending). */
export function parseSort(sort: unknown, separator: ' ' | ','): SortKey[] {
  const raw = Array.isArray(sort) ? sort.join(separator) : sort;
  if (typeof raw !== 'string') return [];
  return raw
    .split(separator === ' ' ? /\s+/ : /,/)
    .map(k => k.trim())
    .filter(k => k !== '' && k !== '-' && k !== '+')
    .map(k =>
      k.startsWith('-')
        ? { path: k.slice(1), dir: -1 }
        : { path: k.replace(/^\+/, ''), dir: 1 },
    );
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return compareText(sa, sb);
}

function comparator(keys: SortKey[], ignoreCase: boolean) {
  return (x: JsonObject, y: JsonObject): number => {
    for (const { path, dir } of keys) {
      let a = getPath(x, path);
      let b = getPath(y, path);
      if (ignoreCase) {
        if (typeof a === 'string') a = a.toLowerCase();
        if (typeof b === 'string') b = b.toLowerCase();
      }
      const c = compareValues(a, b);
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

const knownFieldsCache = new WeakMap<JsonObject[], Set<string>>();

/** Top-level fields the collection's records have (a sample of both ends is enough: records share a shape). */
function knownFields(items: JsonObject[]): Set<string> {
  let known = knownFieldsCache.get(items);
  if (!known) {
    known = new Set();
    const sample =
      items.length <= 1000
        ? items
        : [...items.slice(0, 500), ...items.slice(-500)];
    for (const item of sample) for (const k of Object.keys(item)) known.add(k);
    knownFieldsCache.set(items, known);
  }
  return known;
}

/**
 * A sort naming a field the route's records do not have is a 400. The
 * documents do not give the body; this follows JumpCloud's observed
 * `Bad Request: <detail>` shape (§4.2). `allowed` is the route's documented
 * list where it has one; otherwise the records' own fields count (an empty
 * collection cannot tell, so it accepts any field).
 */
export function validateSort(
  keys: SortKey[],
  items: JsonObject[],
  allowed?: readonly string[],
): void {
  const known = allowed ? new Set(allowed) : knownFields(items);
  if (!allowed && known.size === 0) return;
  for (const { path } of keys) {
    const field = allowed ? path : path.split('.')[0];
    if (!known.has(field)) throw badRequest(`invalid sort field "${path}"`);
  }
}

export interface SortedView {
  items: JsonObject[];
  /** Runs of tied records as [start, end) pairs, ascending. */
  ties: Array<[number, number]>;
}

function buildView(
  items: JsonObject[],
  keys: SortKey[],
  ignoreCase: boolean,
): SortedView {
  const compare = comparator(keys, ignoreCase);
  // Array#sort is stable: ties come out in natural order, then get reordered per page.
  const sorted = [...items].sort(compare);
  const ties: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || compare(sorted[start], sorted[i]) !== 0) {
      if (i - start > 1) ties.push([start, i]);
      start = i;
    }
  }
  return { items: sorted, ties };
}

/**
 * Sorted views of unfiltered collections, keyed by array identity: the data
 * layer replaces an array whenever its records change (mutation, churn,
 * reset, System Insights regeneration), so a cached order is never stale.
 * This keeps paging through 20 000 devices or 50 000 rows cheap.
 */
const viewCache = new WeakMap<JsonObject[], Map<string, SortedView>>();

export function sortedView(
  items: JsonObject[],
  keys: SortKey[],
  ignoreCase: boolean,
  cacheable: boolean,
): SortedView {
  if (keys.length === 0) return { items, ties: [] };
  if (!cacheable) return buildView(items, keys, ignoreCase);
  let byKey = viewCache.get(items);
  if (!byKey) {
    byKey = new Map();
    viewCache.set(items, byKey);
  }
  const cacheKey = `${ignoreCase}:${keys
    .map(k => `${k.dir}${k.path}`)
    .join(',')}`;
  let view = byKey.get(cacheKey);
  if (!view) {
    view = buildView(items, keys, ignoreCase);
    byKey.set(cacheKey, view);
  }
  return view;
}

function shuffled<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Records [skip, skip + limit) of the view, each tied run in this request's own order. */
export function pageOf(
  view: SortedView,
  skip: number,
  limit: number,
  stableTies = false,
): JsonObject[] {
  const end = Math.min(skip + limit, view.items.length);
  const page = view.items.slice(skip, end);
  if (stableTies) return page;
  for (const [start, stop] of view.ties) {
    if (stop <= skip) continue;
    if (start >= end) break;
    const order = shuffled(
      view.items.slice(start, stop),
      new Random(hashString(`ties:${skip}:${start}`)),
    );
    for (let i = Math.max(start, skip); i < Math.min(stop, end); i++)
      page[i - skip] = order[i - start];
  }
  return page;
}
