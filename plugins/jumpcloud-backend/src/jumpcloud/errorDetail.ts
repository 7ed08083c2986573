import type {
  ErrorDetail,
  JumpCloudErrorKind,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Short, admin-facing titles for each kind (status reasons, history). */
export const ERROR_KIND_TITLES: Record<JumpCloudErrorKind, string> = {
  invalid_key: 'API key or service account not recognised',
  revoked_key: 'API key revoked or expired',
  wrong_region: 'Wrong region for these credentials',
  org_required: 'Organisation required (multi-tenant key)',
  unknown_org: 'Organisation not visible to this key',
  forbidden: 'Missing permission',
  api_access_disabled: 'API access disabled or not permitted',
  not_enabled: 'Feature not enabled for this organisation',
  rate_limited: 'Rate limited by JumpCloud',
  unavailable: 'JumpCloud unavailable',
  unreachable: 'JumpCloud unreachable',
  timeout: 'JumpCloud did not answer in time',
  malformed_response: 'Unexpected response from JumpCloud',
  bad_request: 'Request refused',
  not_found: 'Not found',
  cancelled: 'Cancelled',
  count_mismatch: 'Counts did not reconcile',
  database: 'Database error',
  internal: 'Internal error',
  tampered: 'Sealed evidence no longer matches its seal',
};

const KINDS = new Set(Object.keys(ERROR_KIND_TITLES));

/** Socket errors a database driver raises when the server cannot be reached. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether an error came from the database layer: knex's pool timeout, a
 * SQLite error code, a PostgreSQL error (SQLSTATE code with a severity), or a
 * socket error of the driver. A JumpCloud error never matches: it carries its
 * own kind.
 */
export function isDatabaseError(error: unknown): boolean {
  const e = error as
    | { name?: string; code?: unknown; severity?: unknown }
    | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.code !== 'string') return false;
  if (e.code.startsWith('SQLITE_')) return true;
  if (typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
    return true;
  return CONNECTION_CODES.has(e.code);
}

/**
 * Turns anything thrown into an ErrorDetail. JumpCloud errors carry their
 * own detail; database errors become `database`; others become the
 * fallback kind with their message (our own messages never contain API keys).
 */
export function toErrorDetail(
  error: unknown,
  fallbackKind: JumpCloudErrorKind = 'internal',
): ErrorDetail {
  const e = error as
    | {
        toDetail?: () => ErrorDetail;
        kind?: string;
        message?: string;
        name?: string;
      }
    | undefined;
  if (e && typeof e.toDetail === 'function') {
    return e.toDetail();
  }
  if (e && typeof e.kind === 'string' && KINDS.has(e.kind)) {
    return {
      kind: e.kind as JumpCloudErrorKind,
      message: e.message ?? ERROR_KIND_TITLES[e.kind as JumpCloudErrorKind],
    };
  }
  if (e?.name === 'AbortError') {
    return { kind: 'cancelled', message: 'The sync was cancelled' };
  }
  const message =
    typeof e?.message === 'string' && e.message ? e.message : String(error);
  return isDatabaseError(error)
    ? { kind: 'database', message: driverMessage(message) }
    : { kind: fallbackKind, message };
}

/**
 * Knex prefixes a driver's message with the whole statement and its values
 * ("insert into … - database is locked"): run history and connection status
 * keep what the driver said.
 */
function driverMessage(message: string): string {
  const statement = /^\s*(select|insert|update|delete|with)\b/i.test(message);
  const separator = message.lastIndexOf(' - ');
  const said =
    statement && separator >= 0 ? message.slice(separator + 3) : message;
  return said.length > 500 ? `${said.slice(0, 499)}…` : said;
}

/** "API key revoked or expired: <message>" for a connection's status. */
export function describeError(detail: ErrorDetail): string {
  const title = ERROR_KIND_TITLES[detail.kind] ?? 'Error';
  return detail.message && detail.message !== title
    ? `${title}: ${detail.message}`
    : title;
}
