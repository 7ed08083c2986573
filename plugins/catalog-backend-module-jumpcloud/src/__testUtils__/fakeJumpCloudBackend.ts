import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  eventsServiceRef,
  type EventsService,
} from '@backstage/plugin-events-node';
import type {
  SnapshotPage,
  SnapshotReadType,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import express from 'express';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
} from '../lib/source/types';
import { snapshotData } from './fixtures';

/** What the stand-in serves; tests change it between refreshes. */
export interface FakeBackendState {
  connections: JumpCloudCatalogConnection[];
  snapshots: Map<string, JumpCloudCatalogSnapshot>;
  /** Read types that answer 500 (a broken backend, not a partial sync). */
  failingTypes: Set<SnapshotReadType>;
  /** Number of snapshot page requests served. */
  pageRequests: number;
  /** Snapshot page requests with direct=true (direct bindings only). */
  directRequests: number;
}

export function newFakeState(): FakeBackendState {
  return {
    connections: [],
    snapshots: new Map(),
    failingTypes: new Set(),
    pageRequests: 0,
    directRequests: 0,
  };
}

/**
 * A stand-in for jumpcloud-backend's two catalog routes, serving in-memory
 * snapshots in exactly the REST contract's shape (service tokens only,
 * SnapshotPage with an opaque cursor). Used where the real plugin is not the
 * subject of the test.
 */
export function fakeJumpCloudBackend(state: FakeBackendState) {
  const events: { service?: EventsService } = {};
  const feature = createBackendPlugin({
    pluginId: 'jumpcloud',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          eventsService: eventsServiceRef,
        },
        async init({ httpRouter, httpAuth, eventsService }) {
          events.service = eventsService;
          const router = express.Router();
          router.get('/catalog/connections', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            res.json(state.connections);
          });
          router.get('/catalog/snapshot', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            state.pageRequests += 1;
            if (req.query.direct === 'true') state.directRequests += 1;
            const connectionId = String(req.query.connectionId ?? '');
            const type = String(req.query.type ?? '') as SnapshotReadType;
            const snapshot = state.snapshots.get(connectionId);
            if (!snapshot) {
              res.status(404).json({
                error: { name: 'NotFoundError', message: 'no complete run' },
              });
              return;
            }
            if (state.failingTypes.has(type)) {
              res
                .status(500)
                .json({ error: { name: 'Error', message: 'boom' } });
              return;
            }
            const all = snapshotData(snapshot)[type];
            // As the real route: direct=true keeps direct bindings only.
            const items =
              req.query.direct === 'true'
                ? all.filter(b => !(b as { viaGroup?: boolean }).viaGroup)
                : all;
            const offset = Number(req.query.cursor ?? 0);
            const limit = Number(req.query.limit ?? 100);
            const page: SnapshotPage = {
              connectionId,
              runId: snapshot.runId,
              type,
              items: items.slice(offset, offset + limit),
              nextCursor:
                offset + limit < items.length ? String(offset + limit) : null,
              totalCount: items.length,
            };
            res.json(page);
          });
          httpRouter.use(router);
        },
      });
    },
  });
  return {
    feature,
    async publish(topic: string, eventPayload: unknown) {
      await events.service!.publish({ topic, eventPayload });
    },
  };
}

export function fakeConnection(
  id: string,
  overrides: Partial<JumpCloudCatalogConnection> = {},
): JumpCloudCatalogConnection {
  return {
    id,
    name: `conn-${id}`,
    orgId: `org-${id}`,
    region: 'us',
    apiUrl: 'http://127.0.0.1:1',
    users: 'ingest',
    latestCompleteRunId: 'run-1',
    ...overrides,
  };
}
