import {
  jumpcloudReadPermission,
  type SnapshotPage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { ConflictError, NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  SNAPSHOT_READ_TYPES,
  decodeCursor,
  encodeCursor,
  type CatalogSnapshotReader,
} from './CatalogSnapshotReader';
import { rowsLabelOf, type AppliedConnections } from './snapshotScope';
import { requirePermission, type AccessDeps } from '../http/access';
import { fieldError, idSchema, parseInput } from '../http/validation';

export interface CatalogRoutesDeps extends AccessDeps {
  connections: AppliedConnections;
  reader: CatalogSnapshotReader;
}

const snapshotQuery = z.object({
  connectionId: idSchema,
  type: z.enum(SNAPSHOT_READ_TYPES as [string, ...string[]]),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  /** userSystemBindings: only the direct ones (`direct=true`). */
  direct: z.enum(['true', 'false']).optional(),
});

/**
 * Read-only routes for the catalog module (service tokens): the connections
 * and the raw objects of each connection's latest complete snapshot.
 */
export function createCatalogRoutes(deps: CatalogRoutesDeps) {
  const router = Router();

  router.get('/catalog/connections', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const records = await deps.connections.list();
    res.json(
      records.map(r => ({
        id: r.id,
        name: r.name,
        orgId: r.orgId,
        region: r.region,
        apiUrl: r.apiUrl,
        users: r.users,
        latestCompleteRunId: r.latestCompleteRunId,
      })),
    );
  });

  router.get('/catalog/snapshot', async (req, res) => {
    await requirePermission(deps, req, jumpcloudReadPermission);
    const query = parseInput(snapshotQuery, req.query, 'query');
    const cursor =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) {
      throw fieldError('cursor', 'is not a cursor returned by this API');
    }
    const connection = await deps.connections.get(query.connectionId);
    if (!connection)
      throw new NotFoundError(
        `No JumpCloud connection with id ${query.connectionId}`,
      );
    const runId = connection.latestCompleteRunId;
    const rowsLabel = rowsLabelOf(connection);
    if (!runId || !rowsLabel)
      throw new NotFoundError(
        `Connection ${connection.name} has no complete snapshot yet`,
      );
    // A later run's changes are applied to the same rows: a cursor of an
    // earlier run would read a mix of both.
    if (cursor && cursor.runId !== runId) {
      throw new ConflictError(
        'The snapshot this cursor belongs to was replaced; start again without a cursor',
      );
    }
    const type = query.type as SnapshotPage['type'];
    const direct = query.direct === 'true';
    if (direct && type !== 'userSystemBindings') {
      throw fieldError('direct', 'applies to type userSystemBindings only');
    }
    const result = await deps.reader.readJson({
      runId: rowsLabel,
      type,
      after: cursor?.after,
      limit: query.limit,
      direct,
      totalCount:
        cursor?.type === type && Boolean(cursor.direct) === direct
          ? cursor.totalCount
          : undefined,
    });
    const page: Omit<SnapshotPage, 'items'> = {
      connectionId: connection.id,
      runId,
      type,
      nextCursor:
        result.next === null
          ? null
          : encodeCursor({
              runId,
              after: result.next,
              type,
              totalCount: result.totalCount,
              direct,
            }),
      totalCount: result.totalCount,
    };
    // A SnapshotPage whose items are spliced in as the reader's JSON text.
    const head = JSON.stringify(page);
    res
      .type('application/json')
      .send(`${head.slice(0, -1)},"items":${result.itemsJson}}`);
  });

  return router;
}
