import { backOff } from 'exponential-backoff';
import { JumpCloudError } from '../JumpCloudError';
import type { JumpCloudClientStats, JumpCloudLogger } from '../types';
import { cancelledError, linkedSignal, raceAbort } from './abort';
import type { AppliedAuth, RequestAuth } from './auth';
import {
  classifyFailure,
  parseRetryAfter,
  serverMessageOf,
} from './classifyResponse';
import { RequestScheduler } from './RequestScheduler';
import { redactSecrets, transportFailure } from './transportFailure';

const PARSE_FAILED = Symbol('parse-failed');

/** A 401 on a service-account token: retry once with a fresh token. */
class TokenRejected extends Error {}

/** Longest Retry-After the client waits for (2 minutes). */
const MAX_RETRY_AFTER_MS = 120_000;

/** @public */
export type QueryValue = string | number | boolean | undefined;

interface HttpRequest {
  method?: 'GET' | 'POST';
  /** Which host serves the route. */
  host: 'console' | 'insights';
  /** Path from the host root, e.g. `/api/systems`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Send x-org-id (when an org is configured). */
  orgScoped: boolean;
  /** Capability named in errors (e.g. "devices"). */
  capability: string;
  signal?: AbortSignal;
  /** Overrides the console host for this request (region probes). */
  baseUrl?: string;
  /** Retries after the first attempt; defaults to the client's. */
  maxRetries?: number;
  /**
   * A probe of another host (wrong-region detection): its success must not
   * count as "this key worked here", which would turn later 401s into
   * "revoked".
   */
  probe?: boolean;
}

interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

interface JumpCloudHttpOptions {
  /** The API key, or a service account's token source. */
  auth: RequestAuth;
  /** Counters to update (shared with the token source); fresh ones by default. */
  stats?: JumpCloudClientStats;
  consoleUrl: string;
  insightsUrl: string;
  orgId?: string;
  scheduler: RequestScheduler;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  signal?: AbortSignal;
  logger?: JumpCloudLogger;
  userAgent: string;
}

/**
 * One JumpCloud HTTP exchange: admission (concurrency + rate), timeout,
 * classification, retries with exponential backoff and full jitter on
 * transient failures (network, timeout, 429, 5xx), honouring Retry-After.
 * 400/401/403/404 and malformed bodies are never retried.
 */
export class JumpCloudHttp {
  readonly stats: JumpCloudClientStats;
  private keyWorked = false;

  constructor(private readonly options: JumpCloudHttpOptions) {
    this.stats = options.stats ?? {
      requests: 0,
      retries: 0,
      rateLimited: 0,
      tokenRequests: 0,
    };
  }

  get orgId(): string | undefined {
    return this.options.orgId;
  }

  /** True once any request with this key succeeded (a later 401 = revoked). */
  get keyAccepted(): boolean {
    return this.keyWorked;
  }

  /** How requests are authenticated (API key or service account). */
  get auth(): RequestAuth {
    return this.options.auth;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const link = linkedSignal([this.options.signal, request.signal]);
    try {
      return await this.#request(request, link.signal);
    } finally {
      link.release();
    }
  }

