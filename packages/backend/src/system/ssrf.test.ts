import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { API, createConnection } from './__testUtils__/jumpcloudApi';
import { callers, startSystemBackend } from './__testUtils__/systemBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * Outbound URL policy through the real routes (the unit tests of
 * OutboundUrlPolicy cover the address classifier and DNS rebinding with a
 * stub resolver; redirects.test.ts covers redirects). Here: spellings of
 * loopback, private, link-local/metadata and IPv6 addresses that URL parsers
 * are known to normalise, against a live canary that must never be reached.
 */
describe('SSRF through /api/jumpcloud', () => {
  it('refuses every internal address spelling on create, test and edit, and never connects', async () => {
    let canaryHits = 0;
    const canary = createServer((_req, res) => {
      canaryHits += 1;
      res.end('[]');
    });
    await new Promise<void>(resolve => canary.listen(0, '127.0.0.1', resolve));
    const port = (canary.address() as AddressInfo).port;
    const sim = await startSimulator({
      seed: 2,
      size: { devices: 4, users: 4 },
    });
    const simHost = new URL(sim.url).host;
    const { backend, server } = await startSystemBackend({
      newDatabase: () => databases.init('SQLITE_3'),
      jumpcloud: {
        encryptionSecret: 'ssrf-system-secret-0123456789abcdef',
        // Only the simulator is allowed, as in the demo.
        allowedHosts: [simHost],
      },
    });
    try {
      const refused = [
        // Loopback outside the allow-list, in the forms parsers normalise.
        `http://127.0.0.1:${port}`,
        `http://localhost:${port}`,
        `http://127.1:${port}`,
        `http://2130706433:${port}`,
        `http://0x7f000001:${port}`,
        `http://0177.0.0.1:${port}`,
        `http://0.0.0.0:${port}`,
        `http://[::1]:${port}`,
        `http://[::ffff:127.0.0.1]:${port}`,
        `http://[0:0:0:0:0:ffff:7f00:1]:${port}`,
        `https://127.0.0.1:${port}`,
        // The allowed host on another port or with userinfo tricks.
        `http://${simHost.split(':')[0]}:${port}`,
        `http://${simHost}@127.0.0.1:${port}`,
        `http://user:pw@${simHost}`,
        `http://127.0.0.1:${port}#@${simHost}`,
        `http://127.0.0.1:${port}\\@${simHost}`,
        // Private ranges, CGNAT, link-local and cloud metadata.
        'http://10.0.0.1',
        'http://172.16.0.1',
        'http://192.168.1.1',
        'http://100.64.0.1',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00:ec2::254]',
        'http://metadata.google.internal/computeMetadata/v1/',
        'http://[fe80::1]',
        'http://[fd00::1]',
        // JumpCloud's names over plain http or on other ports.
        'http://console.jumpcloud.com',
        'https://console.jumpcloud.com:8443',
        'https://console.jumpcloud.com.127.0.0.1.nip.io',
        // Other schemes.
        `file:///etc/passwd`,
        `ftp://127.0.0.1:${port}`,
        `gopher://127.0.0.1:${port}`,
      ];
      const connectionId = await createConnection(server, {
        name: 'ssrf',
        apiUrl: sim.url,
        apiKey: sim.keys.readOnly,
      });
      const problems: string[] = [];
      for (const apiUrl of refused) {
        const calls = [
          request(server)
            .post(`${API}/connections/test`)
            .send({ apiUrl, apiKey: sim.keys.readOnly }),
          request(server)
            .post(`${API}/connections`)
            .send({
              name: `x${problems.length}`,
              apiUrl,
              apiKey: sim.keys.readOnly,
            }),
          request(server)
            .patch(`${API}/connections/${connectionId}`)
            .send({ apiUrl }),
          request(server)
            .post(`${API}/connections/${connectionId}/test`)
            .send({ apiUrl }),
        ];
        for (const call of calls) {
          const res = await call.set('authorization', callers.admin());
          if (res.status !== 400 || !res.body?.error?.fields?.apiUrl) {
            problems.push(`${apiUrl}: ${res.status} ${res.text.slice(0, 160)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(canaryHits).toBe(0);

      // Nothing was created or changed by the refused calls.
      const list = await request(server)
        .get(`${API}/connections`)
        .set('authorization', callers.admin());
      expect(list.body.map((c: { name: string }) => c.name)).toEqual(['ssrf']);
      expect(list.body[0].apiUrl).toBe(sim.url);
    } finally {
      await backend.stop();
      await sim.close();
      canary.close();
    }
  });
});
