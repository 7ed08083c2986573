import type { JcGroup } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { JumpCloudCatalogConnection } from '../source/types';
import { BuiltEntities, type BuiltEntity } from './builtEntities';
import {
  connectionGroupEntity,
  unassignedGroupEntity,
} from './connectionGroup';
import {
  deviceConsoleUrl,
  userConsoleUrl,
  userGroupConsoleUrl,
} from './consoleLinks';
import { locationRef } from './locationRef';
import {
  bindingsBySystemId,
  groupsByMember,
  membersByGroup,
  primaryUserId,
} from './relations';
import {
  assignSnapshotNames,
  type SnapshotNames,
  type SnapshotNamesOptions,
} from './snapshotNames';
import type {
  JumpCloudTransformerContext,
  JumpCloudTransformers,
} from './types';
import { YIELD_EVERY, yieldEvery } from './yieldEvery';

export interface BuildEntitiesOptions extends SnapshotNamesOptions {
  transformers: JumpCloudTransformers;
  defaultOwner?: string;
  systemGroupsAsLabels: boolean;
  userGroupType: string;
  onWarning?: (message: string) => void;
}

/** What each kind's builder works with. */
interface Build {
  options: BuildEntitiesOptions;
  names: SnapshotNames;
  built: BuiltEntities;
  pause: () => Promise<void>;
}

/** What every transformer gets to know about one object. */
function contextOf(
  build: Build,
  sourceKey: string,
  type: 'userGroups' | 'users' | 'systems',
  id: string,
  consoleUrl: (connection: JumpCloudCatalogConnection, id: string) => string,
): JumpCloudTransformerContext {
  const { connection } = build.options;
  return {
    connection,
    name: build.names.name(sourceKey),
    locationRef: locationRef(connection.id, type, id),
    consoleUrl: consoleUrl(connection, id),
  };
}

async function buildUserGroups(build: Build, connectionRef: string) {
  const { options, names, built, pause } = build;
  const { snapshot } = options;
  const userMembers = membersByGroup(snapshot.userGroupMembers, 'user');
  for (const group of snapshot.userGroups) {
    await pause();
    const sourceKey = `group:${group.id}`;
    const members = (userMembers.get(group.id) ?? [])
      .map(names.userRef)
      .filter((ref): ref is string => Boolean(ref));
    const entity = await options.transformers.group(group, {
      ...contextOf(
        build,
        sourceKey,
        'userGroups',
        group.id,
        userGroupConsoleUrl,
      ),
      members: [...new Set(members)].sort(),
      parent: connectionRef,
      groupType: options.userGroupType,
    });
    built.add('group', sourceKey, entity, names.groupRef(sourceKey));
  }
}

async function buildUsers(build: Build) {
  const { options, names, built, pause } = build;
  const { snapshot } = options;
  const knownGroups = new Set(snapshot.userGroups.map(group => group.id));
  const groupsOfUser = groupsByMember(snapshot.userGroupMembers, 'user');
  for (const user of snapshot.users) {
    await pause();
    const sourceKey = `user:${user._id}`;
    const memberOf = (groupsOfUser.get(user._id) ?? [])
      .filter(id => knownGroups.has(id))
      .map(id => names.groupRef(`group:${id}`));
    const entity = await options.transformers.user(user, {
      ...contextOf(build, sourceKey, 'users', user._id, userConsoleUrl),
      memberOf: [...new Set(memberOf)].sort(),
    });
    built.add('user', sourceKey, entity, names.userRef(user._id)!);
  }
}

async function buildDevices(build: Build, fallbackOwner: () => string) {
  const { options, names, built, pause } = build;
  const { snapshot } = options;
  const bindings = bindingsBySystemId(snapshot.userSystemBindings);
  const systemGroupsById = new Map<string, JcGroup>(
    snapshot.systemGroups.map(group => [group.id, group]),
  );
  const groupsOfSystem = groupsByMember(snapshot.systemGroupMembers, 'system');
  for (const device of snapshot.systems) {
    await pause();
    const sourceKey = `system:${device._id}`;
    const ownerId = primaryUserId(device, bindings);
    const entity = await options.transformers.device(device, {
      ...contextOf(build, sourceKey, 'systems', device._id, deviceConsoleUrl),
      owner: (ownerId && names.userRef(ownerId)) || fallbackOwner(),
      systemGroups: (groupsOfSystem.get(device._id) ?? [])
        .map(id => systemGroupsById.get(id))
        .filter((group): group is JcGroup => Boolean(group)),
      systemGroupsAsLabels: options.systemGroupsAsLabels,
    });
    built.add('resource', sourceKey, entity, names.resourceRef(sourceKey));
  }
}

/**
 * The owner of devices without a known user: the configured owner, else the
 * connection's "unassigned" Group, added the first time a device needs it.
 */
function unassignedOwner(build: Build, connectionRef: string): () => string {
  const { options, names, built } = build;
  const configured = options.defaultOwner;
  if (configured) return () => configured;
  const ref = names.groupRef('unassigned');
  let added = false;
  return () => {
    if (!added) {
      built.add(
        'group',
        'unassigned',
        unassignedGroupEntity(
          options.connection,
          names.name('unassigned'),
          connectionRef,
        ),
        ref,
      );
      added = true;
    }
    return ref;
  };
}

/**
 * Maps one connection's snapshot to catalog entities: a Group for the
 * connection, Users (ingest mode), Groups for user groups and Resources for
 * devices, with ownership and membership resolved to entity refs.
 */
export async function buildEntities(
  options: BuildEntitiesOptions,
): Promise<BuiltEntity[]> {
  const names = assignSnapshotNames(options);
  const build: Build = {
    options,
    names,
    built: new BuiltEntities(names),
    pause: yieldEvery(YIELD_EVERY),
  };

  // The connection's own Group: parent of user groups, fallback owner.
  const connectionRef = names.groupRef('connection');
  build.built.add(
    'group',
    'connection',
    connectionGroupEntity(options.connection, names.name('connection')),
    connectionRef,
  );
  await buildUserGroups(build, connectionRef);
  if (options.usersMode === 'ingest') {
    await buildUsers(build);
  }
  await buildDevices(build, unassignedOwner(build, connectionRef));
  return build.built.finish(options.onWarning ?? (() => {}));
}
