import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the real backend the retriever reads
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud-backend';
import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
  type EntityPosture,
  type SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { eventually } from '@backstage-jumpcloud/test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import { createJumpCloudFactRetriever } from './jumpcloudFactRetriever';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

describe('JumpCloud fact retriever against the jumpcloud backend and the simulator', () => {
  let simulator: StartedSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;
  let connectionId: string;

  async function api<T>(path: string, method = 'GET'): Promise<T> {
    const response = await fetch(`${baseUrl}/api/jumpcloud${path}`, {
      method,
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (!response.ok)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 11, size: 'S' });
    backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            jumpcloud: {
              encryptionSecret: 'facts-test-secret-facts-test-secret',
              allowedHosts: [new URL(simulator.url).host],
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
        }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}`;
    connectionId = (await api<Array<{ id: string }>>('/connections'))[0].id;
    const started = await api<SyncRun>(
      `/connections/${connectionId}/sync`,
      'POST',
    );
    await eventually(async () => {
      const run = await api<SyncRun>(`/runs/${started.id}`);
      if (run.status === 'running') throw new Error('still syncing');
    }, 90_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
  });

  async function retrieve(entities: Entity[]): Promise<TechInsightFact[]> {
    const retriever = createJumpCloudFactRetriever({
      catalog: catalogServiceMock({ entities }),
    });
    const discovery = {
      getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `${baseUrl}/api/${pluginId}`,
    };
    return retriever.handler({
      config: mockServices.rootConfig(),
      discovery,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      urlReader: {} as any,
    });
  }

  it('publishes the facts of devices and users the catalog holds, as the REST API reports them', async () => {
    const org = simulator.dataset.orgs.find(o => o.id === simulator.orgId)!;
    const systemIds = org.systems.map(s => String(s._id));
    const userId = String(org.users[0]._id);
    const facts = await retrieve([
      ...systemIds.map(id =>
        entity('Resource', `device-${id}`, {
          [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: id,
          [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: connectionId,
        }),
      ),
      // An older entity: the connection by name only.
      entity('User', 'someone', {
        [ANNOTATION_JUMPCLOUD_USER_ID]: userId,
        [ANNOTATION_JUMPCLOUD_CONNECTION]: 'simulated',
      }),
      entity('Component', 'not-jumpcloud', {}),
    ]);
    expect(facts).toHaveLength(systemIds.length + 1);

    // A device with failing checks: its counts are the entity tab's.
    const failing = await api<{ items: Array<{ entityId: string }> }>(
      `/findings?status=open&entityKind=device&severity=critical,high&limit=1`,
    );
    const deviceId = failing.items[0].entityId;
    const device = facts.find(f => f.entity.name === `device-${deviceId}`)!;
    const detail = await api<{
      fdeActive: boolean | null;
      lastContact: string;
    }>(`/assets/devices/${connectionId}/${deviceId}`);
    const posture = await api<EntityPosture>(
      `/posture/entity?connectionId=${connectionId}&entityId=${deviceId}`,
    );
    const failingOf = (severity: string) =>
      posture.results.filter(
        r => r.status === 'fail' && r.severity === severity,
      ).length;
    expect(device.entity).toEqual({
      kind: 'Resource',
      namespace: 'default',
      name: `device-${deviceId}`,
    });
    expect(device.facts).toMatchObject({
      jumpcloudFailingCritical: failingOf('critical'),
      jumpcloudFailingHigh: failingOf('high'),
      jumpcloudFailingMedium: failingOf('medium'),
      jumpcloudFailingLow: failingOf('low'),
      jumpcloudLastContact: detail.lastContact,
    });
    expect(
      Number(device.facts.jumpcloudFailingCritical) +
        Number(device.facts.jumpcloudFailingHigh),
    ).toBeGreaterThan(0);
    // Left out where JumpCloud did not say.
    expect(device.facts.jumpcloudDiskEncrypted).toBe(
      detail.fdeActive ?? undefined,
    );
    expect(device.facts).not.toHaveProperty('jumpcloudMfaEnrolled');

    const user = facts.find(f => f.entity.kind === 'User')!;
    const userDetail = await api<{ mfaEnrolled: boolean }>(
      `/assets/users/${connectionId}/${userId}`,
    );
    expect(user.facts.jumpcloudMfaEnrolled).toBe(userDetail.mfaEnrolled);
    expect(user.facts).not.toHaveProperty('jumpcloudDiskEncrypted');
  });

  it('publishes nothing for entities of a connection that no longer exists', async () => {
    const facts = await retrieve([
      entity('Resource', 'gone', {
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: 'sys-1',
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: 'deleted-connection',
      }),
    ]);
    expect(facts).toEqual([]);
  });
});
