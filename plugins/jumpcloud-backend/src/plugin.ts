import { jumpcloudPermissions } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { jumpcloudChecksExtensionPoint } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { CustomCheckRegistry } from './checks';
import { registerJumpCloudActions } from './actions/registerJumpCloudActions';
import { readJumpCloudConfig } from './config/readJumpCloudConfig';
import { createJumpCloudBackend } from './createJumpCloudBackend';
import { ClientJumpCloudGateway } from './jumpcloud/ClientJumpCloudGateway';

/**
 * The JumpCloud backend plugin: connections, sync engine, snapshot store,
 * history and the REST API under /api/jumpcloud.
 *
 * @public
 */
export const jumpcloudPlugin = createBackendPlugin({
  pluginId: 'jumpcloud',
  register(env) {
    const customChecks = new CustomCheckRegistry();
    env.registerExtensionPoint(jumpcloudChecksExtensionPoint, customChecks);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        // Publishes through the events service; without the signals backend
        // nobody listens and the frontend polls instead.
        signals: signalsServiceRef,
        auth: coreServices.auth,
        notifications: notificationService,
      },
      async init({ auth, notifications, ...deps }) {
        const config = readJumpCloudConfig(deps.config);
        deps.permissionsRegistry.addPermissions(jumpcloudPermissions);
        const staleAfterMs = config.sync.staleAfter.as('milliseconds');
        const clientOptions = {
          requestsPerSecond: config.sync.requestsPerSecond,
          maxConcurrency: config.sync.maxConcurrency,
          requestTimeoutMs: config.sync.requestTimeout.as('milliseconds'),
          directoryInsightsDays: config.sync.directoryInsightsDays,
        };
        const backend = await createJumpCloudBackend({
          ...deps,
          jumpcloudConfig: config,
          engineOptions: {
            staleAfterMs,
            heartbeatMs: Math.min(15_000, Math.max(100, staleAfterMs / 8)),
          },
          customChecks: customChecks.list(),
          gateway: new ClientJumpCloudGateway({
            ...clientOptions,
            logger: deps.logger.child({ component: 'jumpcloud-client' }),
          }),
          clientOptions,
          notifications: {
            service: notifications,
            catalog: deps.catalog,
            auth,
          },
        });
        deps.httpRouter.use(backend.router);
        // Actions for agents (the MCP actions backend exposes them); off
        // with jumpcloud.actions.enabled: false.
        if (deps.config.getOptionalBoolean('jumpcloud.actions.enabled') ?? true)
          registerJumpCloudActions(deps.actionsRegistry, {
            ...backend.actionServices,
            permissions: deps.permissions,
            auditor: deps.auditor,
            catalog: deps.catalog,
          });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        deps.lifecycle.addShutdownHook(() => backend.stop());
      },
    });
  },
});
