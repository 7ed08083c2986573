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

/** Apple MDM servers; ORG-08 fails in orgs 0 and 2 (expiring / expired token). */
export function generateAppleMdms(
  random: Random,
  index: number,
  nowMs: number,
): JsonObject[] {
  const apnsDays = index % 3 === 0 ? 12 : 200;
  const tokenState = index % 3 === 2 ? 'expired' : 'valid';
  return [
    {
      id: random.objectId(nowMs - 700 * DAY_MS),
      name: 'Apple MDM',
      apnsPushTopic: `com.apple.mgmt.External.${random.uuid()}`,
      apnsCertExpiry: iso(nowMs + apnsDays * DAY_MS),
      depAccessTokenExpiry: iso(nowMs + (index % 3 === 2 ? -3 : 250) * DAY_MS),
      depServerTokenState: tokenState,
      allowMobileUserEnrollment: false,
      defaultSystemGroupID: '',
      defaultIosUserEnrollmentDeviceGroupID: '',
      dep: {
        enableZeroTouchEnrollment: index !== 1,
        setupAssistantOptions: [],
        welcomeScreen: { title: 'Welcome', paragraph: '', button: 'Continue' },
      },
      ades: {},
      organization: '',
    },
  ];
}
