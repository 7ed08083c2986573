import type { JsonObject } from '../types';
import type { GraphEdge, GraphNode, GraphNodeType, OrgData } from './model';
import type { SoftwareProfile } from './software';
import { SystemInsightsStore } from './systemInsights';

export interface PathStep {
  attributes: JsonObject | null;
  to: { attributes: JsonObject | null; id: string; type: GraphNodeType };
}

export interface GraphObjectWithPaths {
  id: string;
  type: GraphNodeType;
  compiledAttributes: JsonObject;
  paths: PathStep[][];
}

interface Neighbour {
  node: GraphNode;
  attributes: JsonObject | null;
}

/** One hop of a path: to `node`, over an edge with these attributes. */
export const step = (
  node: GraphNode,
  attributes: JsonObject | null,
): PathStep => ({
  attributes,
  to: { attributes: null, id: node.id, type: node.type },
});

/** Indexes over one organisation's data; rebuilt after every mutation. */
export class OrgIndex {
  systemById = new Map<string, JsonObject>();
  userById = new Map<string, JsonObject>();
  groupById = new Map<string, JsonObject>();
  policyById = new Map<string, JsonObject>();
  /** Raw member edges of a group, dangling ones included, in insertion order. */
  membersOf = new Map<string, GraphEdge[]>();
  /** Direct parent groups of a member. */
  parentsOf = new Map<string, string[]>();
  /** Associations in both directions. */
  associations = new Map<string, Neighbour[]>();
  resultsBySystem = new Map<string, JsonObject[]>();
  resultsByPolicy = new Map<string, JsonObject[]>();
  readonly systemInsights: SystemInsightsStore;

  constructor(
    readonly data: OrgData,
    seed: number,
    nowMs: number,
    software: SoftwareProfile = 'realistic',
  ) {
    this.systemInsights = new SystemInsightsStore(
      seed,
      nowMs,
      () => this.data.systems,
      id => (this.userById.get(id)?.username as string | undefined) ?? null,
      software,
    );
    this.rebuild();
  }

