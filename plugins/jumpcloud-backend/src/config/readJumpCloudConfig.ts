import type {
  JumpCloudRegion,
  UserIngestionMode,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCredential } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Config } from '@backstage/config';
import type { ConfiguredConnection } from '../connections/configuredConnection';
import { Duration } from 'luxon';
import { z } from 'zod';
import {
  frequencyProblem,
  parseFrequencyString,
} from '../connections/syncFrequency';

export interface SyncOptions {
  timeout: Duration;
  initialDelay: Duration;
  batchSize: number;
  requestsPerSecond?: number;
  maxConcurrency?: number;
  /** Per JumpCloud request attempt, body included. Default PT30S. */
  requestTimeout: Duration;
  /**
   * A running run whose process sent no heartbeat for this long is closed as
   * failed (its process died). Default PT2M; heartbeats go 8 times as often.
   */
  staleAfter: Duration;
  /** Syncs this replica runs at once (scheduled turns it takes). Default 4. */
  maxConcurrentRuns: number;
  /** Days of Directory Insights events each sync reads (JumpCloud keeps 90). */
  directoryInsightsDays: number;
  /**
   * Each run in a worker thread with this heap limit (MB), unless disabled;
   * without one, the limit is sized from the org (see heapLimitFor).
   */
  worker: { enabled: boolean; maxHeapMb?: number };
}

export interface JumpCloudConfig {
  encryptionSecret: string;
  allowedHosts: string[];
  sync: SyncOptions;
  connections: ConfiguredConnection[];
  notifications: NotificationsOptions;
}

/** The group the demo's permission policy lets manage connections. */
export const DEFAULT_MANAGERS = ['group:default/jumpcloud-admins'];

const entityRef = z
  .string()
  .trim()
  .regex(
    /^(group|user):([^:/\s]+\/)?[^:/\s]+$/i,
    'must be a group or user entity ref, e.g. group:default/jumpcloud-admins',
  );

