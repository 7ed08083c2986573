import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import type { KeyRecord } from '../http/keyStore';
import { sendJson } from '../http/respond';
import type { Region } from '../types';

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
}

const TOKEN_TTL_SECONDS = 3600;

/** Bearer tokens issued to service accounts (client credentials flow). */
export class TokenStore {
  private tokens = new Map<string, { record: KeyRecord; expiresAt: number }>();

  issue(record: KeyRecord): string {
    const token = `jct_${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, {
      record,
      expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000,
    });
    return token;
  }

  get(token: string): KeyRecord | undefined {
    const entry = this.tokens.get(token);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.record;
  }

  clear(): void {
    this.tokens.clear();
  }
}

/**
 * POST /oauth2/token: `Authorization: Basic base64(client_id:client_secret)`,
 * form body `grant_type=client_credentials&scope=api` → a one-hour Bearer
 * token usable instead of `x-api-key`. Service accounts belong to one region.
 */
export function oauthRouter(
  tokens: TokenStore,
  accounts: Map<string, { secret: string; record: KeyRecord }>,
  region: Region,
): Router {
  const router = Router();
  router.post('/token', express.urlencoded({ extended: false }), (req, res) => {
    const header = req.headers.authorization ?? '';
    const [clientId, clientSecret] = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
      : [
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
      expires_in: TOKEN_TTL_SECONDS,
      scope: 'api',
    });
  });
  return router;
}
