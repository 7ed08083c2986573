import type { PlanFeature } from './access/plan';
import type { RoleOption } from './access/roles';
import type { ChurnOptions } from './churn/options';
import type { ProfileName } from './profiles/profiles';

/** JumpCloud regions; each simulator listener serves exactly one. */
export type Region = 'us' | 'eu' | 'in';

/** Built-in JumpCloud admin roles (names as the console shows them). */
export type AdminRole =
  | 'Administrator with Billing'
  | 'Administrator'
  | 'Manager'
  | 'Help Desk'
  | 'Read Only'
  | 'Command Runner'
  | 'Command Runner with Billing';

/** Explicit dataset dimensions; the named sizes are presets of this. */
export interface SizeSpec {
  /** Devices in the primary organisation. */
  devices: number;
  /** Users in the primary organisation. */
  users: number;
  /** User groups + device groups in the primary organisation ("All Users" included). */
  groups: number;
  policies: number;
  /** Share of devices (0..1) with System Insights enabled. */
  systemInsightsShare: number;
  /** Console admins per organisation (besides the key owners). */
  admins: number;
  /** Directory Insights events per organisation (over the last 90 days). */
  events: number;
  /** Extra organisations visible to the multi-tenant key only. */
  extraOrgs: number;
  /** Size of each extra organisation relative to the primary one (0..1). */
  extraOrgScale: number;
}

export type SizeName = 'S' | 'M' | 'L' | 'XL';

export interface ExtraKeySpec {
  /** A console role name, an option role name (`readOnly`...) or a custom role. */
  role: RoleOption;
  /** The key's own plan (default: the simulator's `plan`). */
  plan?: PlanFeature[];
  region?: Region;
  /** Organisations the key may read; more than one makes it multi-tenant. Default: the primary org. */
  orgIds?: string[];
}

export interface RateLimitOptions {
  /** Requests per second allowed per key (token bucket, burst = perSecond). */
  perSecond: number;
  /** Send a Retry-After header with 429s (JumpCloud does not document one). */
  retryAfter?: boolean;
}

export interface SimulatorOptions {
  seed?: number;
  /** A named preset, or dimensions merged over S. */
  size?: SizeName | Partial<SizeSpec>;
  host?: string;
  port?: number;
  /** Ports for the EU and IN listeners (default 0 = random). */
  euPort?: number;
  inPort?: number;
  latencyMs?: number;
  jitterMs?: number;
  rateLimit?: RateLimitOptions;
  extraKeys?: Record<string, ExtraKeySpec>;
  /**
   * Ready-made organisation profiles, combinable (see profiles/profiles.ts):
   * 'no-premium', 'restricted-role', 'churn', 'throttled', 'msp-150'.
   * Explicit options win over what a profile sets.
   */
  profile?: ProfileName | ProfileName[];
  /**
   * Features the organisation's plan includes (default: all); their routes
   * answer 402 otherwise. Applies to every key and the service account.
   */
  plan?: PlanFeature[];
  /**
   * Role of `keys.readOnly`, the service account and the CLI's demo key (the
   * credentials an integration is given): 'administrator', 'readOnly',
   * 'helpDesk', 'manager', 'commandRunner' or `{ forbidden: [route prefixes] }`.
   * Default 'readOnly'. Routes the role cannot read answer 403.
   */
  role?: RoleOption;
  /** The service account's own role and plan (default: `role` and `plan`). */
  serviceAccount?: { role?: RoleOption; plan?: PlanFeature[] };
  /** Data that moves while a client pages (default: none). */
  churn?: ChurnOptions;
  /**
   * Extra tenant organisations for `keys.multiTenant` (an MSP), each small
   * and generated on first use. Default 0.
   */
  mspTenants?: number;
  /**
   * Lifetime (`expires_in`) of service-account tokens from POST
   * /oauth2/token, in seconds. Default 3600; tests shorten it to see
   * clients renew tokens.
   */
  tokenTtlSeconds?: number;
  /**
   * Reference time the data is generated around (last check-ins, DI events...).
   * Default: the start of the current UTC day, so restarts on the same day
   * serve identical data.
   */
  now?: string | Date;
}

export type JsonObject = Record<string, unknown>;
