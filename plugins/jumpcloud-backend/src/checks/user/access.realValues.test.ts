import type {
  JcSystemUser,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realUser, realUserGroup } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import type { CheckThresholds } from '../thresholds';

// USR-06 and USR-09 … USR-12 over v1 /api/systemusers items (sudo,
// passwordless_sudo, email, employeeIdentifier often null, employeeType ""
// when unset, manager = id of another user, ldap_binding_user,
// samba_service_user), v2 group members and device access.

const JANE = realUser();
const ALL_USERS = realUserGroup({ id: 'all', name: 'All Users' });

/** The org with these users, each in "All Users", bound to the healthy Mac. */
function org(users: JcSystemUser[], bound = users.map(u => u._id)) {
  return (s: OrgSnapshot) => {
    s.users = users;
    s.userGroups = [ALL_USERS, realUserGroup()];
    s.userGroupMembers = users.map(u => ({
      groupId: 'all',
      memberId: u._id,
      memberType: 'user' as const,
    }));
    s.userSystemBindings = bound.map(userId => ({
      userId,
      systemId: 'mac1',
      viaGroup: true,
    }));
  };
}
const run = (
  checkId: string,
  mutate: (s: OrgSnapshot) => void,
  entity = JANE._id,
  thresholds: Partial<CheckThresholds> = {},
) => evaluateCheck(checkId, mutate, { entity, thresholds });

describe('USR-06 no global or passwordless sudo', () => {
  it('passes a user without global sudo', () => {
    expect(run('USR-06', org([JANE])).message).toBe(
      'No global or passwordless sudo',
    );
  });

  it('fails global sudo and passwordless sudo', () => {
    const sudo = run('USR-06', org([realUser({ sudo: true })]));
    expect(sudo).toMatchObject({
      status: 'fail',
      message: 'The user has global sudo on every bound device',
      evidence: { sudo: true, passwordless_sudo: false },
    });
    const passwordless = run(
      'USR-06',
      org([realUser({ sudo: true, passwordless_sudo: true })]),
    );
    expect(passwordless.message).toBe('The user has passwordless sudo');
  });

  it('fails passwordless sudo granted through a user group, naming the devices', () => {
    const result = run('USR-06', s => {
      org([JANE])(s);
      s.userSystemBindings[0].sudo = { enabled: true, withoutPassword: true };
    });
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'The user has passwordless sudo on 1 device(s) through a group or the device binding',
      evidence: { sudo: false, passwordlessSudoOn: ['mac1'] },
    });
  });

  it('passes sudo with a password prompt on one device (DEV-15 judges the device)', () => {
    const result = run('USR-06', s => {
      org([JANE])(s);
      s.userSystemBindings[0].sudo = { enabled: true, withoutPassword: false };
    });
    expect(result.status).toBe('pass');
  });

  it('is unknown for a record without the sudo flags', () => {
    const { sudo, passwordless_sudo, ...projected } = JANE;
    expect(run('USR-06', org([projected as JcSystemUser])).status).toBe(
      'unknown',
    );
  });
});

describe('USR-09 access granted via groups', () => {
  it('fails a user only in "All Users"', () => {
    expect(run('USR-09', org([JANE]))).toMatchObject({
      status: 'fail',
      message: 'The user belongs to no user group',
    });
  });

  it('passes a user in a role group, naming it', () => {
    const result = run('USR-09', s => {
      org([JANE])(s);
      s.userGroupMembers.push({
        groupId: realUserGroup().id,
        memberId: JANE._id,
        memberType: 'user',
      });
    });
    expect(result.message).toBe('Member of 1 group(s)');
  });
});

