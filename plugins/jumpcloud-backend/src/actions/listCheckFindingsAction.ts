import { jumpcloudReadPermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { InputError } from '@backstage/errors';
import { authorize } from '../http/access';
import { toIsoUtc } from '../findings/time';
import { findingOutputSchema } from './findingOutput';
import { connectionInput, resolveConnection } from './resolveConnection';
import type { ActionsRegistry, JumpCloudActionsDeps } from './types';

/** list-check-findings: GET /findings?checkId=… for agents; jumpcloud.read. */
export function registerListCheckFindingsAction(
  registry: ActionsRegistry,
  deps: JumpCloudActionsDeps,
) {
  registry.register({
    name: 'list-check-findings',
    title: 'Findings of a JumpCloud check',
    description:
      'The findings of one JumpCloud check (e.g. DEV-01), most severe first, optionally of one connection and by status (default: open). Needs the jumpcloud.read permission.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          checkId: z
            .string()
            .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'is not a check id')
            .describe('Check id, as listed on the Checks tab (e.g. DEV-01)'),
          connection: connectionInput(z).optional(),
          status: z
            .array(z.enum(['open', 'resolved', 'excepted']))
            .min(1)
            .default(['open'])
            .describe('Finding statuses to include (default: open)'),
          limit: z.number().int().min(1).max(500).default(50),
        }),
      output: z =>
        z.object({
          checkId: z.string(),
          checkTitle: z.string(),
          totalCount: z.number(),
          findings: z.array(findingOutputSchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(deps, credentials, jumpcloudReadPermission);
      const check = deps.catalogue.describe().find(c => c.id === input.checkId);
      if (!check)
        throw new InputError(
          `checkId "${input.checkId}" is not a JumpCloud check (see the Checks tab for the ids)`,
        );
      const connection = input.connection
        ? await resolveConnection(deps, input.connection)
        : undefined;
      const page = await deps.findings.list(
        {
          checkId: [check.id],
          connectionId: connection?.id,
          status: input.status,
          order: 'desc',
          limit: input.limit,
          offset: 0,
        },
        toIsoUtc(deps.clock()),
      );
      return {
        output: {
          checkId: check.id,
          checkTitle: check.title,
          totalCount: page.totalCount,
          findings: page.items,
        },
      };
    },
  });
}
