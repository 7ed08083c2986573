import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { OrgIndex } from '../data/orgIndex';
import { badRequest, JcHttpError } from '../http/errors';
import { resolveOrgs } from '../http/pipeline';
import { sendJson } from '../http/respond';
import { compareText, getPath } from '../http/query';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

export const DI_SERVICES = [
  'all',
  'directory',
  'systems',
  'sso',
  'radius',
  'ldap',
  'mdm',
  'software',
  'alerts',
  'notifications',
  'password_manager',
  'password_vault',
  'object_storage',
  'reports',
  'saas_app_management',
  'access_management',
  'asset_management',
  'workflows',
  'genai',
  'aigw',
  'ai_admin',
  'generic_di',
];

/** Top-level event fields; a `fields` list naming none of them is a 400. */
const EVENT_FIELDS = [
  'id',
  'event_type',
  'service',
  'timestamp',
  'organization',
  'provider',
  'success',
  'client_ip',
  'geoip',
  'useragent',
  'initiated_by',
  'resource',
  'changes',
  'mfa',
  'mfa_meta',
  'auth_context',
  'application',
  'system',
  'process_name',
  'username',
  'src_ip',
  '@version',
];

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;

type EventPredicate = (event: JsonObject) => boolean;

function parseTime(
  name: string,
  value: unknown,
  required: boolean,
): number | undefined {
  if (value === undefined && !required) return undefined;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(
      value,
    ) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw badRequest(`${name} must be an RFC 3339 date-time`);
  }
  return Date.parse(value);
}

function termPredicate(term: unknown): EventPredicate {
  if (!term || typeof term !== 'object' || Array.isArray(term))
    throw badRequest('invalid search_term');
  const t = term as JsonObject;
  if (Array.isArray(t.and)) {
    const parts = t.and.map(termPredicate);
    return e => parts.every(p => p(e));
  }
  if (Array.isArray(t.or)) {
    const parts = t.or.map(termPredicate);
    return e => parts.some(p => p(e));
  }
  const lower = (v: unknown) =>
    typeof v === 'string' ? v.toLowerCase() : String(v);
  if (typeof t.field === 'string' && typeof t.operator === 'string') {
    const field = t.field;
    const values = (Array.isArray(t.value) ? t.value : [t.value]).map(lower);
    const get = (e: JsonObject) => lower(getPath(e, field));
    switch (t.operator) {
      case 'eq':
      case 'in':
        return e => values.includes(get(e));
      case 'ne':
      case 'not_in':
        return e => !values.includes(get(e));
      case 'contains':
        return e => values.some(v => get(e).includes(v));
      case 'startsWith':
        return e => values.some(v => get(e).startsWith(v));
      case 'endsWith':
        return e => values.some(v => get(e).endsWith(v));
      case 'lt':
      case 'before':
        return e => get(e) < values[0];
      case 'gt':
      case 'after':
        return e => get(e) > values[0];
      case 'lte':
        return e => get(e) <= values[0];
      case 'gte':
        return e => get(e) >= values[0];
      default:
        throw badRequest(`unsupported search_term operator "${t.operator}"`);
    }
  }
  const entries = Object.entries(t);
  return e =>
    entries.every(([field, value]) => {
      const stored = lower(getPath(e, field));
      return (Array.isArray(value) ? value : [value])
        .map(lower)
        .includes(stored);
    });
}

interface ParsedQuery {
  services: string[];
  start: number;
  end: number | undefined;
  limit: number;
  skip: number;
  desc: boolean;
  searchAfter: [number, string] | null;
  fields: string[] | null;
  search: EventPredicate | null;
}

function parseQuery(body: JsonObject): ParsedQuery {
  if (
    !Array.isArray(body.service) ||
    body.service.length === 0 ||
    body.service.some(s => typeof s !== 'string')
  ) {
    throw badRequest('service is required and must be an array of strings');
  }
  const unknown = body.service.filter(s => !DI_SERVICES.includes(s as string));
  if (unknown.length > 0)
    throw badRequest(
      `invalid service ${JSON.stringify(
        unknown,
      )}; valid values: ${DI_SERVICES.join(', ')}`,
    );
  const limitRaw = body.limit;
  // Nonsensical limits fall back to the default (documented DI behaviour).
  const limit =
    typeof limitRaw === 'number' &&
    Number.isInteger(limitRaw) &&
    limitRaw > 0 &&
    limitRaw <= MAX_LIMIT
      ? limitRaw
      : DEFAULT_LIMIT;
  const skip =
    typeof body.skip === 'number' && body.skip > 0 ? Math.floor(body.skip) : 0;
  let searchAfter: [number, string] | null = null;
  if (body.search_after !== undefined) {
    const sa = body.search_after;
    if (!Array.isArray(sa) || sa.length !== 2 || typeof sa[0] !== 'number')
      throw badRequest(
        'search_after must be the value of the X-Search_after header',
      );
    searchAfter = [sa[0], String(sa[1])];
  }
  let fields: string[] | null = null;
  if (body.fields !== undefined) {
    if (!Array.isArray(body.fields) || body.fields.length === 0)
      throw badRequest('fields must be a non-empty array');
    fields = body.fields.map(String);
    if (!fields.some(f => EVENT_FIELDS.includes(f.split('.')[0])))
      throw badRequest('fields names no known event field');
  }
  return {
    services: body.service as string[],
    start: parseTime('start_time', body.start_time, true)!,
    end: parseTime('end_time', body.end_time, false),
    limit,
    skip,
    desc: typeof body.sort === 'string' && body.sort.toUpperCase() === 'DESC',
    searchAfter,
    fields,
    search:
      body.search_term === undefined ? null : termPredicate(body.search_term),
  };
}

