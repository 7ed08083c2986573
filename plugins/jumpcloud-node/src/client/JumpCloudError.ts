import type {
  ErrorDetail,
  JumpCloudErrorKind,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Kinds that end a whole sync: nothing else can be read with this key/org. */
const FATAL_ERROR_KINDS: ReadonlySet<JumpCloudErrorKind> = new Set([
  'invalid_key',
  'revoked_key',
  'wrong_region',
  'org_required',
  'unknown_org',
  'api_access_disabled',
  'cancelled',
]);

/** Kinds worth another attempt (transient by nature). */
const RETRYABLE_ERROR_KINDS: ReadonlySet<JumpCloudErrorKind> = new Set([
  'rate_limited',
  'unavailable',
  'unreachable',
  'timeout',
]);

/** @public */
export interface JumpCloudErrorOptions {
  status?: number;
  /** Capability or data type concerned (e.g. "devices", "admins"). */
  capability?: string;
  /** Server-requested wait before retrying (Retry-After), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A JumpCloud failure a UI can explain. The message is written for an admin
 * and never contains the API key.
 *
 * @public
 */
export class JumpCloudError extends Error {
  readonly kind: JumpCloudErrorKind;
  readonly status?: number;
  readonly capability?: string;
  readonly retryAfterMs?: number;

  constructor(
    kind: JumpCloudErrorKind,
    message: string,
    options: JumpCloudErrorOptions = {},
  ) {
    super(message, options.cause ? { cause: options.cause } : undefined);
    this.name = 'JumpCloudError';
    this.kind = kind;
    this.status = options.status;
    this.capability = options.capability;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when nothing else can be read (bad key, region, org, cancelled). */
  get fatal(): boolean {
    return FATAL_ERROR_KINDS.has(this.kind);
  }

  get retryable(): boolean {
    return RETRYABLE_ERROR_KINDS.has(this.kind);
  }

  /** Same error, re-labelled for another capability or data type. */
  withCapability(capability: string): JumpCloudError {
    return new JumpCloudError(this.kind, this.message, {
      status: this.status,
      capability,
      retryAfterMs: this.retryAfterMs,
      cause: this.cause,
    });
  }

  toDetail(): ErrorDetail {
    const detail: ErrorDetail = { kind: this.kind, message: this.message };
    if (this.capability !== undefined) detail.capability = this.capability;
    if (this.status !== undefined) detail.status = this.status;
    return detail;
  }

  static isJumpCloudError(error: unknown): error is JumpCloudError {
    return error instanceof JumpCloudError;
  }
}
