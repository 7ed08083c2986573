import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
  type GroupEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_ORG_ID,
  type UserIngestionMode,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  JcGroup,
  JcSystemUser,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { CONNECTION_GROUP_TYPE, JUMPCLOUD_LOCATION_TYPE } from './constants';
import {
  deviceConsoleUrl,
  userConsoleUrl,
  userGroupConsoleUrl,
} from './consoleLinks';
import type { EntityNameRegistry, PreviousName } from './nameRegistry';
import { sanitizeEntityName } from './naming';
import {
  bindingsBySystemId,
  groupsByMember,
  membersByGroup,
  primaryUserId,
} from './relations';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  JumpCloudTransformers,
} from './types';

/** Registry kinds (catalog names are unique per kind and namespace). */
export type NameKind = 'user' | 'group' | 'resource';

/** One entity the provider emits, with what it needs to stay stable. */
export interface BuiltEntity {
  /** Identity within the connection: `system:<id>`, `user:<id>`, … */
  sourceKey: string;
  kind: NameKind;
  /** The preferred (sanitised) name. */
  baseName: string;
  /** The name the registry handed out. */
  assignedName: string;
  entity: Entity;
}

export interface BuildEntitiesOptions {
  connection: JumpCloudCatalogConnection;
  snapshot: JumpCloudCatalogSnapshot;
  usersMode: UserIngestionMode;
  transformers: JumpCloudTransformers;
  names: EntityNameRegistry;
  /** Names handed out by the previous sync, by source key. */
  previousNames: ReadonlyMap<string, PreviousName>;
  /** link mode: lower-cased email → ref of a User another provider ingests. */
  linkedUsers?: ReadonlyMap<string, string>;
  defaultOwner?: string;
  systemGroupsAsLabels: boolean;
  userGroupType: string;
  onWarning?: (message: string) => void;
}

/** Objects built between two turns of the event loop. */
const YIELD_EVERY = 500;

/**
 * Returns a function that, every `every` calls, waits for the event loop to
 * turn once: building tens of thousands of entities must not hold the
 * backend's timers and I/O (other requests, kept-alive sockets) for seconds.
 */
export function yieldEvery(every: number): () => Promise<void> {
  let count = 0;
  return async () => {
    count += 1;
    if (count % every === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
  };
}

function locationRef(connectionId: string, type: string, id: string) {
  return `${JUMPCLOUD_LOCATION_TYPE}:${connectionId}/${type}/${encodeURIComponent(
    id,
  )}`;
}

function connectionGroupEntity(
  connection: JumpCloudCatalogConnection,
  name: string,
): GroupEntity {
  const location = locationRef(connection.id, 'connection', connection.id);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title: connection.name,
      description: `Everything ingested from the JumpCloud connection "${connection.name}"`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_JUMPCLOUD_CONNECTION]: connection.name,
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: connection.id,
        ...(connection.orgId
          ? { [ANNOTATION_JUMPCLOUD_ORG_ID]: connection.orgId }
          : {}),
      },
    },
    spec: {
      type: CONNECTION_GROUP_TYPE,
      profile: { displayName: connection.name },
      children: [],
    },
  };
}

function userBaseName(user: JcSystemUser): string {
  return (
    sanitizeEntityName(user.username) ??
    sanitizeEntityName(user.email?.split('@')[0]) ??
    `user-${sanitizeEntityName(user._id) ?? 'unknown'}`
  );
}

function rewriteRefs(entity: Entity, renamed: ReadonlyMap<string, string>) {
  if (renamed.size === 0 || !entity.spec) return;
  const spec = entity.spec as Record<string, unknown>;
  const swap = (ref: unknown) =>
    typeof ref === 'string' ? renamed.get(ref) ?? ref : ref;
  for (const field of ['owner', 'parent']) {
    if (typeof spec[field] === 'string') spec[field] = swap(spec[field]);
  }
  for (const field of ['memberOf', 'members', 'children']) {
    if (Array.isArray(spec[field])) spec[field] = spec[field].map(swap);
  }
}

/**
 * Maps one connection's snapshot to catalog entities: a Group for the
 * connection, Users (ingest mode), Groups for user groups and Resources for
 * devices, with ownership and membership resolved to entity refs.
 */
