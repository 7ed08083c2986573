import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestDatabases, waitFor } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  asReader,
  asService,
  startJumpCloudTestBackend,
} from './__testUtils__/testBackend';
import { seededRandom } from './__testUtils__/seededRandom';

jest.setTimeout(180_000);

const REQUESTS = 5_000;

const ROUTES = [
  'GET /connections',
  'POST /connections',
  'POST /connections/test',
  'GET /connections/:id',
  'PATCH /connections/:id',
  'DELETE /connections/:id',
  'POST /connections/:id/test',
  'POST /connections/:id/sync',
  'GET /runs',
  'GET /runs/:id',
  'GET /history',
  'GET /assets/devices',
  'GET /assets/users',
  'GET /assets/groups',
  'GET /assets/devices/:id/:id',
  'GET /assets/users/:id/:id',
  'GET /catalog/connections',
  'GET /catalog/snapshot',
  'GET /checks',
  'GET /findings',
  'GET /findings/export.csv',
  'GET /findings/:id',
  'GET /exceptions',
  'POST /exceptions',
  'DELETE /exceptions/:id',
  'GET /posture',
  'GET /posture/trend',
  'GET /posture/entity',
  'GET /evidence',
  'GET /evidence/:id/export',
  'POST /evidence/verify',
  'GET /health',
  'GET /:id',
];

const QUERY_KEYS = [
  'limit',
  'offset',
  'sort',
  'order',
  'q',
  'connectionId',
  'type',
  'cursor',
  'osFamily',
  'status',
  'action',
  'severity',
  'checkId',
  'entityKind',
  'entityId',
  'framework',
  'format',
  'runId',
  'x',
];
const BODY_KEYS = [
  'name',
  'region',
  'apiUrl',
  'orgId',
  'orgName',
  'apiKey',
  'syncFrequency',
  'users',
  'enabled',
  'checkId',
  'entityId',
  'owner',
  'reason',
  'expiresAt',
  'connectionId',
  '__proto__',
  'constructor',
];

const { databases, ids: databaseIds } = createTestDatabases();

