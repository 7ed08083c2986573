import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  jumpcloudConnectionManagePermission,
  jumpcloudConnectionReadPermission,
  jumpcloudReadPermission,
  type Finding,
  type SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { eventually } from '@backstage-jumpcloud/test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { jumpcloudPlugin } from '../plugin';

jest.setTimeout(120_000);

/** Manages; reads. */
const ADMIN = 'user:default/ada';
/** Reads findings and connections; does not manage. */
const READER = 'user:default/bob';
/** Signed in, granted nothing of JumpCloud. */
const OUTSIDER = 'user:default/eve';

const GRANTS: Record<string, string[]> = {
  [ADMIN]: [
    jumpcloudReadPermission.name,
    jumpcloudConnectionReadPermission.name,
    jumpcloudConnectionManagePermission.name,
  ],
  [READER]: [
    jumpcloudReadPermission.name,
    jumpcloudConnectionReadPermission.name,
  ],
  [OUTSIDER]: [],
};

const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const principal = (
      options?.credentials as { principal?: { userEntityRef?: string } }
    )?.principal;
    const granted = GRANTS[principal?.userEntityRef ?? ''] ?? [];
    return requests.map(r => ({
      result: granted.includes(r.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    })) as any;
  },
});

const as = (user: string) => mockCredentials.user.header(user);

function deviceEntity(systemId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `device-${systemId}`,
      namespace: 'default',
      annotations: {
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: systemId,
        [ANNOTATION_JUMPCLOUD_CONNECTION]: 'simulated',
      },
    },
    spec: { type: 'device', owner: 'group:default/it' },
  };
}

