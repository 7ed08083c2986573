import {
  jumpcloudConnectionManagePermission,
  jumpcloudConnectionReadPermission,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { connectionInputSchema } from './connectionInputSchema';
import type { ConnectionsService } from './ConnectionsService';
import {
  actorOf,
  audited,
  requirePermission,
  type AccessDeps,
} from '../http/access';
import { idSchema, parseInput } from '../http/validation';

export interface ConnectionsRoutesDeps extends AccessDeps {
  connections: ConnectionsService;
}

const idParams = z.object({ id: idSchema });

/** /connections: CRUD and Test Connection (Sync Now is the sync's). */
export function createConnectionsRoutes(deps: ConnectionsRoutesDeps) {
  const router = Router();
  const read = (req: Parameters<typeof requirePermission>[1]) =>
    requirePermission(deps, req, jumpcloudConnectionReadPermission);
  const manage = (req: Parameters<typeof requirePermission>[1]) =>
    requirePermission(deps, req, jumpcloudConnectionManagePermission);

  router.get('/connections', async (req, res) => {
    await read(req);
    res.json(await deps.connections.list());
  });

  // Before /connections/:id so "test" is never taken for an id.
  router.post('/connections/test', async (req, res) => {
    const credentials = await manage(req);
    const input = parseInput(connectionInputSchema, req.body, 'body');
    const result = await audited(
      deps,
      req,
      'jumpcloud-connection-test',
      { saved: false },
      () => deps.connections.testUnsaved(input, actorOf(credentials)),
    );
    res.json(result);
  });

  router.get('/connections/:id', async (req, res) => {
    await read(req);
    const { id } = parseInput(idParams, req.params, 'params');
    res.json(await deps.connections.get(id));
  });

  router.post('/connections', async (req, res) => {
    const credentials = await manage(req);
    const input = parseInput(connectionInputSchema, req.body, 'body');
    const created = await audited(
      deps,
      req,
      'jumpcloud-connection-create',
      { name: input.name ?? null },
      () => deps.connections.create(input, actorOf(credentials)),
    );
    res.status(201).json(created);
  });

  router.patch('/connections/:id', async (req, res) => {
    const credentials = await manage(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const input = parseInput(connectionInputSchema, req.body, 'body');
    const eventId =
      input.apiKey || input.clientSecret
        ? 'jumpcloud-connection-rotate-key'
        : 'jumpcloud-connection-update';
    const updated = await audited(
      deps,
      req,
      eventId,
      { connectionId: id, fields: Object.keys(input) },
      () => deps.connections.update(id, input, actorOf(credentials)),
    );
    res.json(updated);
  });

  router.delete('/connections/:id', async (req, res) => {
    const credentials = await manage(req);
    const { id } = parseInput(idParams, req.params, 'params');
    await audited(
      deps,
      req,
      'jumpcloud-connection-delete',
      { connectionId: id },
      () => deps.connections.delete(id, actorOf(credentials)),
    );
    res.status(204).end();
  });

  router.post('/connections/:id/test', async (req, res) => {
    const credentials = await manage(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const overrides = parseInput(connectionInputSchema, req.body, 'body');
    const result = await audited(
      deps,
      req,
      'jumpcloud-connection-test',
      { connectionId: id, saved: true },
      () => deps.connections.testSaved(id, overrides, actorOf(credentials)),
    );
    res.json(result);
  });

  return router;
}
