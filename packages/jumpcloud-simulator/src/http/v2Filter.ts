import type { JsonObject } from '../types';
import { badRequest } from './errors';
import { getPath } from './query';
import { compareLiteral, literalMatches, type Predicate } from './v1Filter';

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'search']);

export interface V2FilterOptions {
  /** Allowed fields (null = any). */
  fields?: string[] | null;
  /** Allowed operators (default: all v2 operators). */
  operators?: string[];
  /** Maps public filter names to record paths (e.g. object_id → id). */
  aliases?: Record<string, string>;
}

/**
 * v2 `filter`: `field:op:value`, several clauses comma-joined in one
 * parameter or repeated (both AND), as JumpCloud's own tools send them.
 */
export function parseV2Filter(
  raw: unknown,
  options: V2FilterOptions = {},
): Predicate | null {
  if (raw === undefined || raw === '') return null;
  const values = Array.isArray(raw) ? raw : [raw];
  const clauses: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string') throw badRequest('invalid filter');
    clauses.push(...v.split(',').filter(c => c !== ''));
  }
  const allowedOps = new Set(options.operators ?? [...OPS]);
  const predicates = clauses.map((clause): Predicate => {
    const first = clause.indexOf(':');
    const second = first < 0 ? -1 : clause.indexOf(':', first + 1);
    if (first <= 0 || second < 0)
      throw badRequest(`invalid filter "${clause}"`);
    const field = clause.slice(0, first);
    const op = clause.slice(first + 1, second);
    const value = clause.slice(second + 1);
    if (!OPS.has(op) || !allowedOps.has(op))
      throw badRequest(`filter operator "${op}" is not supported`);
    if (options.fields && !options.fields.includes(field))
      throw badRequest(`filter field "${field}" is not supported`);
    const path = options.aliases?.[field] ?? field;
    const get = (item: JsonObject) => getPath(item, path);
    switch (op) {
      case 'eq':
        return item => literalMatches(get(item), value);
      case 'ne':
        return item => !literalMatches(get(item), value);
      case 'in': {
        const terms = value.split('|');
        return item => terms.some(t => literalMatches(get(item), t));
      }
      case 'search': {
        const needle = value.toLowerCase();
        return item =>
          String(get(item) ?? '')
            .toLowerCase()
            .includes(needle);
      }
      default: {
        const test = {
          gt: (c: number) => c > 0,
          ge: (c: number) => c >= 0,
          lt: (c: number) => c < 0,
          le: (c: number) => c <= 0,
        }[op as 'gt'];
        return item => {
          const c = compareLiteral(get(item), value);
          return c !== null && test(c);
        };
      }
    }
  });
  return predicates.length === 0
    ? null
    : item => predicates.every(p => p(item));
}
