import type { JsonObject } from '../types';
import type { GraphEdge } from './model';
import { DEPARTMENTS } from './names';
import { DAY_MS, Random } from './random';
import { byFamily, osFamilyOf } from './generateSystems';

export interface GroupsResult {
  userGroups: JsonObject[];
  systemGroups: JsonObject[];
  edges: GraphEdge[];
  /** Device groups that carry the per-OS baseline policies. */
  baselineGroups: Record<'macOS' | 'windows' | 'linux', string>;
}

function group(
  random: Random,
  type: 'user_group' | 'system_group',
  name: string,
  createdMs: number,
  extra: JsonObject = {},
): JsonObject {
  const id = random.objectId(createdMs);
  return {
    id,
    name,
    type,
    description: '',
    email: '',
    attributes: null,
    membershipMethod: 'STATIC',
    memberQuery: null,
    memberQueryExemptions: [],
    memberQueryErrorFlags: [],
    memberSuggestionsNotify: false,
    ...extra,
  };
}

const member = (
  groupType: 'user_group' | 'system_group',
  groupId: string,
  type: GraphEdge['to']['type'],
  id: string,
): GraphEdge => ({
  kind: 'member',
  from: { type: groupType, id: groupId },
  to: { type, id },
  attributes: null,
});

/**
 * User groups ("All Users" first), device groups, memberships, nested groups,
 * group-to-group bindings and a few dangling member records.
 */
