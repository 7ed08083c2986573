/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  JumpCloudClient,
  PREFETCH_FRESH_MS,
  toQueryString,
} from './JumpCloudClient';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

// A real HTTP server stands in for the backend plugin: the client's paths,
// methods, bodies and error handling are checked on the wire.
describe('JumpCloudClient', () => {
  let server: http.Server;
  let baseUrl: string;
  const requests: Recorded[] = [];
  let reply: (req: Recorded) => {
    status: number;
    body?: unknown;
    raw?: string;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const recorded: Recorded = {
          method: req.method!,
          url: req.url!,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(recorded);
        const answer = reply(recorded);
        if (answer.raw !== undefined) {
          res.writeHead(answer.status, { 'content-type': 'text/csv' });
          res.end(answer.raw);
        } else if (answer.body === undefined) {
          res.writeHead(answer.status);
          res.end();
        } else {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/jumpcloud`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
    reply = () => ({ status: 200, body: {} });
  });

  function createClient() {
    return new JumpCloudClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('jumpcloud');
          return baseUrl;
        },
      },
      // Backstage's fetchApi adds the user's token; this one does the same.
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as object),
              authorization: 'Bearer t',
            },
          }),
      },
    });
  }

  it('lists findings with the filters as query parameters', async () => {
    reply = () => ({
      status: 200,
      body: { items: [], totalCount: 0, limit: 25, offset: 50 },
    });
    const page = await createClient().listFindings({
      severity: 'high',
      status: 'open',
      connectionId: 'c 1',
      q: 'mac',
      limit: 25,
      offset: 50,
      sort: 'lastSeenAt',
      order: 'desc',
      checkId: undefined,
    });
    expect(page.offset).toBe(50);
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0].url, 'http://x');
    expect(url.pathname).toBe('/api/jumpcloud/findings');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      severity: 'high',
      status: 'open',
      connectionId: 'c 1',
      q: 'mac',
      limit: '25',
      offset: '50',
      sort: 'lastSeenAt',
      order: 'desc',
    });
    expect(requests[0].authorization).toBe('Bearer t');
  });

  it('answers the first identical read with a prefetched page, once', async () => {
    let served = 0;
    reply = () => ({
      status: 200,
      body: { items: [], totalCount: ++served, limit: 25, offset: 0 },
    });
    const client = createClient();
    client.prefetchFindings({ severity: 'high', limit: 25, offset: 0 });
    // The same query, its parameters in another order and with empty ones.
    const first = await client.listFindings({
      offset: 0,
      limit: 25,
      severity: 'high',
      q: undefined,
      sort: undefined,
    });
    expect(first.totalCount).toBe(1);
    expect(requests).toHaveLength(1);
    // A later read (e.g. after accepting a risk) asks again.
    const again = await client.listFindings({
      severity: 'high',
      limit: 25,
      offset: 0,
    });
    expect(again.totalCount).toBe(2);
    // Another query is not served from it.
    client.prefetchFindings({ severity: 'low', limit: 25, offset: 0 });
    const other = await client.listFindings({
      severity: 'high',
      limit: 25,
      offset: 0,
    });
    expect(other.totalCount).toBe(4);
    expect(requests).toHaveLength(4);
  });

  it('keeps a prefetched page only briefly after it arrived', async () => {
    reply = () => ({
      status: 200,
      body: { items: [], totalCount: requests.length, limit: 25, offset: 0 },
    });
    const client = createClient();
    const now = jest.spyOn(Date, 'now');
    try {
      client.prefetchFindings({ limit: 25, offset: 0 });
      await new Promise(r => setTimeout(r, 100));
      expect(requests).toHaveLength(1);
      now.mockReturnValue(Date.now() + PREFETCH_FRESH_MS + 1);
      await client.listFindings({ limit: 25, offset: 0 });
      expect(requests).toHaveLength(2);
    } finally {
      now.mockRestore();
    }
  });

  it('does not serve a failed prefetch: the read asks again', async () => {
    reply = () => ({ status: 503, body: { error: { name: 'Error' } } });
    const client = createClient();
    client.prefetchFindings({ limit: 25, offset: 0 });
    await new Promise(r => setTimeout(r, 100));
    reply = () => ({
      status: 200,
      body: { items: [], totalCount: 7, limit: 25, offset: 0 },
    });
    const page = await client.listFindings({ limit: 25, offset: 0 });
    expect(page.totalCount).toBe(7);
    expect(requests).toHaveLength(2);
  });

  it('sends connection bodies as JSON with the right methods', async () => {
    const client = createClient();
    reply = req => ({
      status: req.method === 'POST' ? 201 : 200,
      body: { id: 'c1' },
    });
    await client.createConnection({ name: 'acme', region: 'eu', apiKey: 'k' });
    await client.updateConnection('c/1', { name: 'renamed' });
    await client.testConnection({
      apiUrl: 'http://localhost:7011',
      apiKey: 'k',
    });
    await client.testSavedConnection('c1');
    await client.syncConnection('c1');
    reply = () => ({ status: 204 });
    await client.deleteConnection('c1');

    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/jumpcloud/connections',
      'PATCH /api/jumpcloud/connections/c%2F1',
      'POST /api/jumpcloud/connections/test',
      'POST /api/jumpcloud/connections/c1/test',
      'POST /api/jumpcloud/connections/c1/sync',
      'DELETE /api/jumpcloud/connections/c1',
    ]);
    expect(JSON.parse(requests[0].body)).toEqual({
      name: 'acme',
      region: 'eu',
      apiKey: 'k',
    });
    expect(requests[0].contentType).toBe('application/json');
    expect(requests[3].body).toBe('');
  });

  it('calls the asset, run, history, posture and exception routes', async () => {
    const client = createClient();
    reply = () => ({ status: 200, body: {} });
    await client.getDevice('c1', 'sys 1');
    await client.getUser('c1', 'u1');
    await client.listDevices({ osFamily: 'darwin', limit: 10 });
    await client.listUsers({ q: 'alice' });
    await client.getRun('r1');
    await client.listRuns({ connectionId: 'c1' });
    await client.listHistory({ action: 'sync' });
    await client.getPosture();
    await client.getPostureTrend('c1');
    await client.getEntityPosture('c1', 'sys-1');
    await client.listChecks();
    await client.createException({
      connectionId: 'c1',
      checkId: 'device.fde',
      entityId: 'sys-1',
      owner: 'alice',
      reason: 'replacing the laptop',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/jumpcloud/assets/devices/c1/sys%201',
      'GET /api/jumpcloud/assets/users/c1/u1',
      'GET /api/jumpcloud/assets/devices?osFamily=darwin&limit=10',
      'GET /api/jumpcloud/assets/users?q=alice',
      'GET /api/jumpcloud/runs/r1',
      'GET /api/jumpcloud/runs?connectionId=c1',
      'GET /api/jumpcloud/history?action=sync',
      'GET /api/jumpcloud/posture',
      'GET /api/jumpcloud/posture/trend?connectionId=c1',
      'GET /api/jumpcloud/posture/entity?connectionId=c1&entityId=sys-1',
      'GET /api/jumpcloud/checks',
      'POST /api/jumpcloud/exceptions',
    ]);
  });

  it('downloads the CSV export without paging parameters', async () => {
    reply = () => ({ status: 200, raw: 'id,severity\nf1,high\n' });
    const blob = await createClient().exportFindingsCsv({
      severity: 'high',
      limit: 25,
      offset: 25,
    });
    expect(await blob.text()).toBe('id,severity\nf1,high\n');
    expect(requests[0].url).toBe(
      '/api/jumpcloud/findings/export.csv?severity=high',
    );
  });

  it('reads the checks summary and downloads the frameworks CSV', async () => {
    reply = () => ({ status: 200, body: { connections: [], checks: [] } });
    expect(await createClient().getChecksSummary('c1')).toEqual({
      connections: [],
      checks: [],
    });
    reply = () => ({ status: 200, raw: 'framework,control\n' });
    const blob = await createClient().exportFrameworksCsv({
      framework: 'soc2',
      control: 'CC6.1',
    });
    expect(await blob.text()).toBe('framework,control\n');
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/jumpcloud/checks/summary?connectionId=c1',
      'GET /api/jumpcloud/frameworks/export.csv?framework=soc2&control=CC6.1',
    ]);
  });

  it('lists sealed evidence, downloads a bundle and verifies the chain', async () => {
    reply = () => ({ status: 200, body: { items: [], totalCount: 0 } });
    await createClient().listEvidence({
      asOf: '2026-11-20T23:59:59.999Z',
      limit: 10,
      offset: 0,
    });
    reply = () => ({ status: 200, raw: 'PK' });
    const zip = await createClient().exportEvidence('run 1', 'csv');
    expect(await zip.text()).toBe('PK');
    reply = () => ({ status: 200, body: { ok: true } });
    expect(await createClient().verifyEvidence()).toEqual({ ok: true });
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/jumpcloud/evidence?asOf=2026-11-20T23%3A59%3A59.999Z&limit=10&offset=0',
      'GET /api/jumpcloud/evidence/run%201/export?format=csv',
      'POST /api/jumpcloud/evidence/verify',
    ]);
  });

  it('turns error responses into ResponseError with the field errors', async () => {
    reply = () => ({
      status: 400,
      body: {
        error: {
          name: 'InputError',
          message: 'Invalid connection',
          fields: { name: 'must be unique' },
        },
        response: { statusCode: 400 },
      },
    });
    const error = await createClient()
      .createConnection({ name: 'dup' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('Invalid connection');
    expect((error.body.error as any).fields).toEqual({
      name: 'must be unique',
    });
  });
});

describe('toQueryString', () => {
  it('leaves out empty values', () => {
    expect(
      toQueryString({ a: '', b: undefined, c: null, d: 0, e: false }),
    ).toBe('?d=0&e=false');
    expect(toQueryString({})).toBe('');
  });
});