  async #request(
    request: HttpRequest,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    if (signal.aborted) throw cancelledError(request.capability);
    const maxRetries = request.maxRetries ?? this.options.maxRetries;
    // Throttling belongs to the credential, not to the request: a request
    // that asked for few retries (a Test Connection probe) still gets the
    // client's whole budget for 429s while the shared rate slows down.
    const budget = Math.max(maxRetries, this.options.maxRetries);
    const attempts = backOff(() => this.attemptOnce(request, signal), {
      numOfAttempts: budget + 1,
      startingDelay: this.options.retryBaseDelayMs,
      timeMultiple: 2,
      maxDelay: this.options.retryMaxDelayMs,
      jitter: 'full',
      retry: (error: unknown, attemptNumber: number) =>
        (attemptNumber <= maxRetries ||
          (error instanceof JumpCloudError && error.kind === 'rate_limited')) &&
        this.shouldRetry(error, attemptNumber, request, signal),
    });
    return raceAbort(attempts, signal);
  }

  private shouldRetry(
    error: unknown,
    attemptNumber: number,
    request: HttpRequest,
    signal: AbortSignal | undefined,
  ): boolean {
    if (signal?.aborted) return false;
    if (!(error instanceof JumpCloudError) || !error.retryable) return false;
    if (error.retryAfterMs !== undefined) {
      // Waiting longer than this is worse than telling the admin now.
      if (error.retryAfterMs > MAX_RETRY_AFTER_MS) return false;
      // Retry-After concerns the whole key: hold every request back, not
      // only this one, so the others do not run into the same 429.
      this.options.scheduler.pauseFor(error.retryAfterMs);
    }
    this.stats.retries += 1;
    this.options.logger?.debug('Retrying JumpCloud request', {
      path: request.path,
      attempt: attemptNumber,
      kind: error.kind,
      status: error.status,
    });
    return true;
  }

  private async attemptOnce(
    request: HttpRequest,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    try {
      return await this.options.scheduler.run(
        () => this.send(request, signal, true),
        signal,
      );
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      // The token expired (or was revoked) before we thought: once more
      // with a fresh one, queued like any request.
      this.options.logger?.debug(
        'JumpCloud refused the service-account token; retrying with a new one',
        { path: request.path },
      );
      return this.options.scheduler.run(
        () => this.send(request, signal, false),
        signal,
      );
    }
  }

  private buildUrl(request: HttpRequest): string {
    const base =
      request.baseUrl ??
      (request.host === 'insights'
        ? this.options.insightsUrl
        : this.options.consoleUrl);
    const url = new URL(base + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  private headersFor(
    request: HttpRequest,
    auth: AppliedAuth,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      ...auth.headers,
      accept: 'application/json',
      'user-agent': this.options.userAgent,
    };
    if (request.body !== undefined)
      headers['content-type'] = 'application/json';
    if (request.orgScoped && this.options.orgId) {
      headers['x-org-id'] = this.options.orgId;
    }
    return headers;
  }

  private async send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    mayRenewToken: boolean,
  ): Promise<HttpResponse> {
    let auth: AppliedAuth;
    try {
      auth = await this.options.auth.apply(signal);
    } catch (error) {
      throw error instanceof JumpCloudError && error.capability === undefined
        ? error.withCapability(request.capability)
        : error;
    }
    this.stats.requests += 1;
    const timeout = linkedSignal([signal], this.options.timeoutMs);
    const headers = this.headersFor(request, auth);
    let status: number;
    let responseHeaders: Headers;
    let text: string;
    try {
      const response = await fetch(this.buildUrl(request), {
        method: request.method ?? 'GET',
        headers,
        body:
          request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: timeout.signal,
        // JumpCloud's API does not redirect; following one could reach a
        // host the backend's outbound URL policy never checked (SSRF).
        redirect: 'error',
      });
      status = response.status;
      responseHeaders = response.headers;
      text = await response.text();
    } catch (error) {
      throw transportFailure(error, {
        cancelled: Boolean(signal?.aborted),
        timedOut: timeout.timedOut(),
        timeoutMs: this.options.timeoutMs,
        target: 'JumpCloud',
        capability: request.capability,
        secrets: this.options.auth.secrets(),
      });
    } finally {
      timeout.release();
    }

    const body = this.parseBody(text);
    if (status >= 200 && status < 300) {
      if (body === PARSE_FAILED) {
        throw new JumpCloudError(
          'malformed_response',
          `JumpCloud sent a response that is not valid JSON (${request.capability}).`,
          { status, capability: request.capability },
        );
      }
      if (!request.probe) this.keyWorked = true;
      return { status, headers: responseHeaders, body };
    }
    if (status === 429) this.stats.rateLimited += 1;
    const failure = classifyFailure({
      status,
      serverMessage: this.redact(
        serverMessageOf(body === PARSE_FAILED ? undefined : body),
      ),
      capability: request.capability,
      retryAfterMs: parseRetryAfter(responseHeaders.get('retry-after')),
      keyWorkedBefore: this.keyWorked,
      sentOrgId: headers['x-org-id'] !== undefined,
      credential: this.options.auth.type,
    });
    if (
      status === 401 &&
      failure.kind !== 'org_required' &&
      mayRenewToken &&
      this.options.auth.renewAfterRejection(auth)
    ) {
      throw new TokenRejected();
    }
    throw failure;
  }

  private parseBody(text: string): unknown {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      return PARSE_FAILED;
    }
  }

  /** Never let the key, secret or token reach a message, even if a server echoes it. */
  private redact(text: string | undefined): string | undefined {
    return text === undefined
      ? text
      : redactSecrets(text, this.options.auth.secrets());
  }
}
