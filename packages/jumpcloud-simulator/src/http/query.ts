import type { JsonObject } from '../types';
import { badRequest } from './errors';

/** Reads a dotted path (`fde.active`) from a record. */
export function getPath(record: JsonObject, path: string): unknown {
  if (!path.includes('.')) return record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as JsonObject)[part];
  }
  return value;
}

export interface PageParams {
  limit: number;
  skip: number;
}

function intParam(
  name: string,
  raw: unknown,
  min: number,
  max?: number,
): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text.trim())) {
    throw badRequest(`request parameter "${name}" is not a valid integer`);
  }
  const value = Number(text);
  if (value < min)
    throw badRequest(
      `request parameter "${name}" is below minimum value of ${min}`,
    );
  if (max !== undefined && value > max)
    throw badRequest(
      `request parameter "${name}" exceeds maximum value of ${max}`,
    );
  return value;
}

/** limit/skip exactly as JumpCloud: default 10, over the maximum is a 400 (not a clamp). */
export function pageParams(
  query: JsonObject,
  maxLimit: number,
  defaultLimit = 10,
): PageParams {
  const limit = intParam('limit', query.limit, 0, maxLimit);
  const skip = intParam('skip', query.skip, 0) ?? 0;
  return {
    limit: limit === undefined || limit === 0 ? defaultLimit : limit,
    skip,
  };
}

/** Plain (case-sensitive, code-unit) string order, like MongoDB's default collation. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function setPath(target: JsonObject, path: string, value: unknown) {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as JsonObject;
  }
  node[parts[parts.length - 1]] = value;
}

/** Field projection; `always` fields (ids) are kept like MongoDB keeps `_id`. */
export function projectFields(
  fields: unknown,
  separator: ' ' | ',',
  always: string[],
): ((item: JsonObject) => JsonObject) | null {
  const raw = Array.isArray(fields) ? fields.join(separator) : fields;
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const list = raw
    .split(separator === ' ' ? /[\s,]+/ : /,/)
    .map(f => f.trim())
    .filter(Boolean);
  if (list.length === 0) return null;
  return item => {
    const out: JsonObject = {};
    for (const key of always) if (key in item) out[key] = item[key];
    for (const path of list) {
      const value = getPath(item, path);
      if (value !== undefined) setPath(out, path, value);
    }
    return out;
  };
}