describe('jumpcloud actions', () => {
  let simulator: StartedSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const auditor = mockServices.auditor.mock();
  let connectionId: string;
  let finding: Finding;

  const invoke = (name: string, user: string, input: object) =>
    request(backend.server)
      .post(
        `/api/jumpcloud/.backstage/actions/v1/actions/jumpcloud:${name}/invoke`,
      )
      .set('Authorization', as(user))
      .send(input);
  const rest = (method: 'get' | 'post', path: string, user: string) =>
    request(backend.server)
      [method](`/api/jumpcloud${path}`)
      .set('Authorization', as(user));

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 7, size: 'S' });
    const org = simulator.dataset.orgs.find(o => o.id === simulator.orgId)!;
    backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        schedulerServiceFactory,
        actionsRegistryServiceFactory,
        permissions.factory,
        auditor.factory,
        catalogServiceMock.factory({
          entities: [
            ...org.systems.map(s => deviceEntity(String(s._id))),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'web', namespace: 'default' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            jumpcloud: {
              encryptionSecret: 'actions-test-secret-actions-test-secret',
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
    connectionId = (await rest('get', '/connections', ADMIN)).body[0].id;
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
  });

  it('lists the four actions', async () => {
    const response = await request(backend.server)
      .get('/api/jumpcloud/.backstage/actions/v1/actions')
      .set('Authorization', as(READER));
    expect(response.status).toBe(200);
    expect(
      response.body.actions.map((a: { id: string }) => a.id).sort(),
    ).toEqual([
      'jumpcloud:get-connection-status',
      'jumpcloud:get-entity-posture',
      'jumpcloud:list-check-findings',
      'jumpcloud:start-sync',
    ]);
  });

  describe('start-sync', () => {
    it('refuses a reader, as POST /connections/:id/sync does', async () => {
      const viaAction = await invoke('start-sync', READER, {
        connection: 'simulated',
      });
      const viaRest = await rest(
        'post',
        `/connections/${connectionId}/sync`,
        READER,
      );
      expect([viaAction.status, viaRest.status]).toEqual([403, 403]);
    });

    it('starts a sync for a manager, audited like the route', async () => {
      auditor.createEvent.mockClear();
      const response = await invoke('start-sync', ADMIN, {
        connection: 'simulated',
      });
      expect(response.status).toBe(200);
      const run = response.body.output.run;
      expect(run).toMatchObject({
        connectionId,
        trigger: { type: 'manual', by: ADMIN },
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'jumpcloud-sync-trigger',
          meta: expect.objectContaining({ connectionId, actor: ADMIN }),
        }),
      );
      const finished: SyncRun = await eventually(async () => {
        const current = (await rest('get', `/runs/${run.id}`, ADMIN)).body;
        expect(current.status).not.toBe('running');
        return current;
      }, 90_000);
      expect(['succeeded', 'partial']).toContain(finished.status);
      finding = (
        await rest(
          'get',
          `/findings?status=open&entityKind=device&limit=1`,
          ADMIN,
        )
      ).body.items[0];
      expect(finding).toBeDefined();
    });
  });

  describe('get-entity-posture', () => {
    it("gives a reader the device's check results and open findings", async () => {
      const entityRef = `resource:default/device-${finding.entityId}`;
      const response = await invoke('get-entity-posture', READER, {
        entityRef,
      });
      expect(response.status).toBe(200);
      const output = response.body.output;
      expect(output).toMatchObject({
        entityRef,
        kind: 'device',
        jumpcloudId: finding.entityId,
        connectionId,
        connectionName: 'simulated',
      });
      expect(output.openFindings.map((f: Finding) => f.id)).toContain(
        finding.id,
      );
      const viaRest = await rest(
        'get',
        `/posture/entity?connectionId=${connectionId}&entityId=${finding.entityId}`,
        READER,
      );
      expect(output.counts).toEqual(viaRest.body.counts);
    });

    it('refuses a caller without jumpcloud.read, as GET /posture/entity does', async () => {
      const viaAction = await invoke('get-entity-posture', OUTSIDER, {
        entityRef: `resource:default/device-${finding.entityId}`,
      });
      const viaRest = await rest(
        'get',
        `/posture/entity?connectionId=${connectionId}&entityId=${finding.entityId}`,
        OUTSIDER,
      );
      expect([viaAction.status, viaRest.status]).toEqual([403, 403]);
    });

    it('answers 400 for what is not an entity ref', async () => {
      const bad = await invoke('get-entity-posture', READER, {
        entityRef: 'no kind here',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/not an entity ref/);
    });

    it('answers 400 for an entity that is not a JumpCloud device or user', async () => {
      const response = await invoke('get-entity-posture', READER, {
        entityRef: 'component:default/web',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /not a JumpCloud device or user/,
      );
    });
  });

  describe('list-check-findings', () => {
    it('gives a reader the findings of a check, as GET /findings does', async () => {
      const response = await invoke('list-check-findings', READER, {
        checkId: finding.checkId,
        connection: connectionId,
        limit: 500,
      });
      expect(response.status).toBe(200);
      const viaRest = await rest(
        'get',
        `/findings?checkId=${finding.checkId}&status=open&limit=1`,
        READER,
      );
      expect(response.body.output.totalCount).toBe(viaRest.body.totalCount);
      expect(
        response.body.output.findings.every(
          (f: Finding) => f.checkId === finding.checkId && f.status === 'open',
        ),
      ).toBe(true);
    });

    it('refuses a caller without jumpcloud.read, as GET /findings does', async () => {
      const viaAction = await invoke('list-check-findings', OUTSIDER, {
        checkId: finding.checkId,
      });
      const viaRest = await rest(
        'get',
        `/findings?checkId=${finding.checkId}`,
        OUTSIDER,
      );
      expect([viaAction.status, viaRest.status]).toEqual([403, 403]);
    });

    it('answers 400 for a check that does not exist', async () => {
      const response = await invoke('list-check-findings', READER, {
        checkId: 'NOPE-99',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /NOPE-99.*not a JumpCloud check/,
      );
    });
  });

  describe('get-connection-status', () => {
    it('gives a reader the status and last run, never key material', async () => {
      const response = await invoke('get-connection-status', READER, {
        connection: 'simulated',
      });
      expect(response.status).toBe(200);
      const output = response.body.output;
      expect(output).toMatchObject({
        id: connectionId,
        name: 'simulated',
        lastRun: { connectionId, status: expect.any(String) },
      });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(simulator.keys.readOnly);
      expect(text).not.toMatch(/last4|apiKey|clientSecret/i);
    });

    it('refuses a caller without jumpcloud.connection.read, as GET /connections/:id does', async () => {
      const viaAction = await invoke('get-connection-status', OUTSIDER, {
        connection: connectionId,
      });
      const viaRest = await rest(
        'get',
        `/connections/${connectionId}`,
        OUTSIDER,
      );
      expect([viaAction.status, viaRest.status]).toEqual([403, 403]);
    });

    it('answers 404 for a connection that does not exist', async () => {
      const response = await invoke('get-connection-status', READER, {
        connection: 'nowhere',
      });
      expect(response.status).toBe(404);
    });
  });
});

describe('jumpcloud.actions.enabled: false', () => {
  it('registers no action', async () => {
    const backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        actionsRegistryServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            jumpcloud: { actions: { enabled: false } },
          },
        }),
      ],
    });
    try {
      const response = await request(backend.server)
        .get('/api/jumpcloud/.backstage/actions/v1/actions')
        .set('Authorization', as(ADMIN));
      expect(response.status).toBe(200);
      expect(response.body.actions).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