describe('USR-10 unique, corporate identities', () => {
  it('passes a unique e-mail when employeeIdentifier is null, as JumpCloud often sends it', () => {
    const other = realUser({
      _id: 'u2',
      username: 'max',
      email: 'max@example.com',
    });
    expect(run('USR-10', org([JANE, other])).message).toBe(
      'Unique corporate identity',
    );
  });

  it('fails an e-mail shared case-insensitively, and a shared employee id', () => {
    const twin = realUser({
      _id: 'u2',
      username: 'jane.doe',
      email: 'JDoe@Example.com',
      employeeIdentifier: 'E-100',
    });
    const jane = realUser({ employeeIdentifier: 'E-100' });
    expect(run('USR-10', org([jane, twin]))).toMatchObject({
      status: 'fail',
      message:
        'e-mail shared with another active user; employee id shared with another active user',
      evidence: { email: 'jdoe@example.com', employeeIdentifier: 'E-100' },
    });
  });

  it('ignores a duplicate held by a suspended account', () => {
    const gone = realUser({ _id: 'u2', state: 'SUSPENDED', suspended: true });
    expect(run('USR-10', org([JANE, gone])).status).toBe('pass');
  });

  it('fails a personal domain when corporate domains are set', () => {
    const personal = realUser({ email: 'jane.doe@gmail.com' });
    const result = run('USR-10', org([personal]), JANE._id, {
      corporateDomains: ['example.com'],
    });
    expect(result.message).toBe('non-corporate domain gmail.com');
  });

  it('is unknown for a user without an e-mail', () => {
    expect(run('USR-10', org([realUser({ email: null })])).status).toBe(
      'unknown',
    );
  });
});

describe('USR-11 service and bind accounts inventoried', () => {
  const bind = (overrides: Partial<JcSystemUser> = {}) =>
    realUser({
      _id: 'svc',
      username: 'ldap-bind',
      email: 'ldap-bind@example.com',
      employeeType: '',
      ldap_binding_user: true,
      manager: JANE._id,
      mfa: { configured: false, exclusion: false },
      ...overrides,
    });

  it('does not judge an employee (employeeType "")', () => {
    expect(run('USR-11', org([JANE])).message).toBe('Not a service account');
  });

  it('passes an LDAP bind account owned by an active user, with no device access', () => {
    const result = run('USR-11', org([JANE, bind()], [JANE._id]), 'svc');
    expect(result.message).toBe('Owned and non-interactive or MFA-protected');
  });

  it('fails a bind account with no manager ("" as JumpCloud sends it)', () => {
    const result = run('USR-11', org([JANE, bind({ manager: '' })]), 'svc');
    expect(result).toMatchObject({
      status: 'fail',
      message: 'The service account names no owner (manager)',
      evidence: { manager: '' },
    });
  });

  it('fails an owner who is suspended or not a user of the organisation', () => {
    const leaver = realUser({ state: 'SUSPENDED', suspended: true });
    const suspended = run('USR-11', org([leaver, bind()], []), 'svc');
    expect(suspended.message).toBe('The owner (manager) jdoe is suspended');
    const unknownOwner = bind({ manager: '5f0000000000000000000000' });
    expect(run('USR-11', org([JANE, unknownOwner]), 'svc').message).toBe(
      'The owner (manager) is not a user of the organisation',
    );
  });

  it('fails an MFA-excluded service account that can log in to devices', () => {
    const svc = bind({
      ldap_binding_user: false,
      employeeType: 'Service',
      mfa: { configured: false, exclusion: true },
    });
    const result = run('USR-11', org([JANE, svc]), 'svc');
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'The service account is excluded from MFA and can log in to devices',
      evidence: { 'mfa.exclusion': true, deviceBindings: true },
    });
  });
});

describe('USR-12 active user has a managed device', () => {
  it('passes a user with access to a managed device', () => {
    expect(run('USR-12', org([JANE])).message).toBe('Bound to 1 device(s)');
  });

  it('fails an employee without a device', () => {
    expect(run('USR-12', org([JANE], []))).toMatchObject({
      status: 'fail',
      message: 'The user has no managed device',
      evidence: { devices: [] },
    });
  });

  it('exempts contractors and service accounts', () => {
    const contractor = realUser({ employeeType: 'Contractor' });
    expect(run('USR-12', org([contractor], [])).message).toBe(
      'Exempt employee type Contractor',
    );
    const bind = realUser({ ldap_binding_user: true });
    expect(run('USR-12', org([bind], [])).status).toBe('not_applicable');
  });
});
