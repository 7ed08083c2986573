import type { JumpCloudRegion } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JumpCloudError } from './JumpCloudError';

export type { JumpCloudRegion };

/**
 * The subset of Backstage's LoggerService the client uses. Never given the key or secret.
 *
 * @public
 */
export type JumpCloudLogger = Pick<
  LoggerService,
  'debug' | 'info' | 'warn' | 'error'
>;

/**
 * How the client authenticates: an administrator's API key (`x-api-key`),
 * or a service account's OAuth 2.0 client credentials, exchanged at the
 * region's token endpoint for a Bearer token (JumpCloud's recommendation
 * for integrations: not tied to one administrator, whose "generate new key"
 * would silently revoke the integration).
 *
 * @public
 */
export type JumpCloudCredential =
  | { type: 'apiKey'; apiKey: string }
  | { type: 'serviceAccount'; clientId: string; clientSecret: string };

/** @public */
export type JumpCloudCredentialType = JumpCloudCredential['type'];

/** @public */
export interface JumpCloudClientOptions {
  /** An API key; shorthand for `credential: { type: 'apiKey', apiKey }`. */
  apiKey?: string;
  /** The credential (API key or service account); or `apiKey` alone. */
  credential?: JumpCloudCredential;
  /**
   * Token endpoint of a service account. Default: the region's
   * (`https://admin-oauth.id[.eu|.in].jumpcloud.com/oauth2/token`), or
   * `<apiUrl>/oauth2/token` when apiUrl is not a JumpCloud console
   * (simulator, proxy).
   */
  tokenUrl?: string;
  /** Default 'us'. */
  region?: JumpCloudRegion;
  /** Overrides the console host (simulator, tests, proxies). */
  apiUrl?: string;
  /** Overrides the Directory Insights host; default derived from apiUrl/region. */
  insightsUrl?: string;
  /** Sent as x-org-id on org-scoped routes (required for multi-tenant keys). */
  orgId?: string;
  /** Requests in flight at once. Default 4. */
  maxConcurrency?: number;
  /** Request-rate cap over all requests of this client. Default 15. */
  requestsPerSecond?: number;
  /** Per request attempt, including reading the body. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (network errors, timeouts, 429, 5xx). Default 5. */
  maxRetries?: number;
  /** Cancels every request of this client. */
  signal?: AbortSignal;
  logger?: JumpCloudLogger;
  /**
   * Console URLs of the other regions, probed (with the key) only to tell a
   * wrong region from a bad key. Defaults to JumpCloud's hosts when apiUrl
   * is not set; set it when pointing the client at a simulator.
   */
  regionUrls?: Partial<Record<JumpCloudRegion, string>>;
  /** First retry delay; doubles each attempt, with full jitter. Default 500. */
  retryBaseDelayMs?: number;
  /** Cap of one backoff delay. Default 10 000. (Retry-After is honoured up to 2 minutes.) */
  retryMaxDelayMs?: number;
  /** User-Agent header. */
  userAgent?: string;
}

/**
 * Counters of one client (all requests it made, not only one operation).
 *
 * @public
 */
export interface JumpCloudClientStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Attempts that were retries. */
  retries: number;
  /** 429 responses received (each was retried or surfaced as rate_limited). */
  rateLimited: number;
  /** Service-account token requests sent (0 with an API key). */
  tokenRequests: number;
}

/**
 * Options of every collection read.
 *
 * @public
 */
export interface ListOptions {
  signal?: AbortSignal;
  /** Called after each page with the items so far and the reported total. */
  onProgress?: (fetched: number, total: number) => void;
  /**
   * Reconciliation: a total that moves while paging is normal (objects
   * created or deleted mid-read are re-read as needed, each yielded once);
   * when objects are really lost (see readCollection), the iterator throws
   * a `count_mismatch` JumpCloudError after yielding every item it got.
   * Set false to only log the mismatch. Default true.
   */
  strictCount?: boolean;
}

/**
 * A fully read collection with its reconciliation outcome.
 *
 * @public
 */
export interface CollectedList<T> {
  items: T[];
  /** Total reported by JumpCloud (the last one seen). */
  total: number;
  /** Requests this read made (retries excluded). */
  pages: number;
  /** Set when the read could not account for every object (objects lost). */
  mismatch?: JumpCloudError;
}

/**
 * Directory Insights query (POST /insights/directory/v1/events).
 *
 * @public
 */
export interface DirectoryEventsQuery {
  /** RFC 3339; required. */
  startTime: string;
  /** RFC 3339; default now (fixed when the read starts so counts reconcile). */
  endTime?: string;
  /** Default ['all']. */
  service?: string[];
}
