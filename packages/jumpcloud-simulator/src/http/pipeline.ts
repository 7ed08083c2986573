import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkAccess } from '../access/checkAccess';
import type { OrgIndex } from '../data/orgIndex';
import type { SimulatorState } from '../state';
import type { Region } from '../types';
import { sendCloudflarePage, type CloudflareStatus } from './cloudflare';
import { bump } from './counters';
import {
  forbidden,
  isObjectId,
  JcHttpError,
  noOrganizationSelected,
  notFound,
  badRequest,
  unknownKey,
} from './errors';
import type { ResponseFault } from './faults';
import type { KeyRecord } from './keyStore';

export const CONTROL_PREFIX = '/__simulator';

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Headers JumpCloud's nginx front sends on the classic routes. */
function edgeHeaders(res: Response, startedAt: number) {
  res.setHeader('server', 'nginx');
  res.setHeader(
    'strict-transport-security',
    'max-age=31536000; includeSubDomains',
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'SAMEORIGIN');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
  const writeHead = res.writeHead;
  res.writeHead = function patched(this: Response, ...args: any[]) {
    if (!res.headersSent)
      res.setHeader(
        'x-response-time',
        `${(performance.now() - startedAt).toFixed(3)}ms`,
      );
    return (writeHead as any).apply(this, args);
  } as typeof res.writeHead;
}

/** `GET /api/v2/users/:id/systems`: ids folded so counters group by route. */
function routeLabel(req: Request): string {
  const path = req.originalUrl
    .split('?')[0]
    .replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/:id');
  return `${req.method} ${path}`;
}

/** JumpCloud sends no Retry-After (§4.3); a fault may ask for one. */
const retryAfter = (seconds: number | undefined): Record<string, string> =>
  seconds !== undefined ? { 'retry-after': String(seconds) } : {};

export function sendError(res: Response, error: JcHttpError): void {
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
  res
    .status(error.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(error.body()));
}

/**
 * Every API request: counting, latency, injected faults, key check (region
 * included), rate limit, then the key's role (403) and plan (402). The
 * control API never passes here.
 */
