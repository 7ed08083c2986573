import type { JcGraphConnection, JcGroup } from '../types';
import type { GroupMember, UserSystemBinding } from '../types/snapshot';

type Sudo = NonNullable<UserSystemBinding['sudo']>;

/**
 * A direct user ↔ device association edge.
 *
 * @public
 */
export interface DirectBinding {
  userId: string;
  systemId: string;
  attributes?: unknown;
}

/**
 * Edges read per group (and per object for direct bindings).
 *
 * @public
 */
export interface GroupGraph {
  userGroups: JcGroup[];
  userGroupMembers: GroupMember[];
  systemGroupMembers: GroupMember[];
  /** user group id → its direct `system` and `system_group` associations. */
  userGroupAssociations: Map<string, JcGraphConnection[]>;
  /** system group id → its direct `user` associations. */
  systemGroupUserAssociations: Map<string, JcGraphConnection[]>;
  /** Direct user ↔ device associations (not through any group). */
  directBindings?: DirectBinding[];
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

/**
 * Leaf members (users or systems) of every group, nested groups included
 * (a group can hold groups of its own kind); cycles are cut.
 */
export function leafMembers(
  members: GroupMember[],
  leafType: 'user' | 'system',
): (groupId: string) => string[] {
  const groupType = leafType === 'user' ? 'user_group' : 'system_group';
  const direct = new Map<string, { leaves: string[]; groups: string[] }>();
  for (const member of members) {
    const entry = direct.get(member.groupId) ?? { leaves: [], groups: [] };
    if (member.memberType === leafType) entry.leaves.push(member.memberId);
    else if (member.memberType === groupType) {
      entry.groups.push(member.memberId);
    }
    direct.set(member.groupId, entry);
  }
  // One walk per group asked for: a shared cache would keep the partial
  // result of a group first reached inside a cycle.
  const cache = new Map<string, string[]>();
  const resolve = (root: string): string[] => {
    const cached = cache.get(root);
    if (cached) return cached;
    const entry = direct.get(root);
    if (!entry || entry.groups.length === 0) return entry?.leaves ?? [];
    const leaves = new Set<string>();
    const seen = new Set([root]);
    const queue = [root];
    while (queue.length > 0) {
      const current = direct.get(queue.pop()!);
      if (!current) continue;
      for (const leaf of current.leaves) leaves.add(leaf);
      for (const child of current.groups) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    const result = [...leaves];
    cache.set(root, result);
    return result;
  };
  return resolve;
}

/** One way of granting access: every user of `users` to every device of `systems`. */
interface Grant {
  users: readonly string[];
  systems: readonly string[];
  viaGroup: boolean;
  /** The user group, or the device group bound to the user, that grants it. */
  groupId?: string;
  sudo?: Sudo;
}

const byId = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

function indexGrants(
  grants: Grant[],
  side: 'users' | 'systems',
): Map<string, number[]> {
  const index = new Map<string, number[]>();
  grants.forEach((grant, position) => {
    for (const id of grant[side]) {
      const list = index.get(id);
      if (list) list.push(position);
      else index.set(id, [position]);
    }
  });
  return index;
}

/**
 * Effective user → device access, computed from per-group reads (members +
 * direct associations) instead of one traversal call per user or device:
 *
 * - user group → device, and user group → device group → its devices;
 * - user → device group (a user bound directly to a device group);
 * - direct user → device associations (`viaGroup: false`).
 *
 * Nested groups are followed. Sudo comes from the association attributes
 * and the user group's `attributes.sudo`; several paths to one pair merge
 * (any grant wins).
 *
 * The graph keeps the grants (a group's users × its devices), not the pairs
 * they expand to: a large org's hundreds of thousands of bindings are built
 * only for the user or device asked about, or streamed once by `all()`.
 *
 * @public
 */
export class AccessGraph {
  readonly #grants: Grant[] = [];
  readonly #byUser: Map<string, number[]>;
  readonly #bySystem: Map<string, number[]>;

  constructor(graph: GroupGraph) {
    const usersOf = leafMembers(graph.userGroupMembers, 'user');
    const systemsOf = leafMembers(graph.systemGroupMembers, 'system');
    const grants = this.#grants;
    for (const direct of graph.directBindings ?? []) {
      grants.push({
        users: [direct.userId],
        systems: [direct.systemId],
        viaGroup: false,
        sudo: sudoOf(direct.attributes),
      });
    }
    for (const group of graph.userGroups) {
      const users = usersOf(group.id);
      if (users.length === 0) continue;
      const groupSudo = sudoOf(group.attributes);
      for (const edge of graph.userGroupAssociations.get(group.id) ?? []) {
        let systems: string[] = [];
        if (edge.to.type === 'system') systems = [edge.to.id];
        else if (edge.to.type === 'system_group')
          systems = systemsOf(edge.to.id);
        if (systems.length === 0) continue;
        const sudo = mergeSudo(groupSudo, sudoOf(edge.attributes));
        grants.push({
          users,
          systems,
          viaGroup: true,
          groupId: group.id,
          sudo,
        });
      }
    }
    for (const [systemGroupId, edges] of graph.systemGroupUserAssociations) {
      const systems = systemsOf(systemGroupId);
      if (systems.length === 0) continue;
      for (const edge of edges) {
        if (edge.to.type !== 'user') continue;
        grants.push({
          users: [edge.to.id],
          systems,
          viaGroup: true,
          groupId: systemGroupId,
          sudo: sudoOf(edge.attributes),
        });
      }
    }
    this.#byUser = indexGrants(grants, 'users');
    this.#bySystem = indexGrants(grants, 'systems');
  }

  /** One user's bindings, sorted by device id. */
  ofUser(userId: string): UserSystemBinding[] {
    const bySystem = new Map<string, UserSystemBinding>();
    for (const position of this.#byUser.get(userId) ?? []) {
      const grant = this.#grants[position];
      for (const systemId of grant.systems)
        merge(bySystem, systemId, userId, systemId, grant);
    }
    return sortedValues(bySystem);
  }

  /** One device's bindings, sorted by user id. */
  ofSystem(systemId: string): UserSystemBinding[] {
    const byUser = new Map<string, UserSystemBinding>();
    for (const position of this.#bySystem.get(systemId) ?? []) {
      const grant = this.#grants[position];
      for (const userId of grant.users)
        merge(byUser, userId, userId, systemId, grant);
    }
    return sortedValues(byUser);
  }

  /** Every binding, sorted by user id, then device id; built one user at a time. */
  *all(): Generator<UserSystemBinding> {
    for (const userId of [...this.#byUser.keys()].sort(byId))
      yield* this.ofUser(userId);
  }
}

function merge(
  into: Map<string, UserSystemBinding>,
  key: string,
  userId: string,
  systemId: string,
  grant: Grant,
) {
  const existing = into.get(key);
  if (existing) {
    const merged = mergeSudo(existing.sudo, grant.sudo);
    if (merged) existing.sudo = merged;
    if (!grant.viaGroup) existing.viaGroup = false;
    addGroup(existing, grant);
    return;
  }
  const binding: UserSystemBinding = {
    userId,
    systemId,
    viaGroup: grant.viaGroup,
  };
  if (grant.sudo) binding.sudo = { ...grant.sudo };
  addGroup(binding, grant);
  into.set(key, binding);
}

/** Notes the group of a grant, once, on the binding it grants. */
function addGroup(binding: UserSystemBinding, grant: Grant) {
  if (!grant.groupId) return;
  const groupIds = (binding.viaGroupIds ??= []);
  if (!groupIds.includes(grant.groupId)) groupIds.push(grant.groupId);
}

function sortedValues(map: Map<string, UserSystemBinding>) {
  return [...map.keys()].sort(byId).map(key => map.get(key)!);
}

/** Every binding of a group graph, sorted by user id, then device id. */
export function expandGroupBindings(graph: GroupGraph): UserSystemBinding[] {
  return [...new AccessGraph(graph).all()];
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
