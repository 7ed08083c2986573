import {
  groupAssociationsSpec,
  GroupKind,
  groupMembersSpec,
  objectAssociationsSpec,
  systemGroupsSpec,
  userGroupsSpec,
} from '../client/collections';
import { JumpCloudError } from '../client/JumpCloudError';
import type { ListSpec } from '../client/paging';
import type { JcGraphConnection, JcGroup } from '../types';
import type { GroupMember, UserSystemBinding } from '../types/snapshot';
import { AccessGraph, DirectBinding, toGroupMember } from './bindings';
import { readAll, SnapshotContext } from './context';

/** Bindings handed to a sink at once. */
const BINDINGS_PAGE = 2000;

/** How each kind of group is read and where it goes in the snapshot. */
const GROUP_KINDS: Record<
  GroupKind,
  {
    groups: 'userGroups' | 'systemGroups';
    members: 'userGroupMembers' | 'systemGroupMembers';
    spec: () => ListSpec<JcGroup>;
    /** Associations that grant device access. */
    targets: string[];
  }
> = {
  usergroups: {
    groups: 'userGroups',
    members: 'userGroupMembers',
    spec: userGroupsSpec,
    targets: ['system', 'system_group'],
  },
  systemgroups: {
    groups: 'systemGroups',
    members: 'systemGroupMembers',
    spec: systemGroupsSpec,
    targets: ['user'],
  },
};

/**
 * User and device groups with their members, and device access
 * (`userSystemBindings`): group associations read per group, direct
 * associations per device or user (once `lists`, the device and user
 * lists, are read), expanded locally. Resolves to the access graph when
 * device access could be computed.
 */
export async function readGroupsAndBindings(
  context: SnapshotContext,
  lists: Promise<void>,
): Promise<AccessGraph | undefined> {
  const { ledger, snapshot, options } = context;
  let directBindings: DirectBinding[] = [];
  const [, userGroupAssociations, systemGroupUserAssociations] =
    await Promise.all([
      ledger.guard(['userSystemBindings'], async () => {
        if (options.directBindings === false) return;
        directBindings = await readDirectBindings(context, lists);
      }),
      readGroups(context, 'usergroups'),
      readGroups(context, 'systemgroups'),
    ]);
  failAccessWithoutMembers(context);
  if (ledger.failures.userSystemBindings || ledger.fatal) return undefined;
  const access = new AccessGraph({
    userGroups: snapshot.userGroups,
    userGroupMembers: snapshot.userGroupMembers,
    systemGroupMembers: snapshot.systemGroupMembers,
    userGroupAssociations,
    systemGroupUserAssociations,
    directBindings,
  });
  await keepBindings(context, access);
  return access;
}

/**
 * The groups of one kind and their members into the snapshot; resolves to
 * each group's associations (none when the groups could not be read).
 */
async function readGroups(
  context: SnapshotContext,
  kind: GroupKind,
): Promise<Map<string, JcGraphConnection[]>> {
  const { groups, members, spec, targets } = GROUP_KINDS[kind];
  let associations = new Map<string, JcGraphConnection[]>();
  await context.ledger.guard(
    [groups, members, 'userSystemBindings'],
    async () => {
      context.snapshot[groups] = await readAll(context, groups, spec());
      const edges = await readGroupEdges(
        context,
        kind,
        context.snapshot[groups].map(group => group.id),
        members,
        targets,
      );
      context.snapshot[members] = edges.members;
      associations = edges.associations;
    },
  );
  return associations;
}

/** Device access cannot be computed without every group's members. */
function failAccessWithoutMembers({ ledger }: SnapshotContext): void {
  const { failures } = ledger;
  const missing = (['userGroupMembers', 'systemGroupMembers'] as const).find(
    type => failures[type],
  );
  if (missing && !failures.userSystemBindings) {
    failures.userSystemBindings = new JumpCloudError(
      failures[missing]!.kind,
      `Device access could not be computed: ${failures[missing]!.message}`,
      { capability: 'userSystemBindings', status: failures[missing]!.status },
    );
  }
}

/** The bindings into the snapshot, or to their sink a page at a time. */
async function keepBindings(
  { ledger, snapshot, sinks }: SnapshotContext,
  access: AccessGraph,
): Promise<void> {
  const sink = sinks.userSystemBindings;
  if (!sink) {
    snapshot.userSystemBindings = [...access.all()];
    return;
  }
  await ledger.guard(['userSystemBindings'], async () => {
    let page: UserSystemBinding[] = [];
    for (const binding of access.all()) {
      page.push(binding);
      if (page.length >= BINDINGS_PAGE) {
        await sink(page);
        ledger.addStreamed('userSystemBindings', page.length);
        page = [];
      }
    }
    if (page.length > 0) await sink(page);
    ledger.addStreamed('userSystemBindings', page.length);
  });
}

/** Members and direct associations of each group, a group at a time per fan-out slot. */
async function readGroupEdges(
  context: SnapshotContext,
  kind: GroupKind,
  groupIds: string[],
  membersType: 'userGroupMembers' | 'systemGroupMembers',
  associationTargets: string[],
) {
  const { ledger, fanOut } = context;
  const { failures } = ledger;
  const members: GroupMember[][] = new Array(groupIds.length);
  const associations = new Map<string, JcGraphConnection[]>();
  await Promise.all(
    groupIds.map((groupId, index) =>
      fanOut(async () => {
        if (ledger.fatal) return;
        await ledger.guard([membersType], async () => {
          if (failures[membersType]) return;
          const edges = await readAll(
            context,
            membersType,
            groupMembersSpec(kind, groupId),
            true,
          );
          members[index] = edges.flatMap(
            edge => toGroupMember(groupId, edge) ?? [],
          );
        });
        await ledger.guard(['userSystemBindings'], async () => {
          if (failures.userSystemBindings) return;
          const spec = groupAssociationsSpec(kind, groupId, associationTargets);
          associations.set(
            groupId,
            await readAll(context, 'userSystemBindings', spec, true),
          );
        });
      }),
    ),
  );
  return { members: members.flat(), associations };
}

/** Direct user ↔ device edges, read from the smaller side, one request per object. */
async function readDirectBindings(
  context: SnapshotContext,
  lists: Promise<void>,
): Promise<DirectBinding[]> {
  const { ledger, fanOut, systemIds, userIds } = context;
  const { failures } = ledger;
  await lists;
  const listFailure = failures.systems ?? failures.users;
  if (listFailure) throw listFailure;
  const bySystem = systemIds.length <= userIds.length;
  const ids = bySystem ? systemIds : userIds;
  const perObject = new Array<DirectBinding[]>(ids.length);
  await Promise.all(
    ids.map((id, index) =>
      fanOut(async () => {
        // After one failure the data type is lost anyway: spare the requests.
        if (ledger.fatal || failures.userSystemBindings) return;
        const spec = bySystem
          ? objectAssociationsSpec('systems', id, ['user'])
          : objectAssociationsSpec('users', id, ['system']);
        const edges = await readAll(context, 'userSystemBindings', spec, true);
        perObject[index] = edges
          .filter(edge => edge.to?.type === (bySystem ? 'user' : 'system'))
          .map(edge => ({
            userId: bySystem ? edge.to.id : id,
            systemId: bySystem ? id : edge.to.id,
            attributes: edge.attributes,
          }));
      }),
    ),
  );
  return perObject.flat();
}
