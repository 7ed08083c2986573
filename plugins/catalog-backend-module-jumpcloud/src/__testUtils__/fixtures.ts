import type { SnapshotReadType } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  GroupMember,
  JcGroup,
  JcSystem,
  JcSystemUser,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { JumpCloudCatalogSnapshot } from '../lib/source/types';

/** A 24-hex id like JumpCloud's, derived from a prefix digit and a number. */
export function jcId(prefix: number, n: number): string {
  return `${prefix}${n.toString(16).padStart(23, '0')}`;
}

export interface FixtureOrgOptions {
  devices?: number;
  users?: number;
  groups?: number;
  systemGroups?: number;
}

/**
 * A small, deterministic organisation with the awkward parts real ones have:
 * duplicate hostnames, names too long for the catalog, devices without a
 * primary user, users in several groups.
 */
export function fixtureOrg(
  options: FixtureOrgOptions = {},
): JumpCloudCatalogSnapshot {
  const deviceCount = options.devices ?? 30;
  const userCount = options.users ?? 40;
  const groupCount = options.groups ?? 5;
  const systemGroupCount = options.systemGroups ?? 2;

  const users: JcSystemUser[] = Array.from({ length: userCount }, (_, i) => ({
    _id: jcId(1, i),
    username: `user.${i}`,
    email: `User.${i}@Example.com`,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    state: 'ACTIVATED',
  }));
  const families = [
    { os: 'Mac OS X', osFamily: 'darwin' },
    { os: 'Windows', osFamily: 'windows' },
    { os: 'Ubuntu', osFamily: 'linux' },
  ];
  const systems: JcSystem[] = Array.from({ length: deviceCount }, (_, i) => {
    let hostname = `host-${i}.corp.example.com`;
    if (i % 10 === 0) hostname = 'MacBook-Pro.local'; // collisions
    if (i === 1) hostname = `${'very-long-hostname-'.repeat(6)}${i}`;
    return {
      _id: jcId(2, i),
      hostname,
      displayName: `Device ${i}`,
      ...families[i % 3],
      version: '14.1',
      // a third of the devices have no primary user
      primarySystemUser: i % 3 === 2 ? null : { id: users[i % userCount]._id },
    };
  });
  const userGroups: JcGroup[] = Array.from({ length: groupCount }, (_, i) => ({
    id: jcId(3, i),
    name: `Team ${i}`,
    type: 'user_group',
  }));
  const systemGroups: JcGroup[] = Array.from(
    { length: systemGroupCount },
    (_, i) => ({ id: jcId(4, i), name: `Fleet ${i}`, type: 'system_group' }),
  );
  const userGroupMembers: GroupMember[] = users.flatMap((user, i) => [
    {
      groupId: userGroups[i % groupCount].id,
      memberId: user._id,
      memberType: 'user' as const,
    },
    ...(i % 4 === 0
      ? [
          {
            groupId: userGroups[(i + 1) % groupCount].id,
            memberId: user._id,
            memberType: 'user' as const,
          },
        ]
      : []),
  ]);
  const systemGroupMembers: GroupMember[] = systems.map((system, i) => ({
    groupId: systemGroups[i % systemGroupCount].id,
    memberId: system._id,
    memberType: 'system',
  }));
  const userSystemBindings: UserSystemBinding[] = systems.flatMap((system, i) =>
    // devices without a primary user: every other one has one direct user
    i % 3 === 2 && i % 2 === 0
      ? [
          {
            userId: users[(i + 5) % userCount]._id,
            systemId: system._id,
            viaGroup: false,
          },
        ]
      : [],
  );
  return {
    runId: 'run-1',
    systems,
    users,
    userGroups,
    systemGroups,
    userGroupMembers,
    systemGroupMembers,
    userSystemBindings,
  };
}

/** The snapshot as the backend serves it, by read type. */
export function snapshotData(
  snapshot: JumpCloudCatalogSnapshot,
): Record<SnapshotReadType, unknown[]> {
  return {
    systems: snapshot.systems,
    users: snapshot.users,
    userGroups: snapshot.userGroups,
    systemGroups: snapshot.systemGroups,
    userGroupMembers: snapshot.userGroupMembers,
    systemGroupMembers: snapshot.systemGroupMembers,
    userSystemBindings: snapshot.userSystemBindings,
  };
}