export function generateGroups(
  random: Random,
  orgId: string,
  users: JsonObject[],
  systems: JsonObject[],
  groupCount: number,
  nowMs: number,
): GroupsResult {
  const created = () => nowMs - random.int(30, 1200) * DAY_MS;
  const edges: GraphEdge[] = [];
  const userGroups: JsonObject[] = [];
  const systemGroups: JsonObject[] = [];
  const userIds = users.map(u => u._id as string);

  // "All Users": every user except a few whose membership never got computed.
  const allUsers = group(
    random,
    'user_group',
    'All Users',
    nowMs - 1300 * DAY_MS,
  );
  userGroups.push(allUsers);
  for (const id of userIds) {
    if (!random.chance(0.02))
      edges.push(member('user_group', allUsers.id as string, 'user', id));
  }

  // Baseline device groups per OS: ~75% of each OS's devices.
  const baselineGroups = {} as GroupsResult['baselineGroups'];
  for (const family of ['macOS', 'windows', 'linux'] as const) {
    const g = group(
      random,
      'system_group',
      `Baseline – ${byFamily(family, {
        macOS: 'macOS',
        windows: 'Windows',
        linux: 'Linux',
      })}`,
      created(),
      {
        description: 'Devices that receive the security baseline policies',
      },
    );
    systemGroups.push(g);
    baselineGroups[family] = g.id as string;
    for (const s of systems) {
      if (osFamilyOf(s) === family && random.chance(0.75))
        edges.push(
          member('system_group', g.id as string, 'system', s._id as string),
        );
    }
  }

  const userGroupTarget = Math.max(3, Math.round(groupCount * 0.55) - 1);
  const systemGroupTarget = Math.max(3, groupCount - userGroupTarget - 1 - 3);
  const avgUsers = Math.max(
    3,
    Math.min(
      400,
      Math.round((users.length * 2.5) / Math.max(1, userGroupTarget)),
    ),
  );
  const avgSystems = Math.max(
    3,
    Math.min(
      300,
      Math.round((systems.length * 1.5) / Math.max(1, systemGroupTarget)),
    ),
  );

  for (let i = 0; i < systemGroupTarget; i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length];
    const suffix =
      i >= DEPARTMENTS.length
        ? ` ${Math.floor(i / DEPARTMENTS.length) + 1}`
        : '';
    const dynamic = i % 7 === 3;
    const broken = i % 11 === 1;
    const g = group(
      random,
      'system_group',
      `${dept} Devices${suffix}`,
      created(),
      {
        membershipMethod: dynamic ? 'DYNAMIC_AUTOMATED' : 'STATIC',
        memberQuery: dynamic
          ? {
              queryType: 'FilterQuery',
              filters: [{ field: 'os', operator: 'eq', value: 'Mac OS X' }],
            }
          : null,
        memberQueryErrorFlags: broken ? ['invalidQuery'] : [],
        memberQueryExemptions:
          dynamic && i % 2 === 1
            ? [
                {
                  id: systems[0]?._id ?? '',
                  type: 'system',
                  organizationId: orgId,
                },
              ]
            : [],
      },
    );
    systemGroups.push(g);
    const empty = i % 9 === 2;
    if (!empty) {
      for (const s of random.sample(systems, random.int(1, avgSystems)))
        edges.push(
          member('system_group', g.id as string, 'system', s._id as string),
        );
    }
    if (i % 6 === 2) {
      // Dangling: a device deleted without its membership record.
      edges.push(
        member(
          'system_group',
          g.id as string,
          'system',
          random.objectId(nowMs - 500 * DAY_MS),
        ),
      );
    }
  }

  for (let i = 0; i < userGroupTarget; i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length];
    const suffix =
      i >= DEPARTMENTS.length
        ? ` ${Math.floor(i / DEPARTMENTS.length) + 1}`
        : '';
    const sudo = i % 5 === 1;
    const dynamic = i % 8 === 6;
    const broken = i % 13 === 4;
    let name = sudo ? `${dept} Admins${suffix}` : `${dept}${suffix}`;
    if (i === 0) name = 'Contractors & Vendors – Zugang für Dritte';
    let attributes: JsonObject | null = null;
    if (sudo) {
      attributes = {
        sudo: { enabled: true, withoutPassword: i % 10 === 1 },
        ldapGroups: [{ name: name.toLowerCase().replace(/[^a-z]+/g, '-') }],
      };
    } else if (i % 3 === 0) {
      attributes = {
        posixGroups: [{ id: 9000 + i, name: `grp${i}` }],
        sambaEnabled: false,
      };
    }
    const g = group(random, 'user_group', name, created(), {
      attributes,
      membershipMethod: dynamic ? 'DYNAMIC_REVIEW_REQUIRED' : 'STATIC',
      memberQuery: dynamic
        ? {
            queryType: 'FilterQuery',
            filters: [{ field: 'department', operator: 'eq', value: dept }],
          }
        : null,
      memberQueryErrorFlags: broken ? ['attributeNotFound'] : [],
      memberQueryExemptions:
        dynamic && i % 2 === 0 && users[1]
          ? [{ id: users[1]._id, type: 'user', organizationId: orgId }]
          : [],
      suggestionCounts: {
        add: dynamic ? random.int(0, 4) : 0,
        remove: 0,
        total: dynamic ? random.int(0, 4) : 0,
      },
    });
    userGroups.push(g);
    const empty = i % 9 === 5 || i === 2;
    if (!empty) {
      const size = sudo
        ? Math.max(1, Math.round(avgUsers / 8))
        : random.int(1, avgUsers);
      for (const id of random.sample(userIds, size))
        edges.push(member('user_group', g.id as string, 'user', id));
    }
    if (i % 7 === 4)
      edges.push(
        member(
          'user_group',
          g.id as string,
          'user',
          random.objectId(nowMs - 400 * DAY_MS),
        ),
      );
  }

  // Nested groups: an umbrella group whose members are other user groups.
  if (userGroups.length > 3) {
    const umbrella = group(
      random,
      'user_group',
      'Everyone in Product & Engineering',
      created(),
    );
    userGroups.push(umbrella);
    for (const child of userGroups.slice(1, 4))
      edges.push(
        member(
          'user_group',
          umbrella.id as string,
          'user_group',
          child.id as string,
        ),
      );
    const deviceUmbrella = group(
      random,
      'system_group',
      'All Managed Laptops',
      created(),
    );
    systemGroups.push(deviceUmbrella);
    for (const child of systemGroups.slice(3, 5))
      edges.push(
        member(
          'system_group',
          deviceUmbrella.id as string,
          'system_group',
          child.id as string,
        ),
      );
  }

  // Bind user groups to the (small) team device groups; never "All Users".
  const teamSystemGroups = systemGroups.slice(3);
  for (const ug of userGroups.slice(1)) {
    if (teamSystemGroups.length === 0 || random.chance(0.3)) continue;
    const sg = random.pick(teamSystemGroups);
    const sudo = (ug.attributes as JsonObject | null)?.sudo
      ? { sudo: { enabled: true, withoutPassword: false } }
      : null;
    edges.push({
      kind: 'association',
      from: { type: 'user_group', id: ug.id as string },
      to: { type: 'system_group', id: sg.id as string },
      attributes: sudo,
    });
  }
  return { userGroups, systemGroups, edges, baselineGroups };
}

/** Direct user ↔ device bindings, from primary users and a few extra users. */
export function generateUserBindings(
  random: Random,
  users: JsonObject[],
  systems: JsonObject[],
  nowMs: number,
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const userIds = users.map(u => u._id as string);
  for (const s of systems) {
    const owner = (s.primarySystemUser as { id: string | null }).id;
    const targets: string[] = [];
    if (owner) targets.push(owner);
    if (userIds.length > 0 && random.chance(0.1))
      targets.push(random.pick(userIds));
    for (const userId of targets) {
      const admin = random.chance(0.35);
      edges.push({
        kind: 'association',
        from: { type: 'user', id: userId },
        to: { type: 'system', id: s._id as string },
        attributes: admin
          ? { sudo: { enabled: true, withoutPassword: random.chance(0.2) } }
          : null,
      });
    }
    if (random.chance(0.01)) {
      // Dangling: binding to a user that was deleted.
      edges.push({
        kind: 'association',
        from: { type: 'user', id: random.objectId(nowMs - 300 * DAY_MS) },
        to: { type: 'system', id: s._id as string },
        attributes: null,
      });
    }
  }
  return edges;
}