export async function buildEntities(
  options: BuildEntitiesOptions,
): Promise<BuiltEntity[]> {
  const { connection, snapshot, transformers, names } = options;
  const warn = options.onWarning ?? (() => {});
  const pause = yieldEvery(YIELD_EVERY);
  const built: BuiltEntity[] = [];
  const renamed = new Map<string, string>();

  const track = (
    item: Omit<BuiltEntity, 'entity'>,
    entity: Entity | undefined,
    defaultRef: string,
  ) => {
    if (!entity) return;
    const ref = stringifyEntityRef(entity);
    if (ref !== defaultRef) renamed.set(defaultRef, ref);
    built.push({ ...item, entity });
  };

  // Names first, so every reference below points at the final name.
  const groupRequests = [
    {
      sourceKey: 'connection',
      base: sanitizeEntityName(`jumpcloud-${connection.name}`) ?? 'jumpcloud',
    },
    ...snapshot.userGroups.map(group => ({
      sourceKey: `group:${group.id}`,
      base:
        sanitizeEntityName(group.name) ??
        `group-${sanitizeEntityName(group.id) ?? 'unknown'}`,
    })),
  ];
  const groupNames = names.assign(
    'group',
    groupRequests,
    options.previousNames,
  );
  const groupRef = (sourceKey: string) =>
    stringifyEntityRef({
      kind: 'Group',
      namespace: 'default',
      name: groupNames.get(sourceKey)!,
    });

  const ingestUsers = options.usersMode === 'ingest';
  const userRequests = ingestUsers
    ? snapshot.users.map(user => ({
        sourceKey: `user:${user._id}`,
        base: userBaseName(user),
      }))
    : [];
  const userNames = names.assign('user', userRequests, options.previousNames);
  const usersById = new Map(snapshot.users.map(user => [user._id, user]));
  const userRef = (id: string): string | undefined => {
    if (ingestUsers) {
      const name = userNames.get(`user:${id}`);
      return name
        ? stringifyEntityRef({ kind: 'User', namespace: 'default', name })
        : undefined;
    }
    const email = usersById.get(id)?.email?.trim().toLowerCase();
    return email ? options.linkedUsers?.get(email) : undefined;
  };

  const deviceRequests = snapshot.systems.map(device => ({
    sourceKey: `system:${device._id}`,
    base:
      sanitizeEntityName(device.hostname) ??
      sanitizeEntityName(device.displayName) ??
      `device-${sanitizeEntityName(device._id) ?? 'unknown'}`,
  }));
  const deviceNames = names.assign(
    'resource',
    deviceRequests,
    options.previousNames,
  );

  // The connection's own Group: parent of user groups, fallback owner.
  const connectionRef = groupRef('connection');
  track(
    {
      sourceKey: 'connection',
      kind: 'group',
      baseName: groupRequests[0].base,
      assignedName: groupNames.get('connection')!,
    },
    connectionGroupEntity(connection, groupNames.get('connection')!),
    connectionRef,
  );

  const userMembers = membersByGroup(snapshot.userGroupMembers, 'user');
  const knownGroups = new Set(snapshot.userGroups.map(group => group.id));
  const groupsOfUser = groupsByMember(snapshot.userGroupMembers, 'user');
  const baseOf = (requests: Array<{ sourceKey: string; base: string }>) =>
    new Map(requests.map(request => [request.sourceKey, request.base]));
  const groupBases = baseOf(groupRequests);
  const userBases = baseOf(userRequests);
  const deviceBases = baseOf(deviceRequests);

  for (const group of snapshot.userGroups) {
    await pause();
    const name = groupNames.get(`group:${group.id}`)!;
    const members = (userMembers.get(group.id) ?? [])
      .map(userRef)
      .filter((ref): ref is string => Boolean(ref));
    const entity = await transformers.group(group, {
      connection,
      name,
      locationRef: locationRef(connection.id, 'userGroups', group.id),
      consoleUrl: userGroupConsoleUrl(connection, group.id),
      members: [...new Set(members)].sort(),
      parent: connectionRef,
      groupType: options.userGroupType,
    });
    track(
      {
        sourceKey: `group:${group.id}`,
        kind: 'group',
        baseName: groupBases.get(`group:${group.id}`)!,
        assignedName: name,
      },
      entity,
      groupRef(`group:${group.id}`),
    );
  }

  if (ingestUsers) {
    for (const user of snapshot.users) {
      await pause();
      const name = userNames.get(`user:${user._id}`)!;
      const memberOf = (groupsOfUser.get(user._id) ?? [])
        .filter(id => knownGroups.has(id))
        .map(id => groupRef(`group:${id}`));
      const entity = await transformers.user(user, {
        connection,
        name,
        locationRef: locationRef(connection.id, 'users', user._id),
        consoleUrl: userConsoleUrl(connection, user._id),
        memberOf: [...new Set(memberOf)].sort(),
      });
      track(
        {
          sourceKey: `user:${user._id}`,
          kind: 'user',
          baseName: userBases.get(`user:${user._id}`)!,
          assignedName: name,
        },
        entity,
        userRef(user._id)!,
      );
    }
  }

  const bindings = bindingsBySystemId(snapshot.userSystemBindings);
  const systemGroupsById = new Map<string, JcGroup>(
    snapshot.systemGroups.map(group => [group.id, group]),
  );
  const groupsOfSystem = groupsByMember(snapshot.systemGroupMembers, 'system');
  const fallbackOwner = options.defaultOwner ?? connectionRef;
  for (const device of snapshot.systems) {
    await pause();
    const name = deviceNames.get(`system:${device._id}`)!;
    const ownerId = primaryUserId(device, bindings);
    const owner = (ownerId && userRef(ownerId)) || fallbackOwner;
    const entity = await transformers.device(device, {
      connection,
      name,
      locationRef: locationRef(connection.id, 'systems', device._id),
      consoleUrl: deviceConsoleUrl(connection, device._id),
      owner,
      systemGroups: (groupsOfSystem.get(device._id) ?? [])
        .map(id => systemGroupsById.get(id))
        .filter((group): group is JcGroup => Boolean(group)),
      systemGroupsAsLabels: options.systemGroupsAsLabels,
    });
    track(
      {
        sourceKey: `system:${device._id}`,
        kind: 'resource',
        baseName: deviceBases.get(`system:${device._id}`)!,
        assignedName: name,
      },
      entity,
      stringifyEntityRef({ kind: 'Resource', namespace: 'default', name }),
    );
  }

  for (const item of built) {
    rewriteRefs(item.entity, renamed);
  }
  return dropDuplicateRefs(built, warn);
}

function dropDuplicateRefs(
  built: BuiltEntity[],
  warn: (message: string) => void,
): BuiltEntity[] {
  const seen = new Set<string>();
  return built.filter(item => {
    const ref = stringifyEntityRef(item.entity);
    if (seen.has(ref)) {
      warn(
        `Skipped ${item.sourceKey}: a transformer gave it ${ref}, which another object already has`,
      );
      return false;
    }
    seen.add(ref);
    return true;
  });
}
