import { ALL_FEATURES } from '../access/plan';
import { DEFAULT_CHURN } from '../churn/options';
import type { SimulatorOptions } from '../types';

/** The options a profile may set. */
export type ProfileOptions = Pick<
  SimulatorOptions,
  'plan' | 'role' | 'churn' | 'rateLimit' | 'mspTenants'
>;

/**
 * Ready-made organisations a JumpCloud integration meets in real life
 * (jumpcloud-api.md §10). The default (no profile) stays the kind
 * organisation the demo shows: every feature, a read-only key, no churn, no
 * rate limit, three organisations.
 */
export const PROFILES = {
  /** A plan without the premium add-ons: 402 on Directory Insights and Conditional Access. */
  'no-premium': {
    plan: ALL_FEATURES.filter(
      f => f !== 'directoryInsights' && f !== 'conditionalAccess',
    ),
  },
  /**
   * A custom role for `keys.readOnly` and the service account: 403 on the
   * console admins list (`/api/users`, what the client reads;
   * `/api/v2/administrators` too) and on all of System Insights.
   */
  'restricted-role': {
    role: {
      base: 'readOnly',
      forbidden: [
        '/api/users',
        '/api/v2/administrators',
        '/api/v2/systeminsights',
      ],
    },
  },
  /** Users, System Insights rows and Directory Insights events move while a client pages. */
  churn: { churn: DEFAULT_CHURN },
  /** 10 requests per second per credential; 429 without Retry-After beyond that. */
  throttled: { rateLimit: { perSecond: 10 } },
  /** 150 extra tenants (lazily generated) for `keys.multiTenant`: 153 organisations. */
  'msp-150': { mspTenants: 150 },
} satisfies Record<string, ProfileOptions>;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/** The options with the profiles' settings filled in; explicit options win, later profiles over earlier ones. */
export function applyProfiles(options: SimulatorOptions): SimulatorOptions {
  const names =
    options.profile === undefined
      ? []
      : ([] as ProfileName[]).concat(options.profile);
  const merged: ProfileOptions = {};
  for (const name of names) {
    const profile: ProfileOptions | undefined = (
      PROFILES as Record<string, ProfileOptions>
    )[name];
    if (!profile)
      throw new Error(
        `Unknown profile "${name}"; expected ${PROFILE_NAMES.join(', ')}`,
      );
    Object.assign(merged, profile);
  }
  const explicit = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  );
  return { ...merged, ...explicit };
}
