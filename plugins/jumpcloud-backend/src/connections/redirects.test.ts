import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  asAdmin,
  startJumpCloudTestBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

function listen(server: Server): Promise<string> {
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

describe('outbound requests', () => {
  it('never follow a redirect from an allowed host to another one', async () => {
    let internalHits = 0;
    const internal = createServer((_req, res) => {
      internalHits += 1;
      res.end('{}');
    });
    const internalHost = await listen(internal);
    const redirecting = createServer((req, res) => {
      res
        .writeHead(302, { location: `http://${internalHost}${req.url}` })
        .end();
    });
    const allowedHost = await listen(redirecting);
    const { backend, server } = await startJumpCloudTestBackend({
      jumpcloud: {
        encryptionSecret: 'redirect-test-secret-0123456789',
        allowedHosts: [allowedHost],
      },
    });
    try {
      const res = await request(server)
        .post('/api/jumpcloud/connections/test')
        .set('authorization', asAdmin())
        .send({
          apiUrl: `http://${allowedHost}`,
          apiKey: 'some-api-key-value-1234',
        });
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(internalHits).toBe(0);

      const refused = await request(server)
        .post('/api/jumpcloud/connections/test')
        .set('authorization', asAdmin())
        .send({
          apiUrl: `http://${internalHost}`,
          apiKey: 'some-api-key-value-1234',
        });
      expect(refused.status).toBe(400);
      expect(internalHits).toBe(0);
    } finally {
      await backend.stop();
      redirecting.close();
      internal.close();
    }
  });
});
