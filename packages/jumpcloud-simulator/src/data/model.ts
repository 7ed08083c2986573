import type { JsonObject, SizeSpec } from '../types';

/** Kinds of graph nodes the simulator knows (JumpCloud's `type` values). */
export type GraphNodeType =
  | 'user'
  | 'system'
  | 'user_group'
  | 'system_group'
  | 'policy'
  | 'application';

export interface GraphNode {
  type: GraphNodeType;
  id: string;
}

/**
 * One edge of the JumpCloud graph. `kind: 'member'` means `to` is a member of
 * group `from`; `kind: 'association'` is a binding (user → system,
 * user_group → system_group, policy → system ...). Edges may point to records
 * that no longer exist ("dangling"), as real orgs have.
 */
export interface GraphEdge {
  kind: 'member' | 'association';
  from: GraphNode;
  to: GraphNode;
  attributes: JsonObject | null;
}

export interface OrgData {
  id: string;
  name: string;
  spec: SizeSpec;
  /** The full v1 organisation record (with settings). */
  organization: JsonObject;
  systems: JsonObject[];
  users: JsonObject[];
  /** Console administrators (v1 /api/users). */
  admins: JsonObject[];
  userGroups: JsonObject[];
  systemGroups: JsonObject[];
  edges: GraphEdge[];
  policies: JsonObject[];
  /** Latest result per (policy, system). */
  policyResults: JsonObject[];
  applications: JsonObject[];
  authnPolicies: JsonObject[];
  appleMdms: JsonObject[];
  /** Directory Insights events, ascending by timestamp. */
  events: JsonObject[];
}
