import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud-backend';
import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogClient } from '@backstage/catalog-client';
import {
  type Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { eventually } from '@backstage-jumpcloud/test-utils';
import {
  jumpcloudEntities,
  manualJumpCloudModule,
  relationTargets,
  settledEntities,
  startCatalogBackend,
} from '../__testUtils__/catalogHarness';
import { validateCatalogEntity } from '../lib/entities/validateEntity';
import type { JumpCloudEntityProvider } from './JumpCloudEntityProvider';

jest.setTimeout(120_000);

/** The served entity without what the catalog adds (relations, status). */
function emitted(served: Entity): Entity {
  const {
    relations: _r,
    status: _s,
    ...entity
  } = served as Entity & {
    status?: unknown;
  };
  return entity;
}

const fingerprint = (entities: Entity[]) =>
  entities
    .map(
      e =>
        `${stringifyEntityRef(e)} ${JSON.stringify(emitted(e).spec)} ${
          e.metadata.title
        }`,
    )
    .sort();

describe('JumpCloudEntityProvider with jumpcloud-backend and the simulator', () => {
  let simulator: StartedSimulator;
  let stop: () => Promise<void>;
  let catalog: CatalogClient;
  let baseUrl: string;
  let provider: JumpCloudEntityProvider;
  let connectionId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, size: 'S' });
    const captured: { provider?: JumpCloudEntityProvider } = {};
    const started = await startCatalogBackend(
      [jumpcloudPlugin, manualJumpCloudModule(captured)],
      {
        catalog: {
          processingInterval: { seconds: 1 },
          // any removal waits: proves the guard on a real mutation below
          providers: { jumpcloud: { removalGuard: { maxShare: 0 } } },
        },
        jumpcloud: {
          allowedHosts: [new URL(simulator.url).host],
          sync: { requestsPerSecond: 500, maxConcurrency: 8 },
          connections: [
            {
              name: 'simulated',
              apiUrl: simulator.url,
              apiKey: simulator.keys.readOnly,
              syncFrequency: 'off',
            },
          ],
        },
      },
    );
    stop = () => started.backend.stop();
    catalog = started.catalog;
    baseUrl = started.baseUrl;
    provider = captured.provider!;
    const connections = await api('GET', '/connections');
    connectionId = connections[0].id;
  });

  afterAll(async () => {
    await stop?.();
    await simulator?.close();
  });

  async function api(method: string, path: string): Promise<any> {
    const response = await fetch(`${baseUrl}/api/jumpcloud${path}`, {
      method,
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (!response.ok) {
      throw new Error(
        `${method} ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return response.json();
  }

  async function sync(): Promise<SyncRun> {
    const started: SyncRun = await api(
      'POST',
      `/connections/${connectionId}/sync`,
    );
    return eventually(async () => {
      const run: SyncRun = await api('GET', `/runs/${started.id}`);
      expect(run.status).not.toBe('running');
      return run;
    }, 60_000);
  }

  it('puts a complete sync into the catalog with ownership and membership', async () => {
    const run = await sync();
    expect({
      status: run.status,
      failed: run.failedDataTypes,
      error: run.error,
    }).toEqual({ status: 'succeeded', failed: {}, error: null });
    const summary = await provider.refresh();
    expect(summary.mutation).toBe('full');
    expect(summary.connections[0].status).toBe('applied');
    const entities = await settledEntities(catalog, summary.written);

    const devices = entities.filter(e => e.kind === 'Resource');
    const users = entities.filter(e => e.kind === 'User');
    expect(devices.length).toBeGreaterThanOrEqual(50);
    expect(users.length).toBeGreaterThanOrEqual(50);
    for (const entity of entities) {
      await expect(
        validateCatalogEntity(emitted(entity)),
      ).resolves.toBeUndefined();
    }

    const owned = devices.filter(d =>
      relationTargets(d, RELATION_OWNED_BY)[0]?.startsWith('user:'),
    );
    expect(owned.length).toBeGreaterThan(devices.length / 3);
    const owner = await catalog.getEntityByRef(
      relationTargets(owned[0], RELATION_OWNED_BY)[0],
    );
    expect(relationTargets(owner, RELATION_OWNER_OF)).toContain(
      stringifyEntityRef(owned[0]),
    );

    const member = users.find(
      u => relationTargets(u, RELATION_MEMBER_OF).length > 0,
    )!;
    const group = await catalog.getEntityByRef(
      relationTargets(member, RELATION_MEMBER_OF)[0],
    );
    expect(relationTargets(group, RELATION_HAS_MEMBER)).toContain(
      stringifyEntityRef(member),
    );
  });

  it('leaves the entity set identical after a failed sync', async () => {
    const before = fingerprint(await jumpcloudEntities(catalog));
    simulator.control.mutate(5);
    // users unreadable: the run is partial and never becomes the latest complete one
    simulator.control.addFault({
      type: 'status',
      status: 403,
      pathPrefix: '/api/systemusers',
      times: 0,
    });
    try {
      expect((await sync()).status).not.toBe('succeeded');
    } finally {
      simulator.control.clearFaults();
    }
    const summary = await provider.refresh();
    expect(summary).toMatchObject({ mutation: 'none', written: 0, removed: 0 });
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(fingerprint(await jumpcloudEntities(catalog))).toEqual(before);
  });

  it('applies the next complete sync as a delta and holds removals above the share', async () => {
    const count = (await jumpcloudEntities(catalog)).length;
    const summaries = simulator.control.mutate(30);
    const deleted = summaries.reduce(
      (n, s) => n + s.systemsDeleted + s.usersDeleted,
      0,
    );
    expect((await sync()).status).toBe('succeeded');
    const summary = await provider.refresh();
    expect(summary.mutation).toBe('delta');
    expect(summary.written).toBeLessThan(count / 2);
    // maxShare 0: every deletion (from this and the failed round) is held
    expect(summary.removed).toBe(0);
    expect(deleted).toBeGreaterThan(0);
    expect(summary.held).toBeGreaterThanOrEqual(deleted);
    await eventually(async () => {
      expect((await jumpcloudEntities(catalog)).length).toBeGreaterThanOrEqual(
        count,
      );
    });
  });
});
