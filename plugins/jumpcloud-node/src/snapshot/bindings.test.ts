import type { JcGraphConnection } from '../types';
import type { GroupMember } from '../types/snapshot';
import {
  AccessGraph,
  expandGroupBindings,
  leafMembers,
  type GroupGraph,
} from './bindings';

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
        viaGroupIds: ['ug1'],
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u1',
        systemId: 's2',
        viaGroup: true,
        viaGroupIds: ['ug1'],
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u2',
        systemId: 's1',
        viaGroup: true,
        viaGroupIds: ['ug1'],
        sudo: { enabled: true, withoutPassword: false },
      },
      {
        userId: 'u2',
        systemId: 's2',
        viaGroup: true,
        viaGroupIds: ['ug1'],
        sudo: { enabled: true, withoutPassword: false },
      },
      // Direct and through ug2: direct wins (viaGroup false), sudo kept.
      {
        userId: 'u3',
        systemId: 's3',
        viaGroup: false,
        viaGroupIds: ['ug2'],
        sudo: { enabled: true, withoutPassword: true },
      },
      { userId: 'u4', systemId: 's1', viaGroup: true, viaGroupIds: ['sg1'] },
      { userId: 'u4', systemId: 's2', viaGroup: true, viaGroupIds: ['sg1'] },
    ]);
  });
});

describe('AccessGraph', () => {
  /** A random org: nested groups, group and direct associations, sudo here and there. */
  function randomGraph(seed: number): GroupGraph {
    let state = seed;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const sudo = () =>
      next(3) === 0
        ? { sudo: { enabled: next(2) === 0, withoutPassword: next(2) === 0 } }
        : null;
    const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
    const systems = Array.from({ length: 25 }, (_, i) => `s${i}`);
    const userGroups = Array.from({ length: 8 }, (_, i) => ({
      id: `ug${i}`,
      name: `UG ${i}`,
      ...(next(3) === 0 ? { attributes: sudo() } : {}),
    }));
    const systemGroupIds = Array.from({ length: 6 }, (_, i) => `sg${i}`);
    const userGroupMembers: GroupMember[] = [];
    for (const group of userGroups) {
      for (let k = next(8); k > 0; k--)
        userGroupMembers.push(m(group.id, users[next(30)], 'user'));
      if (next(4) === 0)
        userGroupMembers.push(m(group.id, `ug${next(8)}`, 'user_group'));
    }
    const systemGroupMembers: GroupMember[] = [];
    for (const id of systemGroupIds) {
      for (let k = next(6); k > 0; k--)
        systemGroupMembers.push(m(id, systems[next(25)], 'system'));
      if (next(4) === 0)
        systemGroupMembers.push(m(id, `sg${next(6)}`, 'system_group'));
    }
    const userGroupAssociations = new Map(
      userGroups.map(group => [
        group.id,
        Array.from({ length: next(4) }, () =>
          next(2) === 0
            ? edge('system', systems[next(25)], sudo())
            : edge('system_group', systemGroupIds[next(6)], sudo()),
        ),
      ]),
    );
    const systemGroupUserAssociations = new Map(
      systemGroupIds.map(id => [
        id,
        Array.from({ length: next(3) }, () =>
          edge('user', users[next(30)], sudo()),
        ),
      ]),
    );
    const directBindings = Array.from({ length: 20 }, () => ({
      userId: users[next(30)],
      systemId: systems[next(25)],
      attributes: sudo(),
    }));
    return {
      userGroups,
      userGroupMembers,
      systemGroupMembers,
      userGroupAssociations,
      systemGroupUserAssociations,
      directBindings,
    };
  }

  it.each([1, 2, 3, 4, 5])(
    "answers each user's and each device's bindings as the full expansion does (seed %i)",
    seed => {
      const graph = randomGraph(seed);
      const access = new AccessGraph(graph);
      const all = [...access.all()];
      expect(all.length).toBeGreaterThan(20);
      const pairs = all.map(b => `${b.userId}>${b.systemId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      for (const id of new Set(all.map(b => b.userId)))
        expect(access.ofUser(id)).toEqual(all.filter(b => b.userId === id));
      for (const id of new Set(all.map(b => b.systemId)))
        expect(access.ofSystem(id)).toEqual(all.filter(b => b.systemId === id));
      expect(access.ofUser('nobody')).toEqual([]);
      expect(access.ofSystem('nothing')).toEqual([]);
    },
  );

  it('hands out copies: changing one answer does not change the next', () => {
    const access = new AccessGraph({
      userGroups: [{ id: 'ug1', name: 'Eng' }],
      userGroupMembers: [m('ug1', 'u1', 'user')],
      systemGroupMembers: [],
      userGroupAssociations: new Map([
        ['ug1', [edge('system', 's1', { sudo: { enabled: true } })]],
      ]),
      systemGroupUserAssociations: new Map(),
    });
    access.ofUser('u1')[0].sudo!.enabled = false;
    expect(access.ofSystem('s1')[0].sudo).toEqual({
      enabled: true,
      withoutPassword: false,
    });
  });
});
