import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { UserIngestionMode } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { DEFAULT_USER_GROUP_TYPE } from '../entities/constants';
import { DEFAULT_SNAPSHOT_PAGE_SIZE } from '../source/constants';

/**
 * `catalog.providers.jumpcloud`, parsed and defaulted.
 *
 * @public
 */
export interface JumpCloudProviderConfig {
  /** The fallback schedule; events trigger refreshes in between. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * Owner of devices without a known user; default: the connection's
   * "unassigned (connection X)" Group.
   */
  defaultOwner?: string;
  removalGuard: {
    /** Largest share (0–1) of a connection's entities one sync may remove. */
    maxShare: number;
    /** Removals up to this count are always allowed (tiny organisations). */
    minimumCount: number;
  };
  systemGroupsAsLabels: boolean;
  userGroupType: string;
  /** Overrides of the users mode and owner, keyed by connection name or id. */
  connectionOverrides: Record<
    string,
    { users?: UserIngestionMode; defaultOwner?: string }
  >;
  pageSize: number;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

const CONFIG_ROOT = 'catalog.providers.jumpcloud';

function readUsersMode(
  config: Config,
  key: string,
): UserIngestionMode | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined || value === 'ingest' || value === 'link') {
    return value;
  }
  throw new InputError(
    `${CONFIG_ROOT}: '${key}' must be 'ingest' or 'link', got '${value}'`,
  );
}

function readShare(config: Config | undefined): number {
  const share = config?.getOptionalNumber('maxShare') ?? 0.2;
  if (!(share >= 0 && share <= 1)) {
    throw new InputError(
      `${CONFIG_ROOT}.removalGuard.maxShare must be between 0 and 1, got ${share}`,
    );
  }
  return share;
}

function readOwner(
  value: string | undefined,
  key = 'defaultOwner',
): string | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `${CONFIG_ROOT}.${key} is not an entity ref: ${error}`,
    );
  }
}

/** Reads `catalog.providers.jumpcloud`; everything is optional. */
export function readJumpCloudProviderConfig(
  root: Config,
): JumpCloudProviderConfig {
  const config = root.getOptionalConfig(CONFIG_ROOT);
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const guard = config?.getOptionalConfig('removalGuard');
  const minimumCount = guard?.getOptionalNumber('minimumCount') ?? 0;
  if (!Number.isInteger(minimumCount) || minimumCount < 0) {
    throw new InputError(
      `${CONFIG_ROOT}.removalGuard.minimumCount must be a whole number ≥ 0`,
    );
  }
  const pageSize =
    config?.getOptionalNumber('pageSize') ?? DEFAULT_SNAPSHOT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
    throw new InputError(`${CONFIG_ROOT}.pageSize must be between 1 and 5000`);
  }

  const connectionOverrides: JumpCloudProviderConfig['connectionOverrides'] =
    {};
  const connections = config?.getOptionalConfig('connections');
  for (const key of connections?.keys() ?? []) {
    const connection = connections!.getConfig(key);
    const users = readUsersMode(connection, 'users');
    const defaultOwner = readOwner(
      connection.getOptionalString('defaultOwner'),
      `connections.${key}.defaultOwner`,
    );
    connectionOverrides[key] = {
      ...(users ? { users } : {}),
      ...(defaultOwner ? { defaultOwner } : {}),
    };
  }

  return {
    schedule: { ...schedule, scope: 'global' },
    defaultOwner: readOwner(config?.getOptionalString('defaultOwner')),
    removalGuard: { maxShare: readShare(guard), minimumCount },
    systemGroupsAsLabels:
      config?.getOptionalBoolean('systemGroupsAsLabels') ?? false,
    userGroupType:
      config?.getOptionalString('userGroupType') ?? DEFAULT_USER_GROUP_TYPE,
    connectionOverrides,
    pageSize,
  };
}

/** The users mode in force for a connection: config override, else its own. */
export function effectiveUsersMode(
  config: Pick<JumpCloudProviderConfig, 'connectionOverrides'>,
  connection: { id: string; name: string; users: UserIngestionMode },
): UserIngestionMode {
  return (
    config.connectionOverrides[connection.id]?.users ??
    config.connectionOverrides[connection.name]?.users ??
    connection.users
  );
}

/** The owner of a connection's devices without a user, if configured. */
export function effectiveDefaultOwner(
  config: Pick<JumpCloudProviderConfig, 'connectionOverrides' | 'defaultOwner'>,
  connection: { id: string; name: string },
): string | undefined {
  return (
    config.connectionOverrides[connection.id]?.defaultOwner ??
    config.connectionOverrides[connection.name]?.defaultOwner ??
    config.defaultOwner
  );
}
