import type { JsonObject } from '../types';
import type { GraphEdge } from './model';
import { APPLICATION_CATALOG } from './names';
import { DAY_MS, iso, Random } from './random';

/** SSO applications, bound to user groups (some of them empty: GRP-01). */
export function generateApplications(
  random: Random,
  orgId: string,
  userGroups: JsonObject[],
  nowMs: number,
): { applications: JsonObject[]; edges: GraphEdge[] } {
  const applications: JsonObject[] = [];
  const edges: GraphEdge[] = [];
  for (const [name, displayName] of APPLICATION_CATALOG) {
    const id = random.objectId(nowMs - random.int(30, 900) * DAY_MS);
    const certDays = random.pick([-5, 20, 200, 400]);
    applications.push({
      _id: id,
      id,
      name,
      displayName,
      displayLabel: displayName,
      active: random.chance(0.9),
      beta: false,
      color: '',
      organization: orgId,
      logo: { url: '' },
      ssoUrl: `https://sso.jumpcloud.com/saml2/${name}`,
      learnMore: '',
      description: '',
      config: {
        acsUrl: {
          type: 'text',
          value: `https://${name}.example/saml/acs`,
          label: 'ACS URL',
        },
      },
      databaseAttributes: [],
      created: iso(parseInt(id.slice(0, 8), 16) * 1000),
      sso: {
        jit: false,
        beta: false,
        type: 'saml',
        idpCertExpirationAt: iso(nowMs + certDays * DAY_MS),
      },
    });
    const groups =
      name === 'slack' || name === 'google-workspace'
        ? [userGroups[0]]
        : random.sample(userGroups.slice(1), random.int(0, 2));
    for (const g of groups) {
      edges.push({
        kind: 'association',
        from: { type: 'application', id },
        to: { type: 'user_group', id: g.id as string },
        attributes: null,
      });
    }
  }
  return { applications, edges };
}

/** Conditional-access policies; ORG-07 passes in org 0 and fails in orgs 1 and 2. */
export function generateAuthnPolicies(
  random: Random,
  index: number,
  allUsersGroupId: string,
  nowMs: number,
): JsonObject[] {
  const mk = (
    name: string,
    type: string,
    disabled: boolean,
    mfa: boolean,
    extra: JsonObject = {},
  ): JsonObject => ({
    id: random.objectId(nowMs - random.int(30, 600) * DAY_MS),
    name,
    description: '',
    disabled,
    monitorOnly: false,
    type,
    effect: {
      action: 'allow',
      obligations: mfa
        ? {
            mfa: { required: true },
            mfaFactors: [
              { type: 'PUSH' },
              { type: 'TOTP' },
              { type: 'WEBAUTHN' },
            ],
          }
        : {},
    },
    targets: {
      resources: [
        { type: type === 'user_portal' ? 'user_portal' : 'application' },
      ],
      userGroups: { inclusions: [allUsersGroupId], exclusions: [] },
      users: { inclusions: [] },
    },
    conditions: {},
    ...extra,
  });
  if (index % 3 === 0) {
    return [
      mk('Require MFA – User Portal', 'user_portal', false, true),
      mk('Require MFA – SSO applications', 'application', false, true, {
        targets: {
          resources: [],
          userGroups: { inclusions: [allUsersGroupId], exclusions: [] },
          users: { inclusions: [] },
        },
      }),
      mk('Legacy VPN (disabled)', 'application', true, false),
    ];
  }
  if (index % 3 === 1) {
    return [mk('Require MFA everywhere (draft)', 'user_portal', true, true)];
  }
  return [
    mk('Require MFA – User Portal', 'user_portal', false, true),
    mk('Office network bypass', 'application', false, false, {
      conditions: { ipAddressIn: [random.objectId(nowMs)] },
    }),
  ];
}

type DepTokenState = 'valid' | 'expired' | 'missing' | 'unknown';

function appleMdm(
  random: Random,
  nowMs: number,
  name: string,
  apnsDays: number,
  token: DepTokenState,
): JsonObject {
  const ade = token !== 'missing';
  return {
    id: random.objectId(nowMs - 700 * DAY_MS),
    name,
    apnsPushTopic: `com.apple.mgmt.External.${random.uuid()}`,
    apnsCertExpiry: iso(nowMs + apnsDays * DAY_MS),
    // Without Automated Device Enrollment there is no token and no expiry.
    ...(ade
      ? {
          depAccessTokenExpiry: iso(
            nowMs + (token === 'expired' ? -3 : 250) * DAY_MS,
          ),
        }
      : {}),
    depServerTokenState: token,
    allowMobileUserEnrollment: false,
    defaultSystemGroupID: '',
    defaultIosUserEnrollmentDeviceGroupID: '',
    dep: {
      enableZeroTouchEnrollment: ade,
      setupAssistantOptions: [],
      welcomeScreen: { title: 'Welcome', paragraph: '', button: 'Continue' },
    },
    ades: {},
    organization: '',
  };
}

/**
 * Apple MDM servers (`depServerTokenState`: unknown, missing, valid,
 * expired). ORG-08 fails in org 0 (APNs certificate expiring) and org 2
 * (ADE token expired, beside a second server whose token state JumpCloud
 * reports as unknown); org 1 has no Automated Device Enrollment (`missing`,
 * no token expiry), which is not a fault, and passes.
 */
export function generateAppleMdms(
  random: Random,
  index: number,
  nowMs: number,
): JsonObject[] {
  if (index % 3 === 0)
    return [appleMdm(random, nowMs, 'Apple MDM', 12, 'valid')];
  if (index % 3 === 1)
    return [appleMdm(random, nowMs, 'Apple MDM', 200, 'missing')];
  return [
    appleMdm(random, nowMs, 'Apple MDM', 200, 'expired'),
    appleMdm(random, nowMs, 'Apple MDM (Education)', 300, 'unknown'),
  ];
}
