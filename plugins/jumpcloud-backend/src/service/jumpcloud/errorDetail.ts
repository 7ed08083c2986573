import type {
  ErrorDetail,
  JumpCloudErrorKind,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Short, admin-facing titles for each kind (status reasons, history). */
export const ERROR_KIND_TITLES: Record<JumpCloudErrorKind, string> = {
  invalid_key: 'API key not recognised',
  revoked_key: 'API key revoked or expired',
  wrong_region: 'Wrong region for this API key',
  org_required: 'Organisation required (multi-tenant key)',
  unknown_org: 'Organisation not visible to this key',
  forbidden: 'Missing permission',
  api_access_disabled: 'API access disabled for this administrator',
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
};

const KINDS = new Set(Object.keys(ERROR_KIND_TITLES));

/**
 * Turns anything thrown into an ErrorDetail. JumpCloud errors carry their
 * own detail; other errors become `internal` with their message (our own
 * messages never contain API keys).
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
  return {
    kind: fallbackKind,
    message:
      typeof e?.message === 'string' && e.message ? e.message : String(error),
  };
}

/** "API key revoked or expired: <message>" for a connection's status. */
export function describeError(detail: ErrorDetail): string {
  const title = ERROR_KIND_TITLES[detail.kind] ?? 'Error';
  return detail.message && detail.message !== title
    ? `${title}: ${detail.message}`
    : title;
}
