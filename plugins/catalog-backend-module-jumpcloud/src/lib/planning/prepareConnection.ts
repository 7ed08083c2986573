import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { UserIngestionMode } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  effectiveDefaultOwner,
  type JumpCloudProviderConfig,
} from '../config/providerConfig';
import { buildEntities } from '../entities/buildEntities';
import type { BuiltEntity, NameKind } from '../entities/builtEntities';
import {
  EntityNameRegistry,
  type PreviousName,
} from '../entities/nameRegistry';
import type { JumpCloudTransformers } from '../entities/types';
import { validateCatalogEntity } from '../entities/validateEntity';
import { YIELD_EVERY, yieldEvery } from '../entities/yieldEvery';
import { readLatestSnapshot } from '../source/readLatestSnapshot';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  SnapshotSource,
} from '../source/types';
import type { UserLinker } from '../source/userLinker';
import {
  type AppliedEntity,
  type ConnectionPlan,
  planConnectionMutation,
} from './planMutation';

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

/** link mode: lower-cased email → ref of the User another provider ingests. */
async function linkedUsersOf(
  options: PrepareConnectionOptions,
  snapshot: JumpCloudCatalogSnapshot,
): Promise<Map<string, string> | undefined> {
  if (options.usersMode !== 'link') {
    return undefined;
  }
  return (
    options.userLinker?.findUsersByEmail(
      snapshot.users.flatMap(user => (user.email ? [user.email] : [])),
    ) ?? new Map<string, string>()
  );
}

/**
 * The entities the catalog may take: valid by its own rules, and with a ref
 * no other connection holds. The others are skipped with a warning.
 */
async function applicableEntities(
  built: BuiltEntity[],
  refsOfOthers: ReadonlySet<string>,
  warn: (message: string) => void,
): Promise<BuiltEntity[]> {
  const valid = [];
  const pause = yieldEvery(YIELD_EVERY);
  for (const item of built) {
    await pause();
    try {
      await validateCatalogEntity(item.entity);
    } catch (error) {
      warn(`skipped ${item.sourceKey}, its entity is invalid: ${error}`);
      continue;
    }
    if (refsOfOthers.has(stringifyEntityRef(item.entity).toLowerCase())) {
      warn(
        `skipped ${item.sourceKey}: another connection already has its entity name`,
      );
      continue;
    }
    valid.push(item);
  }
  return valid;
}

/**
 * Reads one connection's latest complete snapshot and plans the catalog
 * mutation for it. Rejects (and so changes nothing) when any read fails.
 */
export async function prepareConnection(
  options: PrepareConnectionOptions,
): Promise<PreparedConnection> {
  const { connection, logger, config } = options;
  const snapshot = await readLatestSnapshot(options.source, connection, {
    includeSystemGroups: config.systemGroupsAsLabels,
    // Owners come from direct bindings only (primaryUserId).
    bindings: 'direct',
    signal: options.signal,
  });
  const warn = (message: string) =>
    logger.warn(`JumpCloud connection "${connection.name}": ${message}`);

  const built = await buildEntities({
    connection,
    snapshot,
    usersMode: options.usersMode,
    transformers: options.transformers,
    names: new EntityNameRegistry(connection.id, options.takenByOthers),
    previousNames: new Map<string, PreviousName>(
      options.previous.map(row => [
        row.sourceKey,
        { base: row.baseName, name: row.assignedName },
      ]),
    ),
    linkedUsers: await linkedUsersOf(options, snapshot),
    defaultOwner: effectiveDefaultOwner(config, connection),
    systemGroupsAsLabels: config.systemGroupsAsLabels,
    userGroupType: config.userGroupType,
    onWarning: warn,
  });

  const switchedToLink =
    options.previousUsersMode === 'ingest' && options.usersMode === 'link';
  const plan = planConnectionMutation({
    previous: options.previous,
    built: await applicableEntities(built, options.refsOfOthers, warn),
    guard: config.removalGuard,
    unguardedKinds: switchedToLink ? new Set<NameKind>(['user']) : undefined,
  });
  if (plan.guardReason) {
    logger.warn(
      `JumpCloud connection "${connection.name}": removal guard refused ${plan.heldRemovals.length} removals: ${plan.guardReason}`,
    );
  }
  return { runId: snapshot.runId, plan };
}