export function apiPipeline(
  state: SimulatorState,
  region: Region,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const startedAt = performance.now();
    edgeHeaders(res, startedAt);
    const counters = state.requestCounters;
    const requestNumber = ++counters.total;
    const apiKey =
      typeof req.headers['x-api-key'] === 'string'
        ? req.headers['x-api-key']
        : undefined;
    const authorization = req.headers.authorization ?? '';
    const bearer = authorization.startsWith('Bearer ')
      ? authorization.slice(7).trim()
      : undefined;
    const label =
      bearer && !apiKey
        ? state.tokens.get(bearer)?.label ?? 'unknown'
        : state.keys.labelOf(apiKey);
    res.on('finish', () => {
      const c = state.requestCounters;
      if (c !== counters) return; // counters were reset meanwhile
      bump(c.byRoute, routeLabel(req));
      bump(c.byStatus, String(res.statusCode));
      bump(c.byKey, label);
    });
    try {
      const delay =
        state.latencyMs +
        (state.jitterMs > 0 ? Math.random() * state.jitterMs : 0);
      if (delay > 0) await sleep(delay);

      const fired = state.faults.take(
        requestNumber,
        req.originalUrl.split('?')[0],
      );
      const responseFaults: ResponseFault[] = [];
      for (const fault of fired) {
        counters.faultsInjected++;
        if (fault.type === 'revokeKey') state.keys.revoke(fault.key);
        else if (fault.type === 'slow') await sleep(fault.delayMs);
        else if (fault.type === 'cloudflare') {
          sendCloudflarePage(
            res,
            fault.status as CloudflareStatus,
            retryAfter(fault.retryAfterSeconds),
          );
          return;
        } else if (fault.type === 'status') {
          const headers = retryAfter(fault.retryAfterSeconds);
          const text = STATUS_TEXT[fault.status] ?? 'Error';
          if (fault.status >= 502 && fault.status <= 504) {
            // The edge answers gateway errors with an HTML page, not JSON.
            res
              .status(fault.status)
              .set(headers)
              .type('text/html')
              .send(
                `<html>\r\n<head><title>${fault.status} ${text}</title></head>\r\n<body>\r\n<center><h1>${fault.status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
              );
          } else {
            sendError(
              res,
              new JcHttpError(
                fault.status,
                `${text}: injected fault`,
                undefined,
                headers,
              ),
            );
          }
          return;
        } else responseFaults.push(fault);
      }
      res.locals.responseFaults = responseFaults;

      // Service accounts send a Bearer token instead of x-api-key.
      const key = apiKey
        ? state.keys.get(apiKey)
        : bearer && state.tokens.get(bearer);
      if (!key && apiKey) state.recordOldKeyAttempt(apiKey, req.ip ?? '');
      if (!key || key.region !== region) throw unknownKey();
      res.locals.key = key;

      const wait = state.rateLimiter.check(
        label === 'unknown' ? key.adminId : label,
      );
      if (wait !== null) {
        counters.rateLimited++;
        const headers: Record<string, string> = state.rateLimiter.settings
          ?.retryAfter
          ? { 'retry-after': String(wait) }
          : {};
        throw new JcHttpError(429, 'Too Many Requests', undefined, headers);
      }
      checkAccess(key, req.originalUrl.split('?')[0]);
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function keyOf(res: Response): KeyRecord {
  return res.locals.key as KeyRecord;
}

function orgHeaderValues(req: Request): string[] {
  const raw = req.headersDistinct['x-org-id'] ?? [];
  return raw
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v !== '');
}

/** Routes that refuse `x-org-id` (organisations, console admins). */
export const refuseOrgHeader: RequestHandler = (req, _res, next) => {
  if (orgHeaderValues(req).length > 0)
    return next(forbidden('organization selection not allowed via header'));
  return next();
};

function orgFor(state: SimulatorState, key: KeyRecord, id: string): OrgIndex {
  if (!isObjectId(id)) throw badRequest(`invalid organization id "${id}"`);
  const org = state.org(id);
  if (!org || !key.orgIds.includes(id))
    throw notFound('organization not found');
  return org;
}

/**
 * The org an org-scoped request reads: single-tenant keys default to their
 * org (an empty header counts as absent); multi-tenant keys must choose.
 */
export function resolveOrg(
  state: SimulatorState,
  req: Request,
  res: Response,
): OrgIndex {
  const key = keyOf(res);
  const values = orgHeaderValues(req);
  if (values.length === 0) {
    if (key.orgIds.length !== 1) throw noOrganizationSelected();
    return orgFor(state, key, key.orgIds[0]);
  }
  if (values.length > 1)
    throw badRequest('only one x-org-id header is allowed');
  return orgFor(state, key, values[0]);
}

/** Directory Insights accepts one x-org-id header per org for MSP keys. */
export function resolveOrgs(
  state: SimulatorState,
  req: Request,
  res: Response,
): OrgIndex[] {
  const key = keyOf(res);
  const values = orgHeaderValues(req);
  if (values.length === 0) {
    if (key.orgIds.length !== 1) throw noOrganizationSelected();
    return [orgFor(state, key, key.orgIds[0])];
  }
  return [...new Set(values)].map(id => orgFor(state, key, id));
}

/** Turns thrown errors into JumpCloud bodies; anything unexpected is a logged 500. */
export function errorHandler(
  err: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (err instanceof JcHttpError) return sendError(res, err);
  const status =
    (err as { status?: number; statusCode?: number })?.status ??
    (err as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) {
    // body-parser errors (invalid JSON, too large) are client errors.
    return sendError(
      res,
      new JcHttpError(status, `Bad Request: ${(err as Error).message}`),
    );
  }
  if (res.headersSent) return next(err);
  // eslint-disable-next-line no-console
  console.error('jumpcloud-simulator: unexpected error', err);
  return sendError(
    res,
    new JcHttpError(500, 'Internal Server Error: unexpected simulator error'),
  );
}
