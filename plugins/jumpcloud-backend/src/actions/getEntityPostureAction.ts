import {
  findEntityConnection,
  jumpcloudReadPermission,
  readJumpCloudAnnotations,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { authorize } from '../http/access';
import { toIsoUtc } from '../findings/time';
import { findingOutputSchema } from './findingOutput';
import type { ActionsRegistry, JumpCloudActionsDeps } from './types';

/**
 * get-entity-posture: what the entity tab shows of a device or user, by
 * its catalog entity ref. jumpcloud.read, like GET /posture/entity and
 * GET /findings; the entity itself is read with the caller's credentials,
 * so catalog permissions apply as on the entity page.
 */
export function registerGetEntityPostureAction(
  registry: ActionsRegistry,
  deps: JumpCloudActionsDeps,
) {
  registry.register({
    name: 'get-entity-posture',
    title: 'JumpCloud posture of a catalog entity',
    description:
      'Check results and open findings of the JumpCloud device or user a catalog entity stands for (entities the JumpCloud catalog module creates: Resource devices and Users). Needs the jumpcloud.read permission.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(400)
            .describe(
              'Entity ref such as resource:default/mac-ada or user:default/ada',
            ),
          findingsLimit: z
            .number()
            .int()
            .min(0)
            .max(200)
            .default(50)
            .describe('How many open findings to return, most severe first'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          kind: z.enum(['device', 'user']),
          jumpcloudId: z.string(),
          connectionId: z.string(),
          connectionName: z.string(),
          runId: z.string(),
          counts: z.record(z.number()),
          failingChecks: z.array(
            z.object({
              checkId: z.string(),
              severity: z.string(),
              message: z.string(),
            }),
          ),
          openFindingsTotal: z.number(),
          openFindings: z.array(findingOutputSchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorize(deps, credentials, jumpcloudReadPermission);
      let ref: string;
      try {
        ref = stringifyEntityRef(parseEntityRef(input.entityRef));
      } catch (error) {
        throw new InputError(
          `entityRef "${
            input.entityRef
          }" is not an entity ref such as resource:default/mac-ada (${
            (error as Error).message
          })`,
        );
      }
      const entity = await deps.catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`No catalog entity ${ref}`);
      const target = readJumpCloudAnnotations(entity);
      if (!target)
        throw new InputError(
          `${ref} is not a JumpCloud device or user (no jumpcloud.com/system-id or jumpcloud.com/user-id annotation)`,
        );
      const connection = findEntityConnection(
        target,
        await deps.connections.list(),
      );
      if (!connection)
        throw new NotFoundError(
          `The JumpCloud connection of ${ref} no longer exists`,
        );
      const posture = await deps.entityPosture.read(
        connection.id,
        target.jumpcloudId,
      );
      const findings = await deps.findings.list(
        {
          connectionId: connection.id,
          entityId: [target.jumpcloudId],
          status: ['open'],
          order: 'desc',
          limit: Math.max(1, input.findingsLimit),
          offset: 0,
        },
        toIsoUtc(deps.clock()),
      );
      return {
        output: {
          entityRef: ref,
          kind: target.kind,
          jumpcloudId: target.jumpcloudId,
          connectionId: connection.id,
          connectionName: connection.name,
          runId: posture.runId,
          counts: posture.counts,
          failingChecks: posture.results.filter(r => r.status === 'fail'),
          openFindingsTotal: findings.totalCount,
          openFindings: findings.items.slice(0, input.findingsLimit),
        },
      };
    },
  });
}