  rebuild(): void {
    const d = this.data;
    this.systemById = new Map(d.systems.map(s => [s._id as string, s]));
    this.userById = new Map(d.users.map(u => [u._id as string, u]));
    this.groupById = new Map(
      [...d.userGroups, ...d.systemGroups].map(g => [g.id as string, g]),
    );
    this.policyById = new Map(d.policies.map(p => [p.id as string, p]));
    this.membersOf = new Map();
    this.parentsOf = new Map();
    this.associations = new Map();
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const edge of d.edges) {
      if (edge.kind === 'member') {
        push(this.membersOf, edge.from.id, edge);
        push(this.parentsOf, edge.to.id, edge.from.id);
      } else {
        push(this.associations, edge.from.id, {
          node: edge.to,
          attributes: edge.attributes,
        });
        push(this.associations, edge.to.id, {
          node: edge.from,
          attributes: edge.attributes,
        });
      }
    }
    this.resultsBySystem = new Map();
    this.resultsByPolicy = new Map();
    for (const r of d.policyResults) {
      push(this.resultsBySystem, r.systemID as string, r);
      push(this.resultsByPolicy, r.policyID as string, r);
    }
  }

  exists(node: GraphNode): boolean {
    switch (node.type) {
      case 'user':
        return this.userById.has(node.id);
      case 'system':
        return this.systemById.has(node.id);
      case 'user_group':
      case 'system_group':
        return this.groupById.has(node.id);
      case 'policy':
        return this.policyById.has(node.id);
      case 'application':
        return applicationIds(this.data.applications).has(node.id);
      default:
        return false;
    }
  }

  /** Groups containing `id`, directly or through nested groups, with paths from the member up. */
  memberOf(id: string): GraphObjectWithPaths[] {
    const out = new Map<string, GraphObjectWithPaths>();
    const walk = (memberId: string, path: PathStep[], depth: number) => {
      if (depth > 5) return;
      for (const parentId of this.parentsOf.get(memberId) ?? []) {
        const parent = this.groupById.get(parentId);
        if (!parent) continue;
        const node: GraphNode = {
          id: parentId,
          type: parent.type as GraphNodeType,
        };
        const fullPath = [...path, step(node, null)];
        addPath(out, node, fullPath);
        walk(parentId, fullPath, depth + 1);
      }
    };
    walk(id, [], 0);
    return [...out.values()];
  }

  /** Members reachable from a group (nested groups expanded), of one leaf type. */
  membership(
    groupId: string,
    leafType: 'user' | 'system',
  ): GraphObjectWithPaths[] {
    const out = new Map<string, GraphObjectWithPaths>();
    const walk = (gid: string, path: PathStep[], depth: number) => {
      if (depth > 5) return;
      for (const edge of this.membersOf.get(gid) ?? []) {
        if (!this.exists(edge.to)) continue;
        const fullPath = [...path, step(edge.to, null)];
        if (edge.to.type === leafType) addPath(out, edge.to, fullPath);
        else if (
          edge.to.type === 'user_group' ||
          edge.to.type === 'system_group'
        )
          walk(edge.to.id, fullPath, depth + 1);
      }
    };
    walk(groupId, [], 0);
    return [...out.values()];
  }

  /** Devices a user can reach: direct bindings, via user groups, via device groups. */
  userSystems(userId: string): GraphObjectWithPaths[] {
    return this.reachable(userId, 'system');
  }

  /** Users that can reach a device (the reverse of userSystems). */
  systemUsers(systemId: string): GraphObjectWithPaths[] {
    return this.reachable(systemId, 'user');
  }

  /** Policies applying to a device, directly or through its device groups. */
  systemPolicies(systemId: string): GraphObjectWithPaths[] {
    const out = new Map<string, GraphObjectWithPaths>();
    this.fromSelfAndGroups(systemId, (id, path) => {
      for (const n of this.associations.get(id) ?? []) {
        if (n.node.type === 'policy' && this.exists(n.node)) {
          addPath(out, n.node, [...path, step(n.node, n.attributes)]);
        }
      }
    });
    return [...out.values()];
  }

  /**
   * Objects of the other side (users of a device, devices of a user) bound
   * to `id` or to a group it is in: directly, or through a group of theirs.
   */
  private reachable(
    id: string,
    leafType: 'user' | 'system',
  ): GraphObjectWithPaths[] {
    const groupType = leafType === 'user' ? 'user_group' : 'system_group';
    const out = new Map<string, GraphObjectWithPaths>();
    this.fromSelfAndGroups(id, (fromId, path) => {
      for (const n of this.associations.get(fromId) ?? []) {
        const attributes = n.attributes ?? {};
        if (n.node.type === leafType) {
          if (this.exists(n.node))
            addPath(
              out,
              n.node,
              [...path, step(n.node, n.attributes)],
              attributes,
            );
        } else if (n.node.type === groupType) {
          const viaGroup = [...path, step(n.node, n.attributes)];
          for (const member of this.membership(n.node.id, leafType)) {
            for (const p of member.paths)
              addPath(
                out,
                { id: member.id, type: leafType },
                [...viaGroup, ...p],
                attributes,
              );
          }
        }
      }
    });
    return [...out.values()];
  }

  /** Visits a node, then each group it is in (nested), with the path up to it. */
  private fromSelfAndGroups(
    id: string,
    visit: (nodeId: string, path: PathStep[]) => void,
  ): void {
    visit(id, []);
    for (const group of this.memberOf(id)) {
      for (const path of group.paths) visit(group.id, path);
    }
  }
}

/** JumpCloud lists up to a few paths per object; ten is plenty. */
const MAX_PATHS = 10;

/**
 * Adds one path to an object found by a traversal; a sudo grant on any of
 * its paths is compiled into the object's attributes, as JumpCloud does.
 */
export function addPath(
  out: Map<string, GraphObjectWithPaths>,
  node: GraphNode,
  path: PathStep[],
  attributes: JsonObject = {},
): void {
  let entry = out.get(node.id);
  if (!entry) {
    entry = {
      id: node.id,
      type: node.type,
      compiledAttributes: {},
      paths: [],
    };
    out.set(node.id, entry);
  }
  if (entry.paths.length < MAX_PATHS) entry.paths.push(path);
  const sudo = attributes.sudo as
    | { enabled?: boolean; withoutPassword?: boolean }
    | undefined;
  if (sudo?.enabled) {
    const current = (entry.compiledAttributes.sudo as
      | { enabled: boolean; withoutPassword: boolean }
      | undefined) ?? { enabled: false, withoutPassword: false };
    entry.compiledAttributes.sudo = {
      enabled: true,
      withoutPassword: current.withoutPassword || !!sudo.withoutPassword,
    };
  }
}

const appIds = new WeakMap<JsonObject[], Set<string>>();
function applicationIds(apps: JsonObject[]): Set<string> {
  let ids = appIds.get(apps);
  if (!ids) {
    ids = new Set(apps.map(a => a._id as string));
    appIds.set(apps, ids);
  }
  return ids;
}
