import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { auditedAs, authorize } from '../http/access';
import { connectionInput, resolveConnection } from './resolveConnection';
import { runOutputSchema, toRunOutput } from './runOutput';
import type { ActionsRegistry, JumpCloudActionsDeps } from './types';

/**
 * start-sync: Sync Now (POST /connections/:id/sync) for agents, with the
 * route's permission (jumpcloud.connection.manage) and audit event.
 */
export function registerStartSyncAction(
  registry: ActionsRegistry,
  deps: JumpCloudActionsDeps,
) {
  registry.register({
    name: 'start-sync',
    title: 'Start a JumpCloud sync',
    description:
      'Starts a sync of a JumpCloud connection now (or returns the run already in progress). Follow it with get-connection-status. Needs the jumpcloud.connection.manage permission.',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
        }),
      output: z => z.object({ run: runOutputSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      await authorize(deps, credentials, jumpcloudConnectionManagePermission);
      const connection = await resolveConnection(deps, input.connection);
      const run = await auditedAs(
        deps,
        credentials,
        'jumpcloud-sync-trigger',
        { connectionId: connection.id, via: 'action' },
        () => deps.syncStarter.start(connection.id, credentials),
      );
      return { output: { run: toRunOutput(run) } };
    },
  });
}
