import type {
  JcGroup,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realSystemGroup, realUserGroup } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';

// GRP-01 and GRP-02 over v2 /usergroups and /systemgroups items as listed
// (`attributes` null unless set, `description` "" when unset,
// membershipMethod NOTSET | STATIC | DYNAMIC_REVIEW_REQUIRED |
// DYNAMIC_AUTOMATED, memberQueryErrorFlags CYCLE | INVALID_GROUP_REFERENCE,
// memberQueryExemptions [{id, type, organizationId}]) and their members.

const USER_GROUP = realUserGroup();
const DEVICE_GROUP = realSystemGroup();

/** One user group and one device group, with these member counts. */
function groups(
  userGroup: JcGroup,
  members: { users?: number; devices?: number } = {},
) {
  return (s: OrgSnapshot) => {
    s.userGroups = [userGroup];
    s.systemGroups = [DEVICE_GROUP];
    s.userGroupMembers = Array.from({ length: members.users ?? 0 }, (_, i) => ({
      groupId: userGroup.id,
      memberId: `u${i}`,
      memberType: 'user' as const,
    }));
    s.systemGroupMembers = Array.from(
      { length: members.devices ?? 0 },
      (_, i) => ({
        groupId: DEVICE_GROUP.id,
        memberId: `d${i}`,
        memberType: 'system' as const,
      }),
    );
  };
}
const run = (
  checkId: string,
  mutate: (s: OrgSnapshot) => void,
  entity = USER_GROUP.id,
) => evaluateCheck(checkId, mutate, { entity });

describe('GRP-01 no empty groups that grant privileges', () => {
  it('passes user and device groups with members', () => {
    const mutate = groups(USER_GROUP, { users: 3, devices: 2 });
    expect(run('GRP-01', mutate).message).toBe('3 member(s)');
    expect(run('GRP-01', mutate, DEVICE_GROUP.id).message).toBe('2 member(s)');
  });

  it('does not judge an empty group that grants nothing (attributes null)', () => {
    const result = run('GRP-01', groups(USER_GROUP));
    expect(result).toMatchObject({
      status: 'not_applicable',
      message: 'The group has no members and grants no sudo',
    });
    expect(run('GRP-01', groups(USER_GROUP), DEVICE_GROUP.id).status).toBe(
      'not_applicable',
    );
  });

  it('does not judge an empty dynamic group whose rule matches nobody yet', () => {
    const dynamic = realUserGroup({ membershipMethod: 'DYNAMIC_AUTOMATED' });
    expect(run('GRP-01', groups(dynamic)).status).toBe('not_applicable');
  });

  it('fails an empty group that grants sudo to whoever is added next', () => {
    const admins = realUserGroup({
      name: 'Mac admins',
      attributes: { sudo: { enabled: true, withoutPassword: true } },
    });
    expect(run('GRP-01', groups(admins))).toMatchObject({
      status: 'fail',
      message:
        'The group has no members but grants passwordless sudo to whoever is added next',
      evidence: {
        members: 0,
        'attributes.sudo': { enabled: true, withoutPassword: true },
        type: 'user_group',
      },
    });
  });

  it('passes a sudo group with members, and ignores sudo switched off', () => {
    const sudo = { sudo: { enabled: true, withoutPassword: false } };
    const admins = realUserGroup({ attributes: sudo });
    expect(run('GRP-01', groups(admins, { users: 1 })).status).toBe('pass');
    const off = realUserGroup({
      attributes: { sudo: { enabled: false, withoutPassword: false } },
    });
    expect(run('GRP-01', groups(off)).status).toBe('not_applicable');
  });
});

describe('GRP-02 dynamic group rules healthy', () => {
  const dynamic = (overrides: Partial<JcGroup>) =>
    realUserGroup({
      membershipMethod: 'DYNAMIC_REVIEW_REQUIRED',
      ...overrides,
    });

  it('passes a dynamic group without errors or exemptions', () => {
    expect(run('GRP-02', groups(dynamic({}))).message).toBe(
      'The dynamic membership rule is healthy',
    );
  });

  it('fails a membership query JumpCloud flags, naming the flags', () => {
    const broken = dynamic({ memberQueryErrorFlags: ['CYCLE'] });
    expect(run('GRP-02', groups(broken))).toMatchObject({
      status: 'fail',
      message: 'Membership query errors: CYCLE',
      evidence: {
        membershipMethod: 'DYNAMIC_REVIEW_REQUIRED',
        memberQueryErrorFlags: ['CYCLE'],
        exemptions: 0,
      },
    });
  });

  it('fails exemptions with an empty description, passes them explained', () => {
    const exemptions = [
      { id: '6026bec6b8207255280d5981', type: 'user', organizationId: 'o1' },
    ];
    expect(
      run('GRP-02', groups(dynamic({ memberQueryExemptions: exemptions })))
        .message,
    ).toBe('1 undocumented exemption(s)');
    const explained = dynamic({
      memberQueryExemptions: exemptions,
      description: 'jdoe exempt: on parental leave until March',
    });
    expect(run('GRP-02', groups(explained)).status).toBe('pass');
  });

  it('counts null error flags and exemptions as none', () => {
    const nulls = dynamic({
      memberQueryErrorFlags: null,
      memberQueryExemptions: null,
    });
    expect(run('GRP-02', groups(nulls)).status).toBe('pass');
  });

  it('does not judge static or NOTSET groups, and is unknown without a method', () => {
    expect(run('GRP-02', groups(USER_GROUP)).message).toBe(
      'Membership is static',
    );
    const notSet = realUserGroup({ membershipMethod: 'NOTSET' });
    expect(run('GRP-02', groups(notSet)).status).toBe('not_applicable');
    const { membershipMethod, ...bare } = USER_GROUP;
    expect(run('GRP-02', groups(bare as JcGroup)).status).toBe('unknown');
  });
});
