import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import { fetchOrgSnapshot } from '../snapshot/fetchOrgSnapshot';
import {
  Documents,
  hasOpenApiDocuments,
  Recorded,
} from '../__testUtils__/openApiDocuments';
import { startRecordingProxy } from '../__testUtils__/recordingProxy';
import { clientFor } from '../__testUtils__/simulatorClient';
import type { JumpCloudClientOptions } from './types';

// Every request the client sends while it reads an organisation, checked
// against JumpCloud's OpenAPI documents: the route (path template and
// method), each query parameter and each header must be declared there (or
// be in one of the commented lists of __testUtils__/openApiDocuments.ts).
// The client runs unmodified against the real simulator, through a
// recording HTTP proxy.

const SPEC_DIR =
  process.env.JUMPCLOUD_OPENAPI_DIR ?? '/work/shared/jumpcloud-openapi';
const available = hasOpenApiDocuments(SPEC_DIR);
if (!available) {
  // eslint-disable-next-line no-console
  console.log(
    `Client request conformance skipped: no JumpCloud OpenAPI documents in ${SPEC_DIR}`,
  );
}

(available ? describe : describe.skip)(
  "the client's requests are in the official JumpCloud OpenAPI documents",
  () => {
    let sim: StartedSimulator;
    let docs: Documents;
    const proxies: Array<{ close: () => Promise<void> }> = [];
    /** Region → the proxy URL in front of the simulator's listener of that region. */
    const proxied: Record<string, string> = {};
    const recorded: Recorded[] = [];
    let flow = '';

    beforeAll(async () => {
      docs = new Documents(SPEC_DIR);
      sim = await startSimulator({
        seed: 1,
        size: { devices: 40, users: 30 },
      });
      const record = (
        method: string,
        target: string,
        headers: Map<string, string>,
      ) =>
        recorded.push({
          flow,
          method,
          url: new URL(target, 'http://127.0.0.1'),
          headers,
        });
      for (const [region, url] of Object.entries(sim.regionUrls)) {
        const proxy = await startRecordingProxy(url, record);
        proxies.push(proxy);
        proxied[region] = proxy.url;
      }
    });
    afterAll(async () => {
      await Promise.all(proxies.map(p => p.close()));
      await sim?.close();
    });

    /** A simulator client whose every request (token, region probes too) goes through the proxies. */
    const client = (overrides: Partial<JumpCloudClientOptions> = {}) =>
      clientFor(sim, {
        apiUrl: proxied.us,
        regionUrls: proxied,
        ...overrides,
      });

    it('API key: Test Connection, the organisations list and the full read', async () => {
      flow = 'API key';
      const jc = client();
      expect((await jc.testConnection()).ok).toBe(true);
      expect((await jc.listOrganizations()).length).toBeGreaterThan(0);
      const read = await fetchOrgSnapshot(jc);
      expect(read.failures).toEqual({});
    }, 60_000);

    it('multi-tenant key with an organisation: x-org-id where it belongs', async () => {
      flow = 'multi-tenant key';
      const jc = client({ apiKey: sim.keys.multiTenant, orgId: sim.orgId });
      expect((await jc.testConnection()).ok).toBe(true);
      expect((await jc.listOrganizations()).length).toBe(sim.orgs.length);
      const read = await fetchOrgSnapshot(jc);
      expect(read.failures).toEqual({});
      // Without an organisation: Test Connection asks for one.
      const unscoped = client({ apiKey: sim.keys.multiTenant });
      expect((await unscoped.testConnection()).ok).toBe(false);
    }, 60_000);

    it('service account: token fetch, Test Connection and the full read', async () => {
      flow = 'service account';
      const jc = client({
        apiKey: undefined,
        credential: {
          type: 'serviceAccount',
          clientId: sim.serviceAccount.clientId,
          clientSecret: sim.serviceAccount.clientSecret,
        },
      });
      expect((await jc.testConnection()).ok).toBe(true);
      const read = await fetchOrgSnapshot(jc);
      expect(read.failures).toEqual({});
      expect(jc.stats.tokenRequests).toBeGreaterThan(0);
    }, 60_000);

    it("a key of another region: Test Connection's region probes", async () => {
      flow = 'wrong region';
      const result = await client({
        apiKey: sim.keys.euReadOnly,
      }).testConnection();
      expect(result.ok).toBe(false);
    }, 30_000);

    it('the check flags what the documents do not declare', () => {
      const request = (
        method: string,
        url: string,
        headers: Record<string, string> = {},
      ): Recorded => ({
        flow: 'self-check',
        method,
        url: new URL(url, 'http://127.0.0.1'),
        headers: new Map(Object.entries({ host: '127.0.0.1', ...headers })),
      });
      const problems = (r: Recorded) => docs.check(r).problems;
      const key = { 'x-api-key': 'k' };
      expect(problems(request('GET', '/api/systems?limit=1', key))).toEqual([]);
      expect(
        problems(
          request('GET', '/api/systems?limit=1&bogus=1', {
            ...key,
            'x-bogus': '1',
          }),
        ),
      ).toEqual(['query parameter bogus', 'header x-bogus']);
      // /organizations refuses x-org-id (§1.4); the documents do not declare it there.
      expect(
        problems(
          request('GET', '/api/organizations', { ...key, 'x-org-id': 'o' }),
        ),
      ).toEqual(['header x-org-id']);
      expect(
        problems(request('GET', '/api/systems', { authorization: 'Basic x' })),
      ).toEqual(['header authorization']);
      expect(problems(request('DELETE', '/api/organizations', key))).toEqual([
        'method DELETE is not documented for v1 /organizations',
      ]);
      expect(problems(request('GET', '/api/v2/nowhere', key))).toEqual([
        'path /nowhere is not in the v2 document',
      ]);
      expect(
        problems(
          request('GET', '/api/v2/systemgroups/abc/members?targets=user', key),
        ),
      ).toEqual(['query parameter targets']);
      expect(
        problems(request('POST', '/oauth2/token?x=1', { 'x-api-key': 'k' })),
      ).toEqual(['query parameter x', 'header x-api-key']);
    });

    it('sent nothing the documents do not declare', () => {
      const routes = new Map<string, Set<string>>();
      const problems = new Map<string, Set<string>>();
      for (const request of recorded) {
        const { route, problems: found } = docs.check(request);
        (routes.get(route) ?? routes.set(route, new Set()).get(route)!).add(
          request.flow,
        );
        for (const problem of found) {
          const key = `${route}: ${problem}`;
          (problems.get(key) ?? problems.set(key, new Set()).get(key)!).add(
            request.flow,
          );
        }
      }
      // The flows above really exercised the client: its main routes were all seen.
      expect([...routes.keys()]).toEqual(
        expect.arrayContaining([
          'POST /oauth2/token (outside the documents)',
          'GET /api/users (outside the documents)',
          'GET v1 /organizations',
          'GET v1 /organizations/{id}',
          'GET v1 /systems',
          'GET v1 /systemusers',
          'GET v2 /usergroups/{group_id}/members',
          'GET v2 /policies/{policy_id}/policystatuses',
          'POST di /events',
        ]),
      );
      const sent = (name: string, header: string) =>
        recorded.some(r => r.flow === name && r.headers.has(header));
      expect(sent('multi-tenant key', 'x-org-id')).toBe(true);
      expect(sent('service account', 'authorization')).toBe(true);
      expect(
        [...problems].map(
          ([key, flows]) => `${key} (${[...flows].join(', ')})`,
        ),
      ).toEqual([]);
    });
  },
);
