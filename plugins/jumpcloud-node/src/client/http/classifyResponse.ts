import type { JumpCloudErrorKind } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { JumpCloudError } from '../JumpCloudError';

/** What the transport knows when a response is not a success. */
interface FailureContext {
  status: number;
  /** JumpCloud's `message` (or `error`) field, key already redacted. */
  serverMessage?: string;
  capability?: string;
  retryAfterMs?: number;
  /** The key was accepted earlier by this client: a 401 now means revoked. */
  keyWorkedBefore: boolean;
  /** An x-org-id header was sent with this request. */
  sentOrgId: boolean;
  /** What authenticated the request; default an API key. */
  credential?: 'apiKey' | 'serviceAccount';
}

const NO_ORG_SELECTED = /no organi[sz]ation selected/i;
const REVOKED = /revoked|expired|rotated|old api key/i;
const API_ACCESS = /api (key )?access|api keys? (is |are )?disabled/i;
const ORGANIZATION = /organi[sz]ation/i;

/** Messages of a service account's Bearer token being refused. */
function describeServiceAccount(
  kind: JumpCloudErrorKind,
  what: string,
  said: string,
): string | undefined {
  switch (kind) {
    case 'org_required':
      return `This service account manages several organisations: choose the organisation to read.${said}`;
    case 'invalid_key':
      return `JumpCloud refused the service account's access token, a freshly issued one too: check that the service account is active, and that the region matches the organisation (EU and India organisations use their own hosts).${said}`;
    case 'api_access_disabled':
      return `API access is disabled for this service account.${said}`;
    case 'forbidden':
      return `The service account's role may not read${
        what || ' this resource'
      }: give it the Read Only role or a role with that read scope.${said}`;
    case 'unknown_org':
      return `JumpCloud does not know the selected organisation, or this service account may not read it.${said}`;
    default:
      return undefined;
  }
}

function describe(kind: JumpCloudErrorKind, context: FailureContext): string {
  const what = context.capability ? ` (${context.capability})` : '';
  const said = context.serverMessage
    ? ` JumpCloud said: "${context.serverMessage}".`
    : '';
  if (context.credential === 'serviceAccount') {
    const message = describeServiceAccount(kind, what, said);
    if (message) return message;
  }
  switch (kind) {
    case 'org_required':
      return `This API key belongs to a multi-tenant administrator: choose the organisation to read.${said}`;
    case 'revoked_key':
      return `JumpCloud no longer accepts this API key: it was revoked, rotated (a new key was generated for the same administrator) or has expired. Paste a new key.${said}`;
    case 'invalid_key':
      return `JumpCloud rejected the API key. Check the key, and that the region matches the organisation (EU and India organisations use their own hosts).${said}`;
    case 'api_access_disabled':
      return `API access is disabled for the administrator who owns this key. An Administrator with Billing must enable it.${said}`;
    case 'forbidden':
      return `The administrator behind this key may not read${
        what || ' this resource'
      }: give it the Read Only role or a role with that read scope.${said}`;
    case 'unknown_org':
      return `JumpCloud does not know the selected organisation, or this key may not read it.${said}`;
    case 'not_enabled':
      return `This JumpCloud feature${what} is not enabled or licensed for the organisation.${said}`;
    case 'not_found':
      return `JumpCloud answered 404 Not Found${what}.${said}`;
    case 'bad_request':
      return `JumpCloud refused the request as malformed${what}; this is a bug in the client.${said}`;
    case 'rate_limited':
      return `JumpCloud kept rate-limiting the requests${what} (429 Too Many Requests) after every retry.`;
    case 'unavailable':
      return `JumpCloud is unavailable${what} (HTTP ${context.status}) after every retry. Try again later.${said}`;
    default:
      return `JumpCloud answered HTTP ${context.status}${what}.${said}`;
  }
}

function kindOf(context: FailureContext): JumpCloudErrorKind {
  const { status, serverMessage = '' } = context;
  if (status === 401) {
    if (NO_ORG_SELECTED.test(serverMessage)) return 'org_required';
    // A token is renewed, not revoked: a refused fresh one is refused.
    if (context.credential === 'serviceAccount') return 'invalid_key';
    if (REVOKED.test(serverMessage) || context.keyWorkedBefore) {
      return 'revoked_key';
    }
    return 'invalid_key';
  }
  if (status === 402) return 'not_enabled';
  if (status === 403) {
    if (API_ACCESS.test(serverMessage)) return 'api_access_disabled';
    return 'forbidden';
  }
  if (status === 400) {
    return context.sentOrgId && ORGANIZATION.test(serverMessage)
      ? 'unknown_org'
      : 'bad_request';
  }
  if (status === 404) {
    return context.sentOrgId && ORGANIZATION.test(serverMessage)
      ? 'unknown_org'
      : 'not_found';
  }
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/** Turns a non-2xx JumpCloud response into an explainable error. */
export function classifyFailure(context: FailureContext): JumpCloudError {
  const kind = kindOf(context);
  return new JumpCloudError(kind, describe(kind, context), {
    status: context.status,
    capability: context.capability,
    retryAfterMs: context.retryAfterMs,
  });
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent/invalid. */
export function parseRetryAfter(
  value: string | null,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** JumpCloud's error text: `message` first, then `error` (both are used). */
export function serverMessageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const field of ['message', 'error']) {
    const value = record[field];
    if (typeof value === 'string' && value.trim()) {
      return value.trim().slice(0, 300);
    }
  }
  return undefined;
}
