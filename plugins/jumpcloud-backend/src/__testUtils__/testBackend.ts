import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { jumpcloudPlugin } from '../plugin';
import { CapturedLogs } from '@backstage-jumpcloud/test-utils';

export const ADMIN = 'user:default/ada';
export const READER = 'user:default/bob';

export const asAdmin = () => mockCredentials.user.header(ADMIN);
export const asReader = () => mockCredentials.user.header(READER);
export const asService = () => mockCredentials.service.header();
export const unauthenticated = () => mockCredentials.none.header();

/**
 * A permission service like the demo's policy: everyone signed in reads,
 * only ADMIN manages; services are allowed (as Backstage does).
 */
function permissionsFactory() {
  return mockServices.permissions.mock({
    async authorize(requests, options) {
      const principal = (
        options?.credentials as {
          principal?: { type?: string; userEntityRef?: string };
        }
      )?.principal;
      return requests.map(request => {
        if (principal?.type === 'service')
          return { result: AuthorizeResult.ALLOW };
        if (principal?.type !== 'user') return { result: AuthorizeResult.DENY };
        const manage =
          request.permission.name === jumpcloudConnectionManagePermission.name;
        return {
          result:
            !manage || principal.userEntityRef === ADMIN
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }) as any;
    },
  }).factory;
}

export interface TestBackendOptions {
  knex?: Knex;
  jumpcloud: JsonObject;
  logs?: CapturedLogs;
}

/** The plugin in a test backend with the real scheduler on the given database. */
export async function startJumpCloudTestBackend(options: TestBackendOptions) {
  const logs = options.logs ?? new CapturedLogs();
  const events: Array<{ topic: string; eventPayload: unknown }> = [];
  const backend = await startTestBackend({
    features: [
      jumpcloudPlugin,
      schedulerServiceFactory,
      logs.factory(),
      permissionsFactory(),
      mockServices.auditor.factory(),
      mockServices.events.mock({
        async publish(params) {
          events.push(params);
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          jumpcloud: options.jumpcloud,
        },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
    ],
  });
  return { backend, server: backend.server, logs, events };
}
