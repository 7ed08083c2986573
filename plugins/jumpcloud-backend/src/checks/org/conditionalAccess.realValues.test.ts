import type {
  JcAuthnPolicy,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realAuthnPolicy, realUserGroup } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';

// ORG-07 over v2 /authn/policies as JumpCloud returns them: `type`
// (user_portal | application | ldap | admin_portal), `effect {action,
// obligations {mfa {required}, mfaFactors}}`, `targets {resources[{type,
// id?}], userGroups {inclusions, exclusions}, users {inclusions}}`,
// `conditions` ({} when unconditional), `disabled`, `monitorOnly`.

const ALL_USERS = realUserGroup({ id: 'all-users', name: 'All Users' });
const ENGINEERING = realUserGroup({ id: 'eng', name: 'Engineering' });
const portal = (overrides: Partial<JcAuthnPolicy> = {}) =>
  realAuthnPolicy('user_portal', ALL_USERS.id, overrides);
const apps = (overrides: Partial<JcAuthnPolicy> = {}) =>
  realAuthnPolicy('application', ALL_USERS.id, overrides);

const run = (...policies: JcAuthnPolicy[]) =>
  evaluateCheck('ORG-07', (s: OrgSnapshot) => {
    s.userGroups = [ALL_USERS, ENGINEERING];
    s.authnPolicies = policies;
  });

describe('ORG-07 conditional access enforces MFA', () => {
  it('passes MFA for All Users on the User Portal and on every application', () => {
    expect(run(portal(), apps())).toMatchObject({
      status: 'pass',
      message: 'MFA is enforced for all users on the User Portal and SSO apps',
    });
  });

  it('passes policies that name no user or group (they reach everyone)', () => {
    const unscoped = { targets: { resources: [] } };
    expect(run(portal(unscoped), apps(unscoped)).status).toBe('pass');
  });

  it('keeps a break-glass exclusion as evidence without failing', () => {
    const result = run(
      portal({
        targets: {
          resources: [{ type: 'user_portal' }],
          userGroups: {
            inclusions: [ALL_USERS.id],
            exclusions: ['break-glass'],
          },
        },
      }),
      apps(),
    );
    expect(result.status).toBe('pass');
  });

  it('fails an organisation without policies', () => {
    expect(run()).toMatchObject({
      status: 'fail',
      message:
        'No enabled policy requires MFA for all users on: user_portal, application',
    });
  });

  it('does not count disabled or monitor-only policies', () => {
    const result = run(portal({ monitorOnly: true }), apps({ disabled: true }));
    expect(result.message).toBe(
      'No enabled policy requires MFA for all users on: user_portal, application',
    );
  });

  it('fails a policy scoped to one group or to selected applications, saying why', () => {
    const result = run(
      portal({
        targets: {
          resources: [{ type: 'user_portal' }],
          userGroups: { inclusions: [ENGINEERING.id], exclusions: [] },
          users: { inclusions: [] },
        },
      }),
      apps({
        targets: {
          resources: [{ type: 'application', id: '6026c1f0a1b2c3d4e5f60718' }],
          userGroups: { inclusions: [ALL_USERS.id], exclusions: [] },
        },
      }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'No enabled policy requires MFA for all users on: user_portal, application',
      evidence: {
        enabledPolicies: [
          expect.objectContaining({
            type: 'user_portal',
            limits: ['only 1 group(s) and 0 user(s), not All Users'],
          }),
          expect.objectContaining({
            type: 'application',
            limits: ['only 1 selected application resource(s)'],
          }),
        ],
      },
    });
  });

  it('fails an unconditional allow-without-MFA application policy', () => {
    const bypass = apps({
      id: 'bypass',
      name: 'Office network bypass',
      effect: { action: 'allow', obligations: {} },
    });
    expect(run(portal(), apps(), bypass).message).toBe(
      'Unconditional allow-without-MFA policies: Office network bypass',
    );
  });

  it('accepts an allow-without-MFA policy limited by a condition, and LDAP policies', () => {
    const officeOnly = apps({
      id: 'office',
      effect: { action: 'allow', obligations: {} },
      conditions: { ipAddressIn: ['65a1b2c3d4e5f6a7b8c9d0e1'] },
    });
    const ldap = realAuthnPolicy('ldap', ALL_USERS.id, {
      id: 'ldap',
      effect: { action: 'allow' },
    });
    expect(run(portal(), apps(), officeOnly, ldap).status).toBe('pass');
  });
});
