import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import {
  JUMPCLOUD_SIGNAL_CHANNELS,
  type JumpCloudSignal,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { eventually } from '@backstage-jumpcloud/test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { configConnectionId } from '../connections/applyConfiguredConnections';
import { jumpcloudPlugin } from '../plugin';

jest.setTimeout(90_000);

/** What a signed-in browser hears: every message with when it arrived. */
interface Heard {
  channel: string;
  message: JumpCloudSignal;
  at: number;
}

/**
 * A browser's signal connection, as @backstage/plugin-signals opens it: a
 * WebSocket to the signals backend with the user's token as protocol.
 */
async function connectAsBrowser(baseUrl: string) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/signals`;
  const heard: Heard[] = [];
  // The signals backend takes over upgrades after the first one reaches it
  // (the frontend client reconnects the same way).
  const socket = await eventually(
    () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url, mockCredentials.user.token());
        const giveUp = setTimeout(() => {
          ws.close();
          reject(new Error('WebSocket not answered'));
        }, 3000);
        ws.onopen = () => {
          clearTimeout(giveUp);
          resolve(ws);
        };
        ws.onerror = () => {
          clearTimeout(giveUp);
          reject(new Error('WebSocket refused'));
        };
      }),
    10_000,
    200,
  );
  socket.onmessage = event => {
    const { channel, message } = JSON.parse(String(event.data));
    heard.push({ channel, message, at: Date.now() });
  };
  return {
    heard,
    subscribe: (channel: string) =>
      socket.send(JSON.stringify({ action: 'subscribe', channel })),
    close: () => socket.close(),
  };
}

describe('signals through the real signals backend', () => {
  it('broadcasts a run throttled to one progress signal a second, its final status, and the connection and History changes', async () => {
    // Slow requests make a run last a few seconds, with many progress updates.
    const simulator = await startSimulator({
      seed: 7,
      size: 'S',
      latencyMs: 15,
    });
    const backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        signalsPlugin,
        // The real events service, one for all plugins (the mock is one per plugin).
        eventsServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            jumpcloud: {
              encryptionSecret: 'signals-test-secret-signals-test',
              allowedHosts: [new URL(simulator.url).host],
              connections: [
                {
                  name: 'signalled',
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
    const { port } = backend.server.address() as AddressInfo;
    const browser = await connectAsBrowser(`http://localhost:${port}`);
    try {
      browser.subscribe(JUMPCLOUD_SIGNAL_CHANNELS.connections);
      browser.subscribe(JUMPCLOUD_SIGNAL_CHANNELS.history);
      const connectionId = configConnectionId('signalled');
      const started = await request(backend.server)
        .post(`/api/jumpcloud/connections/${connectionId}/sync`)
        .set('authorization', mockCredentials.user.header());
      expect(started.status).toBe(202);
      const runId: string = started.body.id;
      const runChannel = JUMPCLOUD_SIGNAL_CHANNELS.run(runId);
      browser.subscribe(runChannel);

      const onRun = () => browser.heard.filter(h => h.channel === runChannel);
      const final = await eventually(async () => {
        const last = onRun().at(-1);
        expect(last?.message).toMatchObject({
          status: expect.stringMatching(/^(succeeded|partial)$/),
        });
        return last!;
      }, 60_000);

      // Ids and what changed only: nothing the REST API guards.
      expect(final.message).toEqual({
        kind: 'run',
        connectionId,
        runId,
        status: final.message.kind === 'run' && final.message.status,
        stage: null,
      });
      const progress = onRun().filter(
        h => h.message.kind === 'run' && h.message.status === 'running',
      );
      // The run reported progress with every page it read; the signals went
      // out at most once a second (arrival times jitter, so count instead).
      const run = await request(backend.server)
        .get(`/api/jumpcloud/runs/${runId}`)
        .set('authorization', mockCredentials.user.header());
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.length).toBeLessThanOrEqual(
        1 + Math.ceil(run.body.durationMs / 1000),
      );

      await eventually(async () => {
        const after = browser.heard.filter(h => h.at >= final.at);
        expect(after).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              channel: JUMPCLOUD_SIGNAL_CHANNELS.connections,
              message: { kind: 'connection', connectionId, change: 'changed' },
            }),
            expect.objectContaining({
              channel: JUMPCLOUD_SIGNAL_CHANNELS.history,
              message: { kind: 'history', connectionId, runId },
            }),
          ]),
        );
      }, 5_000);
    } finally {
      browser.close();
      await backend.stop();
      await simulator.close();
    }
  });
});
