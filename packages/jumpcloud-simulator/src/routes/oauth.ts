import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import type { KeyRecord } from '../http/keyStore';
import { sendJson } from '../http/respond';
import type { Region } from '../types';

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
}

/** JumpCloud's token lifetime (clients assume about an hour). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** Bearer tokens issued to service accounts (client credentials flow). */
export class TokenStore {
  private tokens = new Map<string, { record: KeyRecord; expiresAt: number }>();
  /** Lifetime of the tokens issued from now on (tests shorten it). */
  ttlSeconds: number;
  /** Tokens issued since the start (or the last reset). */
  issued = 0;

  constructor(ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS) {
    this.ttlSeconds = ttlSeconds;
  }

  issue(record: KeyRecord): string {
    const token = `jct_${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, {
      record,
      expiresAt: Date.now() + this.ttlSeconds * 1000,
    });
    this.issued += 1;
    return token;
  }

  get(token: string): KeyRecord | undefined {
    const entry = this.tokens.get(token);
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.record;
  }

  /** Every issued token stops working (as if it had expired). */
  expireAll(): void {
    this.tokens.clear();
  }

  clear(): void {
    this.tokens.clear();
    this.issued = 0;
  }
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function basicCredentials(header: string): [string, string] | undefined {
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return [formDecode(decoded), ''];
  return [
    formDecode(decoded.slice(0, colon)),
    formDecode(decoded.slice(colon + 1)),
  ];
}

/**
 * POST /oauth2/token: `Authorization: Basic base64(client_id:client_secret)`,
 * form body `grant_type=client_credentials&scope=api` → a Bearer token
 * (one hour unless `tokenTtlSeconds` says otherwise) usable instead of
 * `x-api-key`. Service accounts belong to one region.
 */
export function oauthRouter(
  tokens: TokenStore,
  accounts: Map<string, { secret: string; record: KeyRecord }>,
  region: Region,
): Router {
  const router = Router();
  router.post('/token', express.urlencoded({ extended: false }), (req, res) => {
    const [clientId, clientSecret] = basicCredentials(
      req.headers.authorization ?? '',
    ) ?? [
      String(req.body?.client_id ?? ''),
      String(req.body?.client_secret ?? ''),
    ];
    if (req.body?.grant_type !== 'client_credentials') {
      sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
      return;
    }
    const account = accounts.get(clientId ?? '');
    if (
      !account ||
      account.secret !== clientSecret ||
      account.record.region !== region
    ) {
      sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'client authentication failed',
      });
      return;
    }
    sendJson(res, 200, {
      access_token: tokens.issue(account.record),
      token_type: 'bearer',
      expires_in: tokens.ttlSeconds,
      scope: 'api',
    });
  });
  return router;
}
