import { CLOUDFLARE_STATUSES, isCloudflareStatus } from './cloudflare';
import { badRequest } from './errors';

/**
 * Faults a test can inject. Each applies to API requests (never the control
 * API) whose path starts with `pathPrefix` (default: all), from global
 * request number `atRequest` (1-based, default: the next one), `times`
 * times (default 1; 0 = until cleared).
 */
export type FaultSpec =
  | (FaultScope & {
      type: 'status';
      status: number;
      retryAfterSeconds?: number;
    })
  | (FaultScope & {
      /** Cloudflare's own HTML error page (403, 429, 502, 503, 520-524). */
      type: 'cloudflare';
      status: number;
      retryAfterSeconds?: number;
    })
  | (FaultScope & { type: 'slow'; delayMs: number })
  | (FaultScope & { type: 'truncated' })
  | (FaultScope & { type: 'malformed' })
  | (FaultScope & { type: 'shortPages'; dropItems?: number })
  | { type: 'revokeKey'; key: string; atRequest: number };

export interface FaultScope {
  pathPrefix?: string;
  atRequest?: number;
  times?: number;
}

export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  startAt: number;
  remaining: number | null;
  fired: number;
}

export type ResponseFault = Exclude<FaultSpec, { type: 'revokeKey' }>;

const TYPES = [
  'status',
  'cloudflare',
  'slow',
  'truncated',
  'malformed',
  'shortPages',
  'revokeKey',
];

/** Validates a fault from the control API (bad input is a 400, not a crash). */
export function parseFault(input: unknown): FaultSpec {
  if (!input || typeof input !== 'object')
    throw badRequest('fault must be an object');
  const f = input as Record<string, unknown>;
  if (!TYPES.includes(f.type as string))
    throw badRequest(`fault type must be one of ${TYPES.join(', ')}`);
  const int = (name: string, min: number, optional = true) => {
    const v = f[name];
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw badRequest(`fault.${name} must be an integer >= ${min}`);
  };
  int('atRequest', 1, f.type !== 'revokeKey');
  int('times', 0);
  if (f.pathPrefix !== undefined && typeof f.pathPrefix !== 'string')
    throw badRequest('fault.pathPrefix must be a string');
  if (f.type === 'status' || f.type === 'cloudflare') {
    int('status', 100, false);
    int('retryAfterSeconds', 0);
  }
  if (f.type === 'cloudflare' && !isCloudflareStatus(f.status))
    throw badRequest(
      `fault.status of a cloudflare fault must be one of ${CLOUDFLARE_STATUSES.join(
        ', ',
      )}`,
    );
  if (f.type === 'slow') int('delayMs', 0, false);
  if (f.type === 'shortPages') int('dropItems', 1);
  if (f.type === 'revokeKey' && typeof f.key !== 'string')
    throw badRequest('fault.key must be a string');
  return f as unknown as FaultSpec;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec, currentRequest: number): string {
    const id = `fault-${this.nextId++}`;
    const times = spec.type === 'revokeKey' ? 1 : spec.times ?? 1;
    this.faults.push({
      id,
      spec,
      startAt: spec.atRequest ?? currentRequest + 1,
      remaining: times === 0 ? null : times,
      fired: 0,
    });
    return id;
  }

  list(): ActiveFault[] {
    return this.faults.map(f => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Faults that fire on this request (each consumed once). */
  take(requestNumber: number, path: string): FaultSpec[] {
    const fired: FaultSpec[] = [];
    for (const fault of this.faults) {
      if (fault.remaining === 0 || requestNumber < fault.startAt) continue;
      const prefix =
        fault.spec.type === 'revokeKey' ? undefined : fault.spec.pathPrefix;
      if (prefix && !path.startsWith(prefix)) continue;
      fault.fired++;
      if (fault.remaining !== null) fault.remaining--;
      fired.push(fault.spec);
    }
    this.faults = this.faults.filter(f => f.remaining !== 0);
    return fired;
  }
}