describe.each(databaseIds)('fuzzing every route on %s', databaseId => {
  it(`answers ${REQUESTS} malformed or random requests without a single 5xx`, async () => {
    const knex = await databases.init(databaseId);
    const simulator = await startSimulator({ seed: 11, size: 'S' });
    const { backend, server } = await startJumpCloudTestBackend({
      knex,
      jumpcloud: {
        encryptionSecret: 'fuzz-test-secret-fuzz-test-secret',
        allowedHosts: [new URL(simulator.url).host],
        connections: [
          {
            name: 'fuzz',
            apiUrl: simulator.url,
            apiKey: simulator.keys.readOnly,
            syncFrequency: 'off',
          },
        ],
      },
    });
    try {
      const [conn] = (
        await request(server)
          .get('/api/jumpcloud/connections')
          .set('authorization', asAdmin())
      ).body;
      const started = await request(server)
        .post(`/api/jumpcloud/connections/${conn.id}/sync`)
        .set('authorization', asAdmin());
      await waitFor(
        async () => {
          const res = await request(server)
            .get(`/api/jumpcloud/runs/${started.body.id}`)
            .set('authorization', asAdmin());
          return res.body.status === 'running' ? undefined : true;
        },
        60_000,
        250,
      );
      const devices = (
        await request(server)
          .get('/api/jumpcloud/assets/devices?limit=3')
          .set('authorization', asAdmin())
      ).body.items;

      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      const random = seededRandom(20261123);
      const pick = <T>(items: readonly T[]): T =>
        items[Math.floor(random() * items.length)];
      const int = (max: number) => Math.floor(random() * max);
      const ids = [
        conn.id,
        started.body.id,
        devices[0]?.id ?? 'x',
        '00000000-0000-0000-0000-000000000000',
        'cfg-unknown',
        '..',
        '%2e%2e',
        '%00',
        '%ZZ',
        'a'.repeat(3000),
        '%F0%9F%92%A5',
        "1'%20OR%201=1--",
        '-1',
        '0',
        'null',
        'undefined',
        '%E0%A4%A',
        'test',
        'sync',
        'export.csv',
        '%0d%0aSet-Cookie:x=1',
      ];
      const scalar = (): unknown =>
        pick([
          () => '',
          () => 'x'.repeat(int(300)),
          () => -int(1e6),
          () => int(1e12),
          () => random(),
          () => true,
          () => null,
          () => '\u0000\u0001',
          () => '💥🔥',
          () => "'; DROP TABLE jc_connections; --",
          () => 'https://console.jumpcloud.com',
          () => 'http://169.254.169.254/latest',
          () => simulator.url,
          () => 'PT1M',
          () => '* * * * * * *',
          () => 'us',
          () => 'hourly',
          () => new Date(int(4e12)).toISOString(),
          () => 'NaN',
          () => '1e309',
          () => pick(ids),
        ])();
      const value = (depth: number): unknown => {
        if (depth > 3 || random() < 0.6) return scalar();
        if (random() < 0.5)
          return Array.from({ length: int(4) }, () => value(depth + 1));
        return Object.fromEntries(
          Array.from({ length: int(5) }, () => [
            pick(BODY_KEYS),
            value(depth + 1),
          ]),
        );
      };
      const queryString = () =>
        Array.from({ length: int(5) }, () => {
          const key = pick(QUERY_KEYS);
          const v = String(scalar() ?? '');
          return pick([
            () => `${key}=${encodeURIComponent(v)}`,
            () => `${key}[]=${encodeURIComponent(v)}&${key}[]=1`,
            () => `${key}[a]=${encodeURIComponent(v)}`,
            () => `${key}=${v.replace(/[#&]/g, '')}`,
            () => key,
          ])();
        }).join('&');
      const authHeaders = [
        asAdmin,
        asAdmin,
        asAdmin,
        asReader,
        asService,
        () => mockCredentials.none.header(),
        () => 'Bearer not-a-token',
        () => mockCredentials.user.invalidHeader(),
        () => '',
      ];

      const failures: string[] = [];
      const statuses = new Map<number, number>();
      type FuzzRequest = {
        method: string;
        url: string;
        headers: Record<string, string>;
        body?: string;
      };
      const planned: FuzzRequest[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const [routeMethod, template] = pick(ROUTES).split(' ');
        const method =
          random() < 0.85
            ? routeMethod
            : pick(['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS']);
        const path = template.replace(/:id/g, () => pick(ids));
        const url = `/api/jumpcloud${path}${
          random() < 0.7 ? `?${queryString()}` : ''
        }`;
        const headers: Record<string, string> = {
          authorization: pick(authHeaders)(),
        };
        let body: string | undefined;
        if (method !== 'GET' && method !== 'OPTIONS' && random() < 0.9) {
          const kind = int(5);
          headers['content-type'] = 'application/json';
          if (kind === 0) body = `{"name": ${'['.repeat(int(50))}`;
          else if (kind === 1) {
            headers['content-type'] = 'text/plain';
            body = String(scalar());
          } else if (kind === 2) body = JSON.stringify(value(0));
          else if (kind === 3 && random() < 0.05)
            body = `"${'x'.repeat(200_000)}"`;
          else body = JSON.stringify(value(0)) ?? 'null';
        }
        planned.push({ method, url, headers, body });
      }
      // Planned from the seed first, then sent by a few keep-alive workers.
      const send = async ({ method, url, headers, body }: FuzzRequest) => {
        const res = await fetch(`${base}${url}`, { method, headers, body });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) {
          failures.push(
            `${method} ${url.slice(0, 200)} -> ${res.status} ${text.slice(
              0,
              200,
            )}`,
          );
        }
      };
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < planned.length) await send(planned[next++]);
        }),
      );
      // eslint-disable-next-line no-console
      console.log(
        `fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(
          Object.fromEntries(statuses),
        )}`,
      );
      expect(failures).toEqual([]);
      expect(statuses.get(400)).toBeGreaterThan(100);
    } finally {
      await backend.stop();
      await simulator.close();
    }
  });
});
