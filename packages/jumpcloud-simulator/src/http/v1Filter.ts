import type { JsonObject } from '../types';
import { badRequest } from './errors';
import { compareText, getPath } from './query';

export type Predicate = (item: JsonObject) => boolean;

const BASIC_OPS = new Set([
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$sw',
]);
const CONSISTENT_OPS = new Set(['$ew', '$co', '$nco']);

/** Splits on `|` unless escaped as `\|`. */
function splitTerms(value: string): string[] {
  return value.split(/(?<!\\)\|/).map(t => t.replace(/\\\|/g, '|'));
}

/** Compares a stored value with a filter literal the way JumpCloud coerces them. */
export function literalMatches(stored: unknown, literal: string): boolean {
  if (Array.isArray(stored))
    return stored.some(v => literalMatches(v, literal));
  if (stored === null || stored === undefined)
    return literal === 'null' || (stored === undefined && literal === '');
  if (typeof stored === 'boolean') return String(stored) === literal;
  if (typeof stored === 'number') return stored === Number(literal);
  return String(stored) === literal;
}

/** Orders a stored value against a literal; null when they cannot be compared. */
export function compareLiteral(
  stored: unknown,
  literal: string,
): number | null {
  if (stored === null || stored === undefined) return null;
  if (typeof stored === 'number') {
    const n = Number(literal);
    return Number.isNaN(n) ? null : stored - n;
  }
  return compareText(String(stored), literal);
}

function ordered(
  get: (item: JsonObject) => unknown,
  value: string,
  test: (c: number) => boolean,
): Predicate {
  return item => {
    const c = compareLiteral(get(item), value);
    return c !== null && test(c);
  };
}

function asString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function operatorPredicate(
  field: string,
  op: string,
  value: string,
  eventuallyConsistent: boolean,
): Predicate {
  const normalized = op.startsWith('$') ? op : `$${op}`;
  if (CONSISTENT_OPS.has(normalized) && !eventuallyConsistent) {
    throw badRequest(
      `filter operator "${normalized}" requires the x-eventually-consistent header`,
    );
  }
  if (!BASIC_OPS.has(normalized) && !CONSISTENT_OPS.has(normalized)) {
    throw badRequest(`invalid filter operator "${op}"`);
  }
  const terms = splitTerms(value);
  const get = (item: JsonObject) => getPath(item, field);
  switch (normalized) {
    case '$eq':
      return item => literalMatches(get(item), value);
    case '$ne':
      return item => !literalMatches(get(item), value);
    case '$in':
      return item => terms.some(t => literalMatches(get(item), t));
    case '$nin':
      return item => !terms.some(t => literalMatches(get(item), t));
    case '$lt':
      return ordered(get, value, c => c < 0);
    case '$lte':
      return ordered(get, value, c => c <= 0);
    case '$gt':
      return ordered(get, value, c => c > 0);
    case '$gte':
      return ordered(get, value, c => c >= 0);
    case '$sw': {
      if (terms.length > 1 && !eventuallyConsistent) {
        throw badRequest(
          'multi-term "$sw" requires the x-eventually-consistent header',
        );
      }
      return item =>
        terms.some(t => asString(get(item))?.startsWith(t) ?? false);
    }
    case '$ew':
      return item => terms.some(t => asString(get(item))?.endsWith(t) ?? false);
    case '$co':
      return item => terms.some(t => asString(get(item))?.includes(t) ?? false);
    default:
      return item =>
        !terms.some(t => asString(get(item))?.includes(t) ?? false);
  }
}

/** Parses one `field:$op:value` clause (the value may itself contain colons). */
export function parseV1Clause(
  clause: string,
  eventuallyConsistent: boolean,
): Predicate {
  const first = clause.indexOf(':');
  const second = first < 0 ? -1 : clause.indexOf(':', first + 1);
  if (first <= 0 || second < 0) throw badRequest(`invalid filter "${clause}"`);
  return operatorPredicate(
    clause.slice(0, first),
    clause.slice(first + 1, second),
    clause.slice(second + 1),
    eventuallyConsistent,
  );
}

const all =
  (ps: Predicate[]): Predicate =>
  item =>
    ps.every(p => p(item));
const any =
  (ps: Predicate[]): Predicate =>
  item =>
    ps.some(p => p(item));

/**
 * The v1 GET `filter` parameter: a string, repeated/indexed (`filter[0]`,
 * AND), or `filter[or][n]` (OR) / `filter[and][n]`.
 */
export function parseV1Filter(
  raw: unknown,
  eventuallyConsistent: boolean,
): Predicate | null {
  if (raw === undefined || raw === '') return null;
  const clauses = (value: unknown): Predicate[] => {
    if (typeof value === 'string')
      return value === '' ? [] : [parseV1Clause(value, eventuallyConsistent)];
    if (Array.isArray(value)) return value.flatMap(clauses);
    if (value && typeof value === 'object') {
      const obj = value as JsonObject;
      const out: Predicate[] = [];
      for (const [key, v] of Object.entries(obj)) {
        if (key === 'or') out.push(any(clauses(v)));
        else if (key === 'and') out.push(all(clauses(v)));
        else if (/^\d+$/.test(key)) out.push(...clauses(v));
        else throw badRequest(`invalid filter key "${key}"`);
      }
      return out;
    }
    throw badRequest('invalid filter');
  };
  const predicates = clauses(raw);
  return predicates.length === 0 ? null : all(predicates);
}

/**
 * The body `filter` of POST /search/*: an array of `{field: value}` objects
 * (AND) or `{and: [...]}` / `{or: [...]}`. Values may be literals or
 * `{"$op": value}` objects.
 */
export function parseSearchFilter(
  raw: unknown,
  eventuallyConsistent: boolean,
): Predicate | null {
  if (raw === undefined || raw === null) return null;
  const term = (value: unknown): Predicate => {
    if (Array.isArray(value)) return all(value.map(term));
    if (!value || typeof value !== 'object')
      throw badRequest('invalid search filter');
    const obj = value as JsonObject;
    const predicates: Predicate[] = [];
    for (const [key, v] of Object.entries(obj)) {
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(v)) throw badRequest(`"${key}" must be an array`);
        predicates.push((key === 'and' ? all : any)(v.map(term)));
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [op, operand] of Object.entries(v as JsonObject)) {
          const literal = Array.isArray(operand)
            ? operand.map(String).join('|')
            : String(operand);
          predicates.push(
            operatorPredicate(key, op, literal, eventuallyConsistent),
          );
        }
      } else {
        predicates.push(item => literalMatches(getPath(item, key), String(v)));
      }
    }
    return all(predicates);
  };
  return term(raw);
}

/** `searchFilter: {searchTerm, fields}`: case-insensitive partial match on any field. */
export function parseSearchTerm(raw: unknown): Predicate | null {
  if (!raw || typeof raw !== 'object') return null;
  const { searchTerm, fields } = raw as {
    searchTerm?: unknown;
    fields?: unknown;
  };
  const terms = (Array.isArray(searchTerm) ? searchTerm : [searchTerm]).filter(
    t => typeof t === 'string' && t !== '',
  ) as string[];
  if (terms.length === 0) return null;
  if (!Array.isArray(fields) || fields.length === 0)
    throw badRequest('searchFilter.fields must be a non-empty array');
  const lowered = terms.map(t => t.toLowerCase());
  return item =>
    fields.some(f =>
      lowered.some(
        t =>
          asString(getPath(item, String(f)))
            ?.toLowerCase()
            .includes(t) ?? false,
      ),
    );
}
