import { JumpCloudError } from '../JumpCloudError';
import type {
  JumpCloudClientStats,
  JumpCloudCredentialType,
  JumpCloudLogger,
} from '../types';
import { cancelledError, linkedSignal, raceAbort } from './abort';
import { parseRetryAfter } from './classifyResponse';
import { redactSecrets, transportFailure } from './transportFailure';

/** How one request was authenticated. */
export interface AppliedAuth {
  headers: Record<string, string>;
  /** The Bearer token sent (service accounts only). */
  token?: string;
}

/**
 * Authenticates requests: an API key header, or a service account's Bearer
 * token fetched (once, shared by concurrent requests) and renewed before
 * it expires.
 */
export interface RequestAuth {
  readonly type: JumpCloudCredentialType;
  /** "API key" or "service account", for messages. */
  readonly noun: string;
  /** Headers for one request; may wait for a token. */
  apply(signal?: AbortSignal): Promise<AppliedAuth>;
  /**
   * A request sent with `applied` got a 401. True when one retry with a
   * fresh token may succeed: the rejected token is dropped first, so the
   * retry fetches a new one (or uses the one another request just got).
   */
  renewAfterRejection(applied: AppliedAuth): boolean;
  /** Texts no message may contain (key, secret, tokens). */
  secrets(): string[];
}

export class ApiKeyAuth implements RequestAuth {
  readonly type = 'apiKey' as const;
  readonly noun = 'API key';

  constructor(private readonly apiKey: string) {}

  async apply(): Promise<AppliedAuth> {
    return { headers: { 'x-api-key': this.apiKey } };
  }

  renewAfterRejection(): boolean {
    return false;
  }

  secrets(): string[] {
    return [this.apiKey];
  }
}

interface ServiceAccountAuthOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  /** Time limit of one token request. */
  timeoutMs: number;
  userAgent: string;
  /** The client's counters (`tokenRequests`). */
  stats: JumpCloudClientStats;
  /** Cancels token requests (the client's signal). */
  signal?: AbortSignal;
  logger?: JumpCloudLogger;
  /** Clock, for tests. */
  now?: () => number;
}

interface CachedToken {
  value: string;
  /** When JumpCloud stops accepting it (from `expires_in`). */
  expiresAt: number;
  /** When a new one is fetched instead: a little before it expires. */
  renewAt: number;
}

/** Lifetime assumed when the token response has no usable `expires_in`. */
const DEFAULT_TOKEN_LIFETIME_S = 3600;
/** Tokens are renewed this long before they expire (at most a tenth of their life). */
const RENEW_MARGIN_MS = 60_000;

const PERMISSION_ERRORS = new Set([
  'unauthorized_client',
  'invalid_scope',
  'access_denied',
]);

/** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object'
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/**
 * OAuth 2.0 client credentials of a JumpCloud service account: POST the
 * token endpoint with Basic auth and `grant_type=client_credentials&scope=api`,
 * then send `Authorization: Bearer <token>`. The token is cached, renewed
 * shortly before it expires, and fetched once for all concurrent requests.
 * The secret never reaches a message or a log.
 */
export class ServiceAccountAuth implements RequestAuth {
  readonly type = 'serviceAccount' as const;
  readonly noun = 'service account';
  #token: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;
  readonly #now: () => number;

  constructor(private readonly options: ServiceAccountAuthOptions) {
    this.#now = options.now ?? Date.now;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get tokenUrl(): string {
    return this.options.tokenUrl;
  }

  async apply(signal?: AbortSignal): Promise<AppliedAuth> {
    const token = await this.token(signal);
    return {
      headers: { authorization: `Bearer ${token.value}` },
      token: token.value,
    };
  }

