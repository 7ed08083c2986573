import type { GraphNode } from './model';
import {
  addPath,
  step,
  type GraphObjectWithPaths,
  type OrgIndex,
  type PathStep,
} from './orgIndex';

// Traversals from an SSO application (v2 /applications/{id}/users and
// /usergroups): what is bound to the application directly or through user
// groups, each with the paths that grant it (jumpcloud-api.md §3.8).
// Dangling graph records are skipped, as the other traversals do.

function collector() {
  const out = new Map<string, GraphObjectWithPaths>();
  return {
    add: (node: GraphNode, path: PathStep[]) => addPath(out, node, path),
    values: () => [...out.values()],
  };
}

/** User groups bound to the application, and the groups nested in them. */
export function applicationUserGroups(
  org: OrgIndex,
  appId: string,
): GraphObjectWithPaths[] {
  const found = collector();
  const walk = (groupId: string, path: PathStep[], depth: number) => {
    if (depth > 5) return;
    for (const edge of org.membersOf.get(groupId) ?? []) {
      if (edge.to.type !== 'user_group' || !org.exists(edge.to)) continue;
      const nested = [...path, step(edge.to, null)];
      found.add(edge.to, nested);
      walk(edge.to.id, nested, depth + 1);
    }
  };
  for (const n of org.associations.get(appId) ?? []) {
    if (n.node.type !== 'user_group' || !org.exists(n.node)) continue;
    const path = [step(n.node, n.attributes)];
    found.add(n.node, path);
    walk(n.node.id, path, 1);
  }
  return found.values();
}

/** Users bound to the application directly or through (nested) user groups. */
export function applicationUsers(
  org: OrgIndex,
  appId: string,
): GraphObjectWithPaths[] {
  const found = collector();
  for (const n of org.associations.get(appId) ?? []) {
    if (!org.exists(n.node)) continue;
    if (n.node.type === 'user') found.add(n.node, [step(n.node, n.attributes)]);
    if (n.node.type !== 'user_group') continue;
    const viaGroup = step(n.node, n.attributes);
    for (const member of org.membership(n.node.id, 'user'))
      for (const path of member.paths)
        found.add({ id: member.id, type: 'user' }, [viaGroup, ...path]);
  }
  return found.values();
}
