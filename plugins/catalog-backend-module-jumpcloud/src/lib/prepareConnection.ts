import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { UserIngestionMode } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { buildEntities, type NameKind, yieldEvery } from './buildEntities';
import type { JumpCloudProviderConfig } from './config';
import { EntityNameRegistry, type PreviousName } from './nameRegistry';
import {
  type AppliedEntity,
  type ConnectionPlan,
  planConnectionMutation,
} from './planMutation';
import { SnapshotChangedError } from './RestSnapshotSource';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  JumpCloudTransformers,
  SnapshotSource,
} from './types';
import type { UserLinker } from './userLinker';
import { validateCatalogEntity } from './validateEntity';

export interface PrepareConnectionOptions {
  connection: JumpCloudCatalogConnection;
  usersMode: UserIngestionMode;
  /** The users mode of the applied state, if any. */
  previousUsersMode?: UserIngestionMode;
  previous: AppliedEntity[];
  /** Names per kind held by the other connections. */
  takenByOthers: Map<string, Set<string>>;
  /** Entity refs (lower-cased) held by the other connections. */
  refsOfOthers: ReadonlySet<string>;
  source: SnapshotSource;
  transformers: JumpCloudTransformers;
  config: JumpCloudProviderConfig;
  userLinker?: UserLinker;
  logger: LoggerService;
  signal?: AbortSignal;
}

export interface PreparedConnection {
  runId: string;
  plan: ConnectionPlan;
}

async function readWithOneRetry(
  options: PrepareConnectionOptions,
): Promise<JumpCloudCatalogSnapshot> {
  const read = () =>
    options.source.readSnapshot(options.connection, {
      includeSystemGroups: options.config.systemGroupsAsLabels,
      // Owners come from direct bindings only (primaryUserId).
      bindings: 'direct',
      signal: options.signal,
    });
  try {
    return await read();
  } catch (error) {
    // A newer run completed mid-read: read that one instead.
    if (error instanceof SnapshotChangedError) {
      return read();
    }
    throw error;
  }
}

/**
 * Reads one connection's latest complete snapshot and plans the catalog
 * mutation for it. Rejects (and so changes nothing) when any read fails.
 */
export async function prepareConnection(
  options: PrepareConnectionOptions,
): Promise<PreparedConnection> {
  const { connection, logger } = options;
  const snapshot = await readWithOneRetry(options);

  const linkedUsers =
    options.usersMode === 'link'
      ? await (options.userLinker?.findUsersByEmail(
          snapshot.users.flatMap(user => (user.email ? [user.email] : [])),
        ) ?? Promise.resolve(new Map<string, string>()))
      : undefined;

  const previousNames = new Map<string, PreviousName>(
    options.previous.map(row => [
      row.sourceKey,
      { base: row.baseName, name: row.assignedName },
    ]),
  );
  const warn = (message: string) =>
    logger.warn(`JumpCloud connection "${connection.name}": ${message}`);

  const built = await buildEntities({
    connection,
    snapshot,
    usersMode: options.usersMode,
    transformers: options.transformers,
    names: new EntityNameRegistry(connection.id, options.takenByOthers),
    previousNames,
    linkedUsers,
    defaultOwner: options.config.defaultOwner,
    systemGroupsAsLabels: options.config.systemGroupsAsLabels,
    userGroupType: options.config.userGroupType,
    onWarning: warn,
  });

  const valid = [];
  const pause = yieldEvery(500);
  for (const item of built) {
    await pause();
    try {
      await validateCatalogEntity(item.entity);
    } catch (error) {
      warn(`skipped ${item.sourceKey}, its entity is invalid: ${error}`);
      continue;
    }
    if (
      options.refsOfOthers.has(stringifyEntityRef(item.entity).toLowerCase())
    ) {
      warn(
        `skipped ${item.sourceKey}: another connection already has its entity name`,
      );
      continue;
    }
    valid.push(item);
  }

  const switchedToLink =
    options.previousUsersMode === 'ingest' && options.usersMode === 'link';
  const plan = planConnectionMutation({
    previous: options.previous,
    built: valid,
    guard: options.config.removalGuard,
    unguardedKinds: switchedToLink ? new Set<NameKind>(['user']) : undefined,
  });
  if (plan.guardReason) {
    logger.warn(
      `JumpCloud connection "${connection.name}": removal guard refused ${plan.heldRemovals.length} removals: ${plan.guardReason}`,
    );
  }
  return { runId: snapshot.runId, plan };
}
