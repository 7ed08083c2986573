import {
  jumpcloudConnectionManagePermission,
  jumpcloudReadPermission,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  actorOf,
  audited,
  requirePermission,
  type AccessDeps,
} from '../http/access';
import { fieldError, idSchema, parseInput } from '../http/validation';
import type { CheckCatalogue } from '../checks/CheckCatalogue';
import type { ConnectionsStore } from '../connections/ConnectionsStore';
import type { HistoryStore } from '../runs/HistoryStore';
import { exceptionHistoryEntry } from './exceptionHistory';
import type { ExceptionsStore } from './ExceptionsStore';
import { toIsoUtc, type Clock } from './time';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

const createSchema = z
  .object({
    connectionId: idSchema,
    checkId: idSchema,
    entityId: z.string().min(1).max(255).nullable().default(null),
    owner: text(255),
    reason: text(2000),
    expiresAt: z
      .string()
      .refine(
        v => DateTime.fromISO(v).isValid,
        'must be an ISO 8601 date-time',
      ),
  })
  .strict();

const listSchema = z
  .object({
    connectionId: idSchema.optional(),
    checkId: idSchema.optional(),
    entityId: z.string().min(1).max(255).optional(),
    includeInactive: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

/** Longest risk acceptance: exceptions are meant to be reviewed. */
const MAX_EXCEPTION_DAYS = 366;

/** GET /exceptions, POST /exceptions [manage], DELETE /exceptions/:id [manage] */
export function createExceptionsRoutes(
  deps: AccessDeps & {
    exceptions: ExceptionsStore;
    catalogue: Pick<CheckCatalogue, 'has' | 'metadata'>;
    connections: Pick<ConnectionsStore, 'get'>;
    /** Risk acceptances and revocations are kept in History. */
    history: Pick<HistoryStore, 'insert'>;
    clock: Clock;
  },
) {
  const { exceptions, clock } = deps;
  const now = () => toIsoUtc(clock());
  const router = Router();

  router.get('/exceptions', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(listSchema, req.query, 'query');
    res.json(
      await exceptions.list(
        { ...query, includeInactive: query.includeInactive === 'true' },
        now(),
      ),
    );
  });

  router.post('/exceptions', async (req, res) => {
    const credentials = await requirePermission(
      deps,
      req,
      jumpcloudConnectionManagePermission,
    );
    const input = parseInput(createSchema, req.body, 'body');
    const at = clock();
    const expires = DateTime.fromISO(input.expiresAt, { zone: 'utc' });
    if (expires <= at) throw fieldError('expiresAt', 'must be in the future');
    if (expires > at.plus({ days: MAX_EXCEPTION_DAYS }))
      throw fieldError(
        'expiresAt',
        `must be within ${MAX_EXCEPTION_DAYS} days`,
      );
    if (!deps.catalogue.has(input.checkId))
      throw fieldError('checkId', 'is not a known check');
    const connection = await deps.connections.get(input.connectionId);
    if (!connection)
      throw new NotFoundError(`No connection ${input.connectionId}`);
    const meta = {
      connectionId: input.connectionId,
      checkId: input.checkId,
      entityId: input.entityId,
      expiresAt: toIsoUtc(expires),
    };
    const created = await audited(
      deps,
      req,
      'jumpcloud-exception-create',
      meta,
      () =>
        exceptions.create(
          { ...input, expiresAt: toIsoUtc(expires) },
          actorOf(credentials),
          toIsoUtc(at),
        ),
    );
    await deps.history.insert(
      exceptionHistoryEntry({
        action: 'exception_create',
        exception: created,
        connectionName: connection.name,
        checkTitle: deps.catalogue.metadata.get(created.checkId)?.title,
        actor: actorOf(credentials),
        at: toIsoUtc(at),
      }),
    );
    res.status(201).json(created);
  });

  router.delete('/exceptions/:id', async (req, res) => {
    const credentials = await requirePermission(
      deps,
      req,
      jumpcloudConnectionManagePermission,
    );
    const parsed = idSchema.safeParse(req.params.id);
    if (!parsed.success) throw fieldError('id', 'is not a valid id');
    await audited(
      deps,
      req,
      'jumpcloud-exception-delete',
      { exceptionId: parsed.data },
      async () => {
        const removed = await exceptions.remove(
          parsed.data,
          actorOf(credentials),
          now(),
        );
        if (!removed)
          throw new NotFoundError(`No active exception ${parsed.data}`);
        const connection = await deps.connections.get(removed.connectionId);
        await deps.history.insert(
          exceptionHistoryEntry({
            action: 'exception_delete',
            exception: removed,
            connectionName: connection?.name ?? removed.connectionId,
            checkTitle: deps.catalogue.metadata.get(removed.checkId)?.title,
            actor: actorOf(credentials),
            at: removed.deletedAt ?? now(),
          }),
        );
      },
    );
    res.status(204).end();
  });

  return router;
}
