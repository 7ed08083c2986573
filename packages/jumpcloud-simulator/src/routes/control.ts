import { Router } from 'express';
import { badRequest } from '../http/errors';
import { sendJson } from '../http/respond';
import type { SimulatorState } from '../state';
import type { JsonObject } from '../types';

export interface ControlInfo {
  seed: number;
  size: string;
  keys: Record<string, string>;
  regionUrls: Record<string, string>;
  /** Client credentials of the built-in service account (POST /oauth2/token). */
  serviceAccount: { clientId: string; clientSecret: string };
}

const body = (value: unknown): JsonObject =>
  value && typeof value === 'object' ? (value as JsonObject) : {};

/**
 * The control API under /__simulator (no API key): faults, counters, reset,
 * key revocation/regeneration, data mutation, latency, rate limit and churn.
 */
export function controlRouter(
  state: SimulatorState,
  info: () => ControlInfo,
): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const d = state.dataset;
    sendJson(res, 200, {
      ...info(),
      settings: state.settings(),
      // MSP tenants; only those a request has selected appear under `orgs`.
      tenants: state.tenants.ids.length,
      orgs: d.orgs.map(o => ({
        id: o.id,
        name: o.name,
        systems: o.systems.length,
        users: o.users.length,
        userGroups: o.userGroups.length,
        systemGroups: o.systemGroups.length,
        policies: o.policies.length,
        events: o.events.length,
      })),
    });
  });
  router.get('/counters', (_req, res) => sendJson(res, 200, state.counters()));
  router.post('/counters/reset', (_req, res) => {
    state.resetCounters();
    res.status(204).end();
  });
  router.get('/faults', (_req, res) => sendJson(res, 200, state.listFaults()));
  router.post('/faults', (req, res) =>
    sendJson(res, 201, { id: state.addFault(req.body) }),
  );
  router.delete('/faults', (_req, res) => {
    state.clearFaults();
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  router.post('/keys/revoke', (req, res) => {
    const key = body(req.body).key;
    if (typeof key !== 'string') throw badRequest('key is required');
    sendJson(res, 200, { revoked: state.revokeKey(key) });
  });
  router.post('/keys/regenerate', (req, res) => {
    const key = body(req.body).key;
    if (typeof key !== 'string') throw badRequest('key is required');
    sendJson(res, 200, { key: state.regenerateKey(key) });
  });
  router.post('/mutate', (req, res) => {
    const b = body(req.body);
    sendJson(res, 200, {
      orgs: state.mutate(b.percent as number, b.orgId as string | undefined),
    });
  });
  router.put('/latency', (req, res) => {
    const b = body(req.body);
    state.setLatency(Number(b.latencyMs ?? 0), Number(b.jitterMs ?? 0));
    sendJson(res, 200, state.settings());
  });
  router.put('/churn', (req, res) => {
    const b = req.body;
    state.setChurn(
      b && typeof b === 'object' && Object.keys(b).length ? b : null,
    );
    sendJson(res, 200, state.settings());
  });
  router.put('/rate-limit', (req, res) => {
    const b = body(req.body);
    state.setRateLimit(
      b.perSecond === null || b.perSecond === undefined
        ? null
        : { perSecond: Number(b.perSecond), retryAfter: b.retryAfter === true },
    );
    sendJson(res, 200, state.settings());
  });
  router.put('/oauth/token-ttl', (req, res) => {
    const seconds = body(req.body).seconds;
    state.setTokenTtl(
      seconds === null || seconds === undefined ? null : Number(seconds),
    );
    sendJson(res, 200, state.settings());
  });
  router.post('/oauth/expire', (_req, res) => {
    state.expireTokens();
    res.status(204).end();
  });
  return router;
}
