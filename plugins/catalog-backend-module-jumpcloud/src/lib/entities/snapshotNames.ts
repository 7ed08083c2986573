import { stringifyEntityRef } from '@backstage/catalog-model';
import type { UserIngestionMode } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JcSystemUser } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
} from '../source/types';
import type {
  EntityNameRegistry,
  NameRequest,
  PreviousName,
} from './nameRegistry';
import { sanitizeEntityName } from './naming';

/** What naming one connection's objects depends on. */
export interface SnapshotNamesOptions {
  connection: JumpCloudCatalogConnection;
  snapshot: JumpCloudCatalogSnapshot;
  usersMode: UserIngestionMode;
  names: EntityNameRegistry;
  /** Names handed out by the previous sync, by source key. */
  previousNames: ReadonlyMap<string, PreviousName>;
  /** link mode: lower-cased email → ref of a User another provider ingests. */
  linkedUsers?: ReadonlyMap<string, string>;
}

/** The catalog names of one connection's objects, and refs to them. */
export interface SnapshotNames {
  /** The name handed out, by source key (`connection`, `group:<id>` …). */
  name(sourceKey: string): string;
  /** The preferred (sanitised) name, by source key. */
  base(sourceKey: string): string;
  groupRef(sourceKey: string): string;
  resourceRef(sourceKey: string): string;
  /** The User a JumpCloud user is (ingest) or is linked to (link), if any. */
  userRef(userId: string): string | undefined;
}

function userBaseName(user: JcSystemUser): string {
  return (
    sanitizeEntityName(user.username) ??
    sanitizeEntityName(user.email?.split('@')[0]) ??
    `user-${sanitizeEntityName(user._id) ?? 'unknown'}`
  );
}

function nameRequests(
  options: SnapshotNamesOptions,
): Record<'group' | 'user' | 'resource', NameRequest[]> {
  const { connection, snapshot } = options;
  return {
    group: [
      {
        sourceKey: 'connection',
        base: sanitizeEntityName(`jumpcloud-${connection.name}`) ?? 'jumpcloud',
      },
      {
        sourceKey: 'unassigned',
        base:
          sanitizeEntityName(`jumpcloud-${connection.name}-unassigned`) ??
          'jumpcloud-unassigned',
      },
      ...snapshot.userGroups.map(group => ({
        sourceKey: `group:${group.id}`,
        base:
          sanitizeEntityName(group.name) ??
          `group-${sanitizeEntityName(group.id) ?? 'unknown'}`,
      })),
    ],
    user:
      options.usersMode === 'ingest'
        ? snapshot.users.map(user => ({
            sourceKey: `user:${user._id}`,
            base: userBaseName(user),
          }))
        : [],
    resource: snapshot.systems.map(device => ({
      sourceKey: `system:${device._id}`,
      base:
        sanitizeEntityName(device.hostname) ??
        sanitizeEntityName(device.displayName) ??
        `device-${sanitizeEntityName(device._id) ?? 'unknown'}`,
    })),
  };
}

const ref = (kind: string, name: string) =>
  stringifyEntityRef({ kind, namespace: 'default', name });

/**
 * Names every object of the snapshot before any entity is built, so that
 * every reference points at the final name. Users get names in ingest mode
 * only; in link mode they are refs to the Users another provider ingests.
 */
export function assignSnapshotNames(
  options: SnapshotNamesOptions,
): SnapshotNames {
  const assigned = new Map<string, string>();
  const bases = new Map<string, string>();
  for (const [kind, requests] of Object.entries(nameRequests(options))) {
    const names = options.names.assign(kind, requests, options.previousNames);
    for (const [sourceKey, name] of names) assigned.set(sourceKey, name);
    for (const request of requests) bases.set(request.sourceKey, request.base);
  }
  const ingestUsers = options.usersMode === 'ingest';
  const usersById = new Map(
    options.snapshot.users.map(user => [user._id, user]),
  );
  return {
    name: sourceKey => assigned.get(sourceKey)!,
    base: sourceKey => bases.get(sourceKey)!,
    groupRef: sourceKey => ref('Group', assigned.get(sourceKey)!),
    resourceRef: sourceKey => ref('Resource', assigned.get(sourceKey)!),
    userRef: userId => {
      if (ingestUsers) {
        const name = assigned.get(`user:${userId}`);
        return name ? ref('User', name) : undefined;
      }
      const email = usersById.get(userId)?.email?.trim().toLowerCase();
      return email ? options.linkedUsers?.get(email) : undefined;
    },
  };
}