  renewAfterRejection(applied: AppliedAuth): boolean {
    if (!applied.token) return false;
    if (this.#token?.value === applied.token) this.#token = undefined;
    return true;
  }

  secrets(): string[] {
    const secrets = [this.options.clientSecret];
    if (this.#token) secrets.push(this.#token.value);
    return secrets;
  }

  /** The cached token, or one fetch shared by every caller meanwhile. */
  token(signal?: AbortSignal): Promise<CachedToken> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    const cached = this.#token;
    if (cached && this.#now() < cached.renewAt) return Promise.resolve(cached);
    if (!this.#pending) {
      const pending = this.#fetchToken(this.options.tokenUrl)
        .then(token => {
          this.#token = token;
          return token;
        })
        .finally(() => {
          if (this.#pending === pending) this.#pending = undefined;
        });
      // Every waiter may have given up (aborted); the failure is theirs.
      pending.catch(() => undefined);
      this.#pending = pending;
    }
    return raceAbort(this.#pending, signal);
  }

  /**
   * Whether another token endpoint (another region's) accepts these
   * credentials; for telling a wrong region from bad credentials. Throws
   * only when cancelled.
   */
  async acceptedAt(tokenUrl: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await raceAbort(this.#fetchToken(tokenUrl), signal);
      return true;
    } catch (error) {
      if (error instanceof JumpCloudError && error.kind === 'cancelled') {
        throw error;
      }
      return false;
    }
  }

  async #fetchToken(tokenUrl: string): Promise<CachedToken> {
    const { clientId, clientSecret, timeoutMs } = this.options;
    this.options.stats.tokenRequests += 1;
    const startedAt = this.#now();
    const timeout = linkedSignal([this.options.signal], timeoutMs);
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(
            `${formEncode(clientId)}:${formEncode(clientSecret)}`,
          ).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'user-agent': this.options.userAgent,
        },
        body: 'grant_type=client_credentials&scope=api',
        signal: timeout.signal,
        // Like the API: a redirect could reach a host nobody checked.
        redirect: 'error',
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      throw transportFailure(error, {
        cancelled: Boolean(this.options.signal?.aborted),
        timedOut: timeout.timedOut(),
        timeoutMs,
        target: `JumpCloud's token endpoint (${tokenUrl})`,
        secrets: this.secrets(),
      });
    } finally {
      timeout.release();
    }

    const body = parseJson(text);
    if (status >= 200 && status < 300) {
      return this.#tokenOf(body, startedAt, status);
    }
    throw this.#failure(
      status,
      body,
      tokenUrl,
      parseRetryAfter(headers.get('retry-after')),
    );
  }

  #tokenOf(body: unknown, startedAt: number, status: number): CachedToken {
    const value = field(body, 'access_token');
    const type = field(body, 'token_type');
    if (
      typeof value !== 'string' ||
      value.trim() === '' ||
      (type !== undefined && String(type).toLowerCase() !== 'bearer')
    ) {
      throw new JumpCloudError(
        'malformed_response',
        "JumpCloud's token endpoint answered without a Bearer access token.",
        { status },
      );
    }
    const expiresIn = Number(field(body, 'expires_in'));
    const lifetimeMs =
      (Number.isFinite(expiresIn) && expiresIn > 0
        ? expiresIn
        : DEFAULT_TOKEN_LIFETIME_S) * 1000;
    // Counted from before the request: the token cannot outlive that.
    const expiresAt = startedAt + lifetimeMs;
    const token = {
      value: value.trim(),
      expiresAt,
      renewAt: expiresAt - Math.min(RENEW_MARGIN_MS, lifetimeMs / 10),
    };
    this.options.logger?.debug('Fetched a JumpCloud service-account token', {
      clientId: this.options.clientId,
      expiresInSeconds: Math.round(lifetimeMs / 1000),
    });
    return token;
  }

  #failure(
    status: number,
    body: unknown,
    tokenUrl: string,
    retryAfterMs: number | undefined,
  ): JumpCloudError {
    const code = field(body, 'error');
    const oauthError = typeof code === 'string' ? code : undefined;
    const description = [
      field(body, 'error_description'),
      field(body, 'message'),
      oauthError,
    ].find(
      (text): text is string => typeof text === 'string' && text.trim() !== '',
    );
    const said = description
      ? ` JumpCloud said: "${this.#redact(description.trim().slice(0, 300))}".`
      : '';
    const options = { status, retryAfterMs };
    const who = `the service account (client ID ${this.options.clientId})`;
    if (status === 401 || (status === 400 && oauthError === 'invalid_client')) {
      return new JumpCloudError(
        'invalid_key',
        `JumpCloud refused ${who}: its client ID and secret were not accepted. Check both, that the secret has not expired or been replaced, and that the region matches the organisation (EU and India organisations have their own token endpoints).${said}`,
        options,
      );
    }
    if (
      status === 403 ||
      (status === 400 && oauthError && PERMISSION_ERRORS.has(oauthError))
    ) {
      return new JumpCloudError(
        'api_access_disabled',
        `JumpCloud accepted the credentials of ${who} but refused it an API token: the service account lacks permission to use the API. Give it a role that may read the organisation (e.g. Read Only) and check that it is active.${said}`,
        options,
      );
    }
    if (status === 429) {
      return new JumpCloudError(
        'rate_limited',
        `JumpCloud's token endpoint kept rate-limiting (429 Too Many Requests).`,
        options,
      );
    }
    if (status >= 500) {
      return new JumpCloudError(
        'unavailable',
        `JumpCloud's token endpoint is unavailable (HTTP ${status}). Try again later.${said}`,
        options,
      );
    }
    if (status === 404) {
      return new JumpCloudError(
        'not_found',
        `There is no JumpCloud token endpoint at ${tokenUrl} (404): check the API URL.${said}`,
        options,
      );
    }
    return new JumpCloudError(
      'bad_request',
      `JumpCloud's token endpoint refused the token request (HTTP ${status}).${said}`,
      options,
    );
  }

  #redact(text: string): string {
    return redactSecrets(text, this.secrets());
  }
}
