import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { eventually } from '@backstage-jumpcloud/test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { configConnectionId } from '../connections/applyConfiguredConnections';
import { jumpcloudPlugin } from '../plugin';

// The plugin and the real notifications backend in one test backend: what
// the plugin sends is accepted (link, recipients, scope), stored for the
// members of the managers' group and read back as that user would.

jest.setTimeout(120_000);

const MANAGER = 'user:default/ada';
const OTHER = 'user:default/bob';

const adminsGroup = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'jumpcloud-admins', namespace: 'default' },
  spec: { type: 'team', children: [], members: ['ada'] },
  relations: [{ type: 'hasMember', targetRef: MANAGER }],
};

describe('notifications through the real notifications backend', () => {
  it('tells the managers once that the key stopped working, and updates that notification when it works again', async () => {
    const simulator = await startSimulator({ seed: 7, size: 'S' });
    const backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        notificationsPlugin,
        schedulerServiceFactory,
        catalogServiceMock.factory({ entities: [adminsGroup] }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
            jumpcloud: {
              encryptionSecret: 'notify-test-secret-notify-test-secret',
              allowedHosts: [new URL(simulator.url).host],
              connections: [
                {
                  name: 'notified',
                  apiUrl: simulator.url,
                  apiKey: simulator.keys.readOnly,
                  syncFrequency: 'off',
                },
              ],
              // The default managers: group:default/jumpcloud-admins.
            },
          },
        }),
      ],
    });
    const server = backend.server;
    const connectionId = configConnectionId('notified');
    const sync = async () => {
      const started = await request(server)
        .post(`/api/jumpcloud/connections/${connectionId}/sync`)
        .set('authorization', mockCredentials.user.header(MANAGER));
      expect(started.status).toBe(202);
      return eventually(async () => {
        const run = await request(server)
          .get(`/api/jumpcloud/runs/${started.body.id}`)
          .set('authorization', mockCredentials.user.header(MANAGER));
        expect(run.body.status).not.toBe('running');
        return run.body as { status: string; error: { kind: string } | null };
      }, 60_000);
    };
    const notificationsOf = async (user: string) => {
      const res = await request(server)
        .get('/api/notifications/notifications')
        .set('authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return res.body.notifications as Array<{
        id: string;
        user: string;
        origin: string;
        read?: string | null;
        payload: Record<string, unknown>;
      }>;
    };

    try {
      expect((await sync()).status).toMatch(/^(succeeded|partial)$/);
      expect(await notificationsOf(MANAGER)).toEqual([]);

      simulator.control.revokeKey(simulator.keys.readOnly);
      for (let i = 0; i < 3; i++) {
        const failed = await sync();
        expect(failed.status).toBe('failed');
        // Each sync's client is new: it cannot tell revoked from unknown.
        expect(failed.error?.kind).toMatch(/^(revoked_key|invalid_key)$/);
      }
      const [told, ...more] = await notificationsOf(MANAGER);
      expect(more).toEqual([]);
      expect(told).toMatchObject({
        user: MANAGER,
        origin: 'plugin:jumpcloud',
        payload: {
          title: 'JumpCloud connection notified: the API key stopped working',
          link: '/jumpcloud/connections',
          severity: 'critical',
          topic: 'jumpcloud-connections',
          scope: `jumpcloud:connection:${connectionId}:sync`,
        },
      });
      // Only the managers' group hears of it.
      expect(await notificationsOf(OTHER)).toEqual([]);

      // The manager reads it; the key works again (a new one pasted, here
      // the simulator's keys as they were).
      await request(server)
        .post('/api/notifications/notifications/update')
        .set('authorization', mockCredentials.user.header(MANAGER))
        .send({ ids: [told.id], read: true });
      simulator.control.reset();
      expect((await sync()).status).toMatch(/^(succeeded|partial)$/);
      await sync();
      const after = await notificationsOf(MANAGER);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({
        id: told.id, // the same notification, updated in place
        payload: {
          title: 'JumpCloud connection notified: syncing again',
          severity: 'normal',
          link: '/jumpcloud/history',
        },
      });
      expect(after[0].read ?? null).toBeNull(); // unread again
    } finally {
      await backend.stop();
      await simulator.close();
    }
  });
});
