import type {
  JcAdmin,
  JcAppleMdm,
  JcApplication,
  JcAuthnPolicy,
  JcGraphConnection,
  JcGroup,
  JcOrganizationSummary,
  JcPolicy,
  JcPolicyResult,
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
} from '../types';
import type { ListSpec } from './paging';

// Every JumpCloud collection the client reads, as a paging recipe. Page
// sizes are JumpCloud's maxima (100; 10 000 for System Insights); sorts are
// on unique keys where the route accepts `sort`.

const V1_PAGE_SIZE = 100;
const V2_PAGE_SIZE = 100;
const SYSTEM_INSIGHTS_PAGE_SIZE = 10_000;

const v1Key = (item: { _id?: string; id?: string }) => item._id ?? item.id;
const v2Key = (item: { id?: string }) => item.id;
// The value `sort=_id` / `sort=id` orders by (unique, ascending).
const v1Order = (item: { _id?: string }) => item._id;
const v2Order = (item: { id?: string }) => item.id;
const edgeKey = (edge: JcGraphConnection) =>
  edge.to ? `${edge.to.type}:${edge.to.id}` : undefined;

/** @public */
export const organizationsSpec = (): ListSpec<JcOrganizationSummary> => ({
  path: '/api/organizations',
  envelope: 'v1',
  // JumpCloud refuses x-org-id here (403); the list is the key's orgs.
  orgScoped: false,
  pageSize: V1_PAGE_SIZE,
  sort: '_id',
  query: { fields: '_id displayName logoUrl' },
  capability: 'organizations',
  keyOf: v1Key,
  orderKeyOf: v1Order,
});

/** @public */
export const systemsSpec = (fields?: string[]): ListSpec<JcSystem> => ({
  path: '/api/systems',
  envelope: 'v1',
  orgScoped: true,
  pageSize: V1_PAGE_SIZE,
  sort: '_id',
  query: fields ? { fields: fields.join(' ') } : undefined,
  capability: 'devices',
  keyOf: v1Key,
  orderKeyOf: v1Order,
});

/** @public */
export const systemUsersSpec = (fields?: string[]): ListSpec<JcSystemUser> => ({
  path: '/api/systemusers',
  envelope: 'v1',
  orgScoped: true,
  pageSize: V1_PAGE_SIZE,
  sort: '_id',
  query: fields ? { fields: fields.join(' ') } : undefined,
  capability: 'users',
  keyOf: v1Key,
  orderKeyOf: v1Order,
});

/**
 * Console administrators: undocumented v1 `/api/users`, no x-org-id.
 *
 * @public
 */
export const adminsSpec = (): ListSpec<JcAdmin> => ({
  path: '/api/users',
  envelope: 'v1',
  orgScoped: false,
  pageSize: V1_PAGE_SIZE,
  sort: '_id',
  capability: 'admins',
  keyOf: v1Key,
  orderKeyOf: v1Order,
});

/** @public */
export const applicationsSpec = (): ListSpec<JcApplication> => ({
  path: '/api/applications',
  envelope: 'v1',
  orgScoped: true,
  pageSize: V1_PAGE_SIZE,
  sort: '_id',
  capability: 'applications',
  keyOf: v1Key,
  orderKeyOf: v1Order,
});

/** @public */
export type GroupKind = 'usergroups' | 'systemgroups';

const groupsSpec = (kind: GroupKind): ListSpec<JcGroup> => ({
  path: `/api/v2/${kind}`,
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  sort: 'id',
  capability: 'groups',
  keyOf: v2Key,
  orderKeyOf: v2Order,
});

/** @public */
export const userGroupsSpec = () => groupsSpec('usergroups');
/** @public */
export const systemGroupsSpec = () => groupsSpec('systemgroups');

/**
 * The edges of one object on a graph route (members, associations): keyed by
 * the other end, and unsorted (these routes take no `sort`).
 */
const graphEdgesSpec = (
  path: string,
  capability: string,
  targets?: string[],
): ListSpec<JcGraphConnection> => ({
  path,
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  query: targets ? { targets: targets.join(',') } : undefined,
  capability,
  keyOf: edgeKey,
});

/**
 * Direct members of one group.
 *
 * @public
 */
export const groupMembersSpec = (kind: GroupKind, groupId: string) =>
  graphEdgesSpec(
    `/api/v2/${kind}/${encodeURIComponent(groupId)}/members`,
    'groups',
  );

/**
 * Direct associations of one group to the given target types.
 *
 * @public
 */
export const groupAssociationsSpec = (
  kind: GroupKind,
  groupId: string,
  targets: string[],
) =>
  graphEdgesSpec(
    `/api/v2/${kind}/${encodeURIComponent(groupId)}/associations`,
    'groups',
    targets,
  );

/** @public */
export const policiesSpec = (): ListSpec<JcPolicy> => ({
  path: '/api/v2/policies',
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  sort: 'id',
  capability: 'policies',
  keyOf: v2Key,
  orderKeyOf: v2Order,
});

/**
 * Latest result per bound device of one policy.
 *
 * @public
 */
export const policyStatusesSpec = (
  policyId: string,
): ListSpec<JcPolicyResult> => ({
  path: `/api/v2/policies/${encodeURIComponent(policyId)}/policystatuses`,
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  sort: 'systemID',
  capability: 'policies',
  keyOf: result => result.id ?? `${result.policyID}:${result.systemID}`,
});

/**
 * One System Insights table for every device, 10 000 rows a page.
 *
 * @public
 */
export const systemInsightsSpec = (
  table: string,
  filter?: string,
): ListSpec<JcSystemInsightsRow> => ({
  path: `/api/v2/systeminsights/${encodeURIComponent(table)}`,
  envelope: 'v2',
  orgScoped: true,
  pageSize: SYSTEM_INSIGHTS_PAGE_SIZE,
  // Rows have no id; system_id keeps one device's rows together and the
  // order stable enough between pages of an unchanged table.
  sort: 'system_id',
  query: filter ? { filter } : undefined,
  capability: 'systemInsights',
});

/** @public */
export const authnPoliciesSpec = (): ListSpec<JcAuthnPolicy> => ({
  path: '/api/v2/authn/policies',
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  sort: 'id',
  capability: 'authnPolicies',
  keyOf: v2Key,
  orderKeyOf: v2Order,
});

/** @public */
export const appleMdmsSpec = (): ListSpec<JcAppleMdm> => ({
  path: '/api/v2/applemdms',
  envelope: 'v2',
  orgScoped: true,
  pageSize: V2_PAGE_SIZE,
  capability: 'appleMdms',
  keyOf: v2Key,
});

/** @public */
export type AssociationSide = 'users' | 'systems';

/**
 * Direct associations of one user or device. JumpCloud has no bulk route for
 * these, so reading them is one request per object of the chosen side.
 *
 * @public
 */
export const objectAssociationsSpec = (
  side: AssociationSide,
  objectId: string,
  targets: string[],
) =>
  graphEdgesSpec(
    `/api/v2/${side}/${encodeURIComponent(objectId)}/associations`,
    'associations',
    targets,
  );