/** Directory Insights keeps 90 days of events (§3.7, §10). */
export const RETENTION_DAYS = 90;

/** The oldest instant still retained: the simulator's "now" less 90 days. */
export const retentionEdge = (nowMs: number) =>
  nowMs - RETENTION_DAYS * 24 * 60 * 60 * 1000;

function matchingEvents(
  orgs: OrgIndex[],
  q: ParsedQuery,
  edgeMs: number,
): JsonObject[] {
  const all = q.services.includes('all');
  // A window starting at or before the retention edge gets what is retained.
  const from = Math.max(q.start, edgeMs);
  const events = orgs
    .flatMap(o => o.data.events)
    .filter(e => {
      const ts = Date.parse(e.timestamp as string);
      if (ts < from || (q.end !== undefined && ts > q.end)) return false;
      if (!all && !q.services.includes(e.service as string)) return false;
      return !q.search || q.search(e);
    });
  const key = (e: JsonObject): [number, string] => [
    Date.parse(e.timestamp as string),
    e.id as string,
  ];
  const cmp = (a: [number, string], b: [number, string]) =>
    a[0] - b[0] || compareText(a[1], b[1]);
  events.sort((a, b) => cmp(key(a), key(b)) * (q.desc ? -1 : 1));
  if (!q.searchAfter) return events;
  const after = q.searchAfter;
  return events.filter(e => cmp(key(e), after) * (q.desc ? -1 : 1) > 0);
}

function scope(state: SimulatorState, req: Request, res: Response): OrgIndex[] {
  const orgs = resolveOrgs(state, req, res);
  const disabled = orgs.find(
    o =>
      !(
        ((o.data.organization.settings as JsonObject).features as JsonObject)
          .directoryInsights as { enabled: boolean }
      ).enabled,
  );
  if (disabled)
    throw new JcHttpError(
      402,
      'Payment Required: Directory Insights is not enabled for this organization',
    );
  return orgs;
}

/** Directory Insights: POST /events (search_after paging) and /events/count. */
export function directoryInsightsRouter(state: SimulatorState): Router {
  const router = Router();
  router.post('/events', (req, res) => {
    const q = parseQuery((req.body ?? {}) as JsonObject);
    const orgs = scope(state, req, res);
    const edge = retentionEdge(state.nowMs);
    const events = matchingEvents(orgs, q, edge);
    const page = events.slice(q.skip, q.skip + q.limit);
    const last = page[page.length - 1];
    const project = q.fields;
    const body = project
      ? page.map(e =>
          Object.fromEntries(
            Object.entries(e).filter(
              ([k]) => project.includes(k) || k === 'id',
            ),
          ),
        )
      : page;
    sendJson(res, 200, body, {
      'X-Result-Count': String(page.length),
      'X-Limit': String(q.limit),
      'X-Sort': q.desc ? 'DESC' : 'ASC',
      'X-Search_after': last
        ? JSON.stringify([Date.parse(last.timestamp as string), last.id])
        : JSON.stringify(q.searchAfter ?? []),
      'X-Request-Id': randomUUID(),
    });
    // A full page: the client asks for the next one; events arrive meanwhile.
    if (page.length === q.limit)
      state.churn.afterEventsPage(orgs, {
        fromMs: Math.max(q.start, edge),
        toMs: q.end ?? Math.max(state.nowMs, q.start),
      });
  });
  router.post('/events/count', (req, res) => {
    const q = parseQuery((req.body ?? {}) as JsonObject);
    sendJson(res, 200, {
      count: matchingEvents(
        scope(state, req, res),
        q,
        retentionEdge(state.nowMs),
      ).length,
    });
  });
  return router;
}
