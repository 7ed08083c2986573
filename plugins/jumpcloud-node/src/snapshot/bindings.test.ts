import type { JcGraphConnection } from '../types';
import type { GroupMember } from '../types/snapshot';
import { expandGroupBindings, leafMembers } from './bindings';

const m = (
  groupId: string,
  memberId: string,
  memberType: GroupMember['memberType'],
): GroupMember => ({ groupId, memberId, memberType });
const edge = (
  type: string,
  id: string,
  attributes: Record<string, unknown> | null = null,
): JcGraphConnection => ({ attributes, to: { type, id } });

describe('leafMembers', () => {
  it('follows nested groups and cuts cycles', () => {
    const members = [
      m('g1', 'u1', 'user'),
      m('g1', 'g2', 'user_group'),
      m('g2', 'u2', 'user'),
      m('g2', 'g1', 'user_group'),
    ];
    const usersOf = leafMembers(members, 'user');
    expect(usersOf('g1').sort()).toEqual(['u1', 'u2']);
    expect(usersOf('g2').sort()).toEqual(['u1', 'u2']);
    expect(usersOf('unknown')).toEqual([]);
  });
});

describe('expandGroupBindings', () => {
  it('expands group, device-group and direct paths with sudo', () => {
    const bindings = expandGroupBindings({
      userGroups: [
        { id: 'ug1', name: 'Eng', attributes: { sudo: { enabled: true } } },
        { id: 'ug2', name: 'Ops' },
      ],
      userGroupMembers: [
        m('ug1', 'u1', 'user'),
        m('ug1', 'u2', 'user'),
        m('ug2', 'u3', 'user'),
      ],
      systemGroupMembers: [m('sg1', 's1', 'system'), m('sg1', 's2', 'system')],
      userGroupAssociations: new Map([
        ['ug1', [edge('system_group', 'sg1')]],
        ['ug2', [edge('system', 's3')]],
      ]),
      systemGroupUserAssociations: new Map([['sg1', [edge('user', 'u4')]]]),
      directBindings: [
        {
          userId: 'u3',
          systemId: 's3',
          attributes: { sudo: { enabled: true, withoutPassword: true } },
        },
      ],
    });
    expect(bindings).toEqual([
      {
        userId: 'u1',
        systemId: 's1',
        viaGroup: true,
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u1',
        systemId: 's2',
        viaGroup: true,
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u2',
        systemId: 's1',
        viaGroup: true,
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u2',
        systemId: 's2',
        viaGroup: true,
        sudo: { enabled: true, withoutPassword: false },
      },
      // Direct and through ug2: direct wins (viaGroup false), sudo kept.
      {
        userId: 'u3',
        systemId: 's3',
        viaGroup: false,
        sudo: { enabled: true, withoutPassword: true },
      },
      { userId: 'u4', systemId: 's1', viaGroup: true },
      { userId: 'u4', systemId: 's2', viaGroup: true },
    ]);
  });
});
