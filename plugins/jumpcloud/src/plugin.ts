import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { JumpCloudClient, jumpcloudApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The JumpCloud frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const jumpcloudPlugin = createPlugin({
  id: 'jumpcloud',
  apis: [
    createApiFactory({
      api: jumpcloudApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JumpCloudClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The JumpCloud page with its Overview, Findings, Assets, Connections and
 * History tabs. Mount it at /jumpcloud.
 *
 * @public
 */
export const JumpCloudPage: () => JSX.Element = jumpcloudPlugin.provide(
  createRoutableExtension({
    name: 'JumpCloudPage',
    component: () =>
      import('./components/JumpCloudPage').then(m => m.JumpCloudPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The JumpCloud tab of device Resources and Users. Show it only where
 * `isJumpCloudAnnotated(entity)` holds.
 *
 * @public
 */
export const EntityJumpCloudContent: () => JSX.Element =
  jumpcloudPlugin.provide(
    createComponentExtension({
      name: 'EntityJumpCloudContent',
      component: {
        lazy: () =>
          import('./components/entity').then(m => m.EntityJumpCloudContent),
      },
    }),
  );

/**
 * The JumpCloud posture card for entity overview pages.
 *
 * @public
 */
export const EntityJumpCloudPostureCard: () => JSX.Element =
  jumpcloudPlugin.provide(
    createComponentExtension({
      name: 'EntityJumpCloudPostureCard',
      component: {
        lazy: () =>
          import('./components/entity').then(m => m.EntityJumpCloudPostureCard),
      },
    }),
  );
