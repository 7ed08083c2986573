import type { JcGraphConnection, JcGroup } from '../types';
import type { GroupMember, UserSystemBinding } from '../types/snapshot';

type Sudo = NonNullable<UserSystemBinding['sudo']>;

/** Edges read per group, the inputs of the binding expansion. */
export interface GroupGraph {
  userGroups: JcGroup[];
  userGroupMembers: GroupMember[];
  systemGroupMembers: GroupMember[];
  /** user group id → its direct `system` and `system_group` associations. */
  userGroupAssociations: Map<string, JcGraphConnection[]>;
  /** system group id → its direct `user` associations. */
  systemGroupUserAssociations: Map<string, JcGraphConnection[]>;
}

function sudoOf(attributes: unknown): Sudo | undefined {
  if (!attributes || typeof attributes !== 'object') return undefined;
  const sudo = (attributes as { sudo?: unknown }).sudo;
  if (!sudo || typeof sudo !== 'object') return undefined;
  const { enabled, withoutPassword } = sudo as Record<string, unknown>;
  if (enabled === undefined && withoutPassword === undefined) return undefined;
  return {
    enabled: enabled === true,
    withoutPassword: withoutPassword === true,
  };
}

function mergeSudo(a?: Sudo, b?: Sudo): Sudo | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    enabled: Boolean(a.enabled || b.enabled),
    withoutPassword: Boolean(a.withoutPassword || b.withoutPassword),
  };
}

function membersByGroup(
  members: GroupMember[],
  memberType: GroupMember['memberType'],
): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const member of members) {
    if (member.memberType !== memberType) continue;
    const list = byGroup.get(member.groupId) ?? [];
    list.push(member.memberId);
    byGroup.set(member.groupId, list);
  }
  return byGroup;
}

/**
 * Effective user → device access granted through groups, computed from
 * per-group reads (members + direct associations) instead of one traversal
 * call per user or device:
 *
 * - user group → system, and user group → system group → its systems;
 * - user → system group (a user bound directly to a system group).
 *
 * Sudo comes from the association's attributes and the user group's own
 * `attributes.sudo`; several paths to one pair merge (any grant wins).
 * Result is sorted by user id, then system id.
 */
export function expandGroupBindings(graph: GroupGraph): UserSystemBinding[] {
  const usersOf = membersByGroup(graph.userGroupMembers, 'user');
  const systemsOf = membersByGroup(graph.systemGroupMembers, 'system');
  const bindings = new Map<string, UserSystemBinding>();

  const grant = (userId: string, systemId: string, sudo?: Sudo) => {
    const key = `${userId}\u0000${systemId}`;
    const existing = bindings.get(key);
    if (existing) {
      const merged = mergeSudo(existing.sudo, sudo);
      if (merged) existing.sudo = merged;
      return;
    }
    const binding: UserSystemBinding = { userId, systemId, viaGroup: true };
    if (sudo) binding.sudo = sudo;
    bindings.set(key, binding);
  };

  for (const group of graph.userGroups) {
    const users = usersOf.get(group.id);
    if (!users?.length) continue;
    const groupSudo = sudoOf(group.attributes);
    for (const edge of graph.userGroupAssociations.get(group.id) ?? []) {
      const sudo = mergeSudo(groupSudo, sudoOf(edge.attributes));
      const systems =
        edge.to.type === 'system'
          ? [edge.to.id]
          : edge.to.type === 'system_group'
          ? systemsOf.get(edge.to.id) ?? []
          : [];
      for (const systemId of systems) {
        for (const userId of users) grant(userId, systemId, sudo);
      }
    }
  }

  for (const [systemGroupId, edges] of graph.systemGroupUserAssociations) {
    const systems = systemsOf.get(systemGroupId) ?? [];
    for (const edge of edges) {
      if (edge.to.type !== 'user') continue;
      const sudo = sudoOf(edge.attributes);
      for (const systemId of systems) grant(edge.to.id, systemId, sudo);
    }
  }

  return [...bindings.values()].sort((a, b) =>
    a.userId === b.userId
      ? a.systemId < b.systemId
        ? -1
        : a.systemId > b.systemId
        ? 1
        : 0
      : a.userId < b.userId
      ? -1
      : 1,
  );
}

/** A graph edge as a GroupMember row (unknown member types are skipped). */
export function toGroupMember(
  groupId: string,
  edge: JcGraphConnection,
): GroupMember | undefined {
  const type = edge.to?.type;
  if (
    type !== 'user' &&
    type !== 'system' &&
    type !== 'user_group' &&
    type !== 'system_group'
  ) {
    return undefined;
  }
  return { groupId, memberId: edge.to.id, memberType: type };
}
