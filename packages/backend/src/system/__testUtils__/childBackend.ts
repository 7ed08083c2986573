/**
 * Entry point of a real backend process for the process-level system tests
 * (see backendProcess.ts): createBackend with the plugins of
 * systemBackend.ts, configured only by the `--config` file the test writes
 * (database, port, jumpcloud block). Authentication uses the mock auth
 * services, as in-process system tests do, so tests can call as admin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { userInfoFactory } from './systemBackend';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('../../permissions/module'));
backend.add(import('@backstage-jumpcloud/plugin-jumpcloud-backend'));
backend.add(
  import('@backstage-jumpcloud/plugin-catalog-backend-module-jumpcloud'),
);
backend.add(eventsServiceFactory);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(userInfoFactory);
// The test holds our stdin open: if it dies (a Jest timeout kills the
// worker), the pipe closes and this process must not live on.
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();

backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(`backend failed to start: ${error}`);
  process.exit(1);
});