const notificationsSchema = z
  .object({
    enabled: z.boolean().default(true),
    managers: z.array(entityRef).optional(),
    entityOwners: z
      .object({ enabled: z.boolean().default(false) })
      .strict()
      .default({}),
    pagePath: z
      .string()
      .regex(/^\/[^?#\s]*$/, 'must be a path such as /jumpcloud')
      .transform(path => path.replace(/\/+$/, ''))
      .default('/jumpcloud'),
  })
  .strict();

/** Backstage notifications about connections and findings (see the README). */
export type NotificationsOptions = Omit<
  z.infer<typeof notificationsSchema>,
  'managers'
> & {
  /** Who hears about a connection's problems: group or user entity refs. */
  managers: string[];
};

/**
 * `jumpcloud.notifications`. Managers default to the groups the demo's
 * permission policy lets manage connections (`permission.jumpcloudAdminGroups`),
 * else `group:default/jumpcloud-admins`.
 */
export function readNotifications(root: Config): NotificationsOptions {
  const parsed = notificationsSchema.safeParse(
    root.getOptional('jumpcloud.notifications') ?? {},
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid notification configuration: ${parsed.error.issues
        .map(
          issue =>
            `jumpcloud.notifications.${issue.path.join('.')}: ${issue.message}`,
        )
        .join('; ')}`,
    );
  }
  return {
    ...parsed.data,
    managers:
      parsed.data.managers ??
      root.getOptionalStringArray('permission.jumpcloudAdminGroups') ??
      DEFAULT_MANAGERS,
  };
}

// Only for `yarn dev` and tests, where losing encrypted keys does not matter.
const DEVELOPMENT_SECRET = 'jumpcloud-development-only-secret';

function isDevelopment(): boolean {
  return ['development', 'test'].includes(process.env.NODE_ENV ?? '');
}

function readDuration(config: Config, key: string, fallback: string): Duration {
  const value = config.getOptionalString(key) ?? fallback;
  const duration = Duration.fromISO(value);
  if (!duration.isValid) {
    throw new Error(
      `jumpcloud.${key} must be an ISO 8601 duration such as ${fallback}`,
    );
  }
  return duration;
}

/**
 * Reads and validates the `jumpcloud` block, failing start-up with a clear
 * message instead of misbehaving later.
 */
export function readJumpCloudConfig(root: Config): JumpCloudConfig {
  const config = root.getOptionalConfig('jumpcloud');
  let encryptionSecret = config?.getOptionalString('encryptionSecret') ?? '';
  if (!encryptionSecret) {
    if (!isDevelopment()) {
      throw new Error(
        'jumpcloud.encryptionSecret is required: set it (e.g. to ${JUMPCLOUD_ENCRYPTION_SECRET}, 32+ random characters) so API keys can be encrypted at rest',
      );
    }
    encryptionSecret = DEVELOPMENT_SECRET;
  }
  const syncConfig = config?.getOptionalConfig('sync');
  const sync: SyncOptions = {
    timeout: syncConfig
      ? readDuration(syncConfig, 'timeout', 'PT30M')
      : Duration.fromISO('PT30M'),
    initialDelay: syncConfig
      ? readDuration(syncConfig, 'initialDelay', 'PT0S')
      : Duration.fromISO('PT0S'),
    batchSize: syncConfig?.getOptionalNumber('batchSize') ?? 500,
    requestsPerSecond: syncConfig?.getOptionalNumber('requestsPerSecond'),
    maxConcurrency: syncConfig?.getOptionalNumber('maxConcurrency'),
    requestTimeout: syncConfig
      ? readDuration(syncConfig, 'requestTimeout', 'PT30S')
      : Duration.fromISO('PT30S'),
    staleAfter: readStaleAfter(syncConfig),
    maxConcurrentRuns: readMaxConcurrentRuns(
      syncConfig?.getOptionalNumber('maxConcurrentRuns'),
    ),
    directoryInsightsDays: readDirectoryInsightsDays(
      syncConfig?.getOptionalNumber('directoryInsightsDays'),
    ),
    worker: readWorker(syncConfig?.getOptionalConfig('worker')),
  };

  const names = new Set<string>();
  const connections = (config?.getOptionalConfigArray('connections') ?? []).map(
    (entry, index): ConfiguredConnection => {
      const name = entry.getString('name').trim();
      if (!name || names.has(name)) {
        throw new Error(
          `jumpcloud.connections[${index}].name must be a unique, non-empty name`,
        );
      }
      names.add(name);
      const frequency = parseFrequencyString(
        entry.getOptionalString('syncFrequency') ?? 'daily',
      );
      const problem = frequencyProblem(frequency);
      if (problem) {
        throw new Error(
          `jumpcloud.connections[${index}].syncFrequency ${problem}`,
        );
      }
      return {
        name,
        region: entry.getOptionalString('region') as
          | JumpCloudRegion
          | undefined,
        apiUrl: entry.getOptionalString('apiUrl'),
        orgId: entry.getOptionalString('orgId') ?? null,
        orgName: entry.getOptionalString('orgName') ?? null,
        credential: readCredential(entry, `jumpcloud.connections[${index}]`),
        syncFrequency: frequency,
        users:
          (entry.getOptionalString('users') as UserIngestionMode | undefined) ??
          'ingest',
        enabled: entry.getOptionalBoolean('enabled') ?? true,
      };
    },
  );

  return {
    encryptionSecret,
    allowedHosts: config?.getOptionalStringArray('allowedHosts') ?? [],
    sync,
    connections,
    notifications: readNotifications(root),
  };
}

/**
 * `apiKey`, or a service account (`clientId` + `clientSecret`, with or
 * without `authType: serviceAccount`); never both, never half of one.
 * Messages name the keys, never their values.
 */
function readCredential(entry: Config, at: string): JumpCloudCredential {
  const authType = entry.getOptionalString('authType');
  if (
    authType !== undefined &&
    authType !== 'apiKey' &&
    authType !== 'serviceAccount'
  ) {
    throw new Error(`${at}.authType must be apiKey or serviceAccount`);
  }
  const apiKey = entry.getOptionalString('apiKey')?.trim();
  const clientId = entry.getOptionalString('clientId')?.trim();
  const clientSecret = entry.getOptionalString('clientSecret')?.trim();
  const serviceAccount =
    authType === 'serviceAccount' ||
    (authType === undefined &&
      (clientId !== undefined || clientSecret !== undefined));
  if (!serviceAccount) {
    if (clientId !== undefined || clientSecret !== undefined) {
      throw new Error(
        `${at}: clientId and clientSecret are only for authType serviceAccount`,
      );
    }
    if (!apiKey) {
      throw new Error(
        `${at}.apiKey is required (or clientId and clientSecret of a service account)`,
      );
    }
    return { type: 'apiKey', apiKey };
  }
  if (apiKey !== undefined) {
    throw new Error(
      `${at}: set either apiKey or a service account's clientId and clientSecret, not both`,
    );
  }
  if (!clientId || !clientSecret) {
    throw new Error(
      `${at}.${
        clientId ? 'clientSecret' : 'clientId'
      } is required for a service account`,
    );
  }
  return { type: 'serviceAccount', clientId, clientSecret };
}

/**
 * A Sync Now run waits queued (without heartbeats) until the scheduler's
 * worker picks it up, which polls every 5 s: shorter limits would close
 * runs that were about to start.
 */
function readWorker(workerConfig: Config | undefined): SyncOptions['worker'] {
  const maxHeapMb = workerConfig?.getOptionalNumber('maxHeapMb');
  if (
    maxHeapMb !== undefined &&
    (!Number.isInteger(maxHeapMb) || maxHeapMb < 64)
  ) {
    throw new Error(
      'jumpcloud.sync.worker.maxHeapMb must be a whole number of megabytes, at least 64',
    );
  }
  return {
    enabled: workerConfig?.getOptionalBoolean('enabled') ?? true,
    ...(maxHeapMb !== undefined ? { maxHeapMb } : {}),
  };
}

function readMaxConcurrentRuns(value: number | undefined): number {
  if (value === undefined) return 4;
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new Error(
      'jumpcloud.sync.maxConcurrentRuns must be a whole number from 1 to 64',
    );
  }
  return value;
}

function readStaleAfter(syncConfig: Config | undefined): Duration {
  const value = syncConfig
    ? readDuration(syncConfig, 'staleAfter', 'PT2M')
    : Duration.fromISO('PT2M');
  if (value.as('seconds') < 10) {
    throw new Error('jumpcloud.sync.staleAfter must be at least PT10S');
  }
  return value;
}

/**
 * Dormant-account and patch-age checks look back up to 90 days, so the sync
 * reads that much audit history by default; JumpCloud keeps no more.
 */
function readDirectoryInsightsDays(value: number | undefined): number {
  if (value === undefined) return 90;
  if (!Number.isInteger(value) || value < 1 || value > 90) {
    throw new Error(
      'jumpcloud.sync.directoryInsightsDays must be a whole number of days from 1 to 90',
    );
  }
  return value;
}
