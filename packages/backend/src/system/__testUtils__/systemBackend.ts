import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud-backend';
import catalogModuleJumpCloud from '@backstage-jumpcloud/plugin-catalog-backend-module-jumpcloud';
import type { Knex } from 'knex';
import jumpcloudPolicyModule, {
  DEFAULT_JUMPCLOUD_ADMIN_GROUP,
} from '../../permissions/module';
import { CapturedLogs } from '@backstage-jumpcloud/test-utils';

/** A member of the JumpCloud admin group. */
export const ADMIN = 'user:default/ada';
/** Signed in, not an admin. */
export const READER = 'user:default/bob';

const MEMBERSHIPS: Record<string, string[]> = {
  [ADMIN]: [DEFAULT_JUMPCLOUD_ADMIN_GROUP, 'group:default/it'],
  [READER]: ['group:default/engineering'],
};

export const callers = {
  unauthenticated: () => mockCredentials.none.header(),
  reader: () => mockCredentials.user.header(READER),
  admin: () => mockCredentials.user.header(ADMIN),
  service: () => mockCredentials.service.header(),
};
export type Caller = keyof typeof callers;

/**
 * Ownership as the catalog would resolve it for signed-in users (mock user
 * tokens carry no `ent` claim for the real user info service to read).
 */
export const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(MEMBERSHIPS[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

export interface SystemBackendOptions {
  /** A fresh database per plugin, e.g. `() => databases.init('SQLITE_3')`. */
  newDatabase: () => Promise<Knex>;
  /** The jumpcloud plugin's database, if the test needs its handle. */
  jumpcloudDatabase?: Knex;
  jumpcloud: JsonObject;
  logs?: CapturedLogs;
}

/**
 * The backend of packages/backend/src/index.ts as far as JumpCloud is
 * concerned: the real catalog, permission backend with the real JumpCloud
 * policy, jumpcloud plugin, its catalog module and the real scheduler. Only
 * the root config, user info and per-plugin databases are test-provided
 * (startTestBackend's own defaults are mocks: the real permissions, events
 * and scheduler services replace them here).
 */
// The events backend (hub) is left out: its subscribers long-poll, which
// holds backend.stop() for about a minute; in one process the events
// service delivers locally, which is what the catalog module relies on.
export async function startSystemBackend(options: SystemBackendOptions) {
  const logs = options.logs ?? new CapturedLogs();
  const databaseFactory = createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      const knex =
        plugin.getId() === 'jumpcloud' && options.jumpcloudDatabase
          ? options.jumpcloudDatabase
          : await options.newDatabase();
      return { getClient: async () => knex };
    },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      jumpcloudPolicyModule,
      jumpcloudPlugin,
      catalogModuleJumpCloud,
      permissionsServiceFactory,
      eventsServiceFactory,
      schedulerServiceFactory,
      userInfoFactory,
      databaseFactory,
      logs.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          permission: { enabled: true },
          catalog: {
            // New entities are processed at once; reprocessing is left far
            // away. At every second, each test's earlier connections were
            // reprocessed without end, and the catalog claims the longest
            // overdue first: on a loaded machine the newest connection's
            // entities waited minutes behind them.
            processingInterval: { minutes: 30 },
            providers: {
              // Refresh on `jumpcloud.sync.completed` (and tests' triggers)
              // only: a frequent schedule would make "nothing changed"
              // racy. The short initial delay lets the worker start polling
              // at once, or triggers would wait for it.
              jumpcloud: {
                schedule: {
                  frequency: { hours: 12 },
                  timeout: { minutes: 5 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          },
          jumpcloud: options.jumpcloud,
        },
      }),
    ],
  });
  return { backend, server: backend.server, logs };
}
