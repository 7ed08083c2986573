import { jumpcloudConnectionReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { authorize } from '../http/access';
import { toSyncRun } from '../runs/toSyncRun';
import { connectionInput, resolveConnection } from './resolveConnection';
import { runOutputSchema, toRunOutput } from './runOutput';
import type { ActionsRegistry, JumpCloudActionsDeps } from './types';

/**
 * get-connection-status: GET /connections/:id and its last run, for
 * agents; jumpcloud.connection.read like those routes. No key material,
 * not even the last four characters the UI shows.
 */
export function registerGetConnectionStatusAction(
  registry: ActionsRegistry,
  deps: JumpCloudActionsDeps,
) {
  registry.register({
    name: 'get-connection-status',
    title: 'Status and last sync of a JumpCloud connection',
    description:
      'Whether a JumpCloud connection is healthy, why it needs attention, and its last sync run (status, stage, counts, errors). Needs the jumpcloud.connection.read permission.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
        }),
      output: z =>
        z.object({
          id: z.string(),
          name: z.string(),
          apiUrl: z.string(),
          orgId: z.string().nullable(),
          orgName: z.string().nullable(),
          enabled: z.boolean(),
          source: z.enum(['ui', 'config']),
          syncFrequency: z.union([
            z.string(),
            z.object({ cron: z.string() }),
            z.object({ duration: z.string() }),
          ]),
          status: z.string(),
          statusReason: z.string().nullable(),
          latestCompleteRunId: z.string().nullable(),
          lastRun: runOutputSchema(z).nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(deps, credentials, jumpcloudConnectionReadPermission);
      const record = await resolveConnection(deps, input.connection);
      const connection = await deps.connectionsService.get(record.id);
      const lastRun = connection.lastRun
        ? await deps.runs.get(connection.lastRun.id)
        : undefined;
      return {
        output: {
          ...connection,
          lastRun: lastRun ? toRunOutput(toSyncRun(lastRun)) : null,
        },
      };
    },
  });
}
