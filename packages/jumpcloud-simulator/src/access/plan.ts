import { JcHttpError } from '../http/errors';
import { matchesAny } from './routePatterns';

/**
 * Features an organisation's plan may or may not include, with the routes
 * that need them. JumpCloud sells Directory Insights and Conditional Access
 * (authentication policies) as add-ons or higher tiers and answers
 * `402 Payment Required` without them (jumpcloud-api.md §3.7, §10 "Plans");
 * System Insights, Apple MDM, SSO applications and device policies are
 * likewise tier-dependent product areas. The documents only show 402 for
 * Directory Insights; the other routes answering 402 the same way is the
 * simulator's plausible choice.
 */
export const PLAN_FEATURES = {
  directoryInsights: {
    label: 'Directory Insights',
    routes: ['/insights/directory/v1'],
  },
  conditionalAccess: {
    label: 'Conditional Access',
    routes: ['/api/v2/authn/policies', '/api/v2/iplists'],
  },
  systemInsights: {
    label: 'System Insights',
    routes: ['/api/v2/systeminsights'],
  },
  mdm: { label: 'Apple MDM', routes: ['/api/v2/applemdms'] },
  sso: {
    label: 'SSO applications',
    routes: ['/api/applications', '/api/v2/applications'],
  },
  policies: {
    label: 'Device policies',
    routes: [
      '/api/v2/policies',
      '/api/v2/systems/*/policies',
      '/api/v2/systems/*/policystatuses',
    ],
  },
} as const;

export type PlanFeature = keyof typeof PLAN_FEATURES;

export const ALL_FEATURES = Object.keys(PLAN_FEATURES) as PlanFeature[];

/** Validates a plan from options or the CLI (an unknown feature is a typo, not "no feature"). */
export function parsePlan(plan: readonly string[]): PlanFeature[] {
  const unknown = plan.filter(f => !(f in PLAN_FEATURES));
  if (unknown.length > 0)
    throw new Error(
      `Unknown plan feature(s) ${unknown.join(
        ', ',
      )}; expected ${ALL_FEATURES.join(', ')}`,
    );
  return [...new Set(plan)] as PlanFeature[];
}

/** The feature `path` needs that `plan` lacks (undefined plan: every feature). */
export function missingFeature(
  plan: readonly PlanFeature[] | undefined,
  path: string,
): PlanFeature | undefined {
  if (!plan) return undefined;
  return ALL_FEATURES.find(
    f => !plan.includes(f) && matchesAny(PLAN_FEATURES[f].routes, path),
  );
}

/** JumpCloud's 402 body shape: `{"message": "Payment Required: …"}` (§4.1, DI `ErrorMessage`). */
export const paymentRequired = (feature: PlanFeature) =>
  new JcHttpError(
    402,
    `Payment Required: ${PLAN_FEATURES[feature].label} is not included in this organization's plan`,
  );
