import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import { fetchOrgSnapshot } from '../snapshot/fetchOrgSnapshot';
import { clientFor } from '../__testUtils__/simulatorClient';
import type { JumpCloudClientOptions } from './types';

// Every request the client sends while it reads an organisation, checked
// against JumpCloud's OpenAPI documents: the route (path template and
// method), each query parameter and each header must be declared there (or
// be in one of the commented lists below). The client runs unmodified
// against the real simulator, through a recording HTTP proxy.

const SPEC_DIR =
  process.env.JUMPCLOUD_OPENAPI_DIR ?? '/work/shared/jumpcloud-openapi';
const FILES = {
  v1: 'v1.json',
  v2: 'v2.json',
  di: 'directory-insights.json',
} as const;
type SpecName = keyof typeof FILES;
const available = Object.values(FILES).every(file =>
  fs.existsSync(path.join(SPEC_DIR, file)),
);
if (!available) {
  // eslint-disable-next-line no-console
  console.log(
    `Client request conformance skipped: no JumpCloud OpenAPI documents in ${SPEC_DIR}`,
  );
}

/**
 * Headers any HTTP request may carry, whatever the route. Everything else
 * must be a header parameter of the operation or a header of its security
 * scheme (`x-api-key`; `x-org-id` on Directory Insights).
 */
const STANDARD_HEADERS: Record<string, string> = {
  host: 'required by HTTP/1.1',
  connection: 'keep-alive, set by Node',
  'content-length': 'length of a request body, set by Node',
  accept: 'the documents answer application/json; the client asks for it',
  'accept-encoding': 'gzip/deflate negotiation, set by Node fetch (undici)',
  'accept-language': 'set to "*" by Node fetch (undici) on every request',
  'sec-fetch-mode': 'set to "cors" by Node fetch (undici) on every request',
  'user-agent':
    "free-form; JumpCloud's own tools send their name (jumpcloud-api.md §1.5)",
  'content-type':
    'JSON bodies are application/json (§1.5); the token request is form-encoded (§1.3)',
};
const isStandard = (name: string) =>
  Object.prototype.hasOwnProperty.call(STANDARD_HEADERS, name);

/**
 * Headers outside the documents that the client legitimately sends on the
 * documented routes, each with the only form it may take.
 */
const EXTRA_HEADERS: Array<{
  header: string;
  value: RegExp;
  reason: string;
}> = [
  {
    header: 'authorization',
    value: /^Bearer \S+$/,
    reason:
      "a service account's OAuth token replaces x-api-key on v1, v2 and Directory Insights (§1.3, §7); the documents declare only x-api-key",
  },
];

/**
 * Routes outside the documents that the client legitimately calls, with
 * the query parameters and headers (besides STANDARD_HEADERS) each takes.
 */
const EXTRA_ROUTES: Array<{
  method: string;
  path: string;
  query: string[];
  headers: Record<string, RegExp>;
  reason: string;
}> = [
  {
    method: 'POST',
    path: '/oauth2/token',
    query: [],
    headers: { authorization: /^Basic \S+$/ },
    reason:
      "service accounts' OAuth 2.0 client-credentials token endpoint (Basic auth, form body); documented by JumpCloud's service-account guide, not in these documents (§1.3)",
  },
  {
    method: 'GET',
    path: '/api/users',
    query: ['limit', 'skip', 'sort'],
    headers: { 'x-api-key': /./, authorization: /^Bearer \S+$/ },
    reason:
      "console administrators: undocumented (the documents have only PUT /users/{id}); JumpCloud's jc-cli and ConductorOne's connector read it with skip/limit (§3.9); sort=_id as on every v1 list (§2.1, §2.4)",
  },
];

type JsonDoc = Record<string, any>;

interface Recorded {
  flow: string;
  method: string;
  url: URL;
  /** Header name (lowercase) → value. */
  headers: Map<string, string>;
}

/** A route of the documents: its base path, templates and parameters. */
class Documents {
  private readonly docs = new Map<
    SpecName,
    { base: string; doc: JsonDoc; templates: Array<[RegExp, string]> }
  >();

  constructor(dir: string) {
    for (const [name, file] of Object.entries(FILES) as Array<
      [SpecName, string]
    >) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const base = new URL(doc.servers[0].url).pathname.replace(/\/$/, '');
      const templates = Object.keys(doc.paths).map(
        (template): [RegExp, string] => [
          new RegExp(
            `^${template
              .split(/\{[^}]+\}/)
              .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
              .join('[^/]+')}$`,
          ),
          template,
        ],
      );
      this.docs.set(name, { base, doc, templates });
    }
  }

  /** The problems of one request; `route` names it for the report. */
  check(request: Recorded): { route: string; problems: string[] } {
    const { method, url, headers } = request;
    const extra = EXTRA_ROUTES.find(
      r => r.method === method && r.path === url.pathname,
    );
    if (extra) {
      return {
        route: `${method} ${extra.path} (outside the documents)`,
        problems: [
          ...[...url.searchParams.keys()]
            .filter(name => !extra.query.includes(name))
            .map(name => `query parameter ${name}`),
          ...[...headers]
            .filter(
              ([name, value]) =>
                !isStandard(name) &&
                !(
                  Object.prototype.hasOwnProperty.call(extra.headers, name) &&
                  extra.headers[name].test(value)
                ),
            )
            .map(([name]) => `header ${name}`),
        ],
      };
    }

    const match = this.operationOf(method, url.pathname);
    if (typeof match === 'string')
      return { route: `${method} ${url.pathname}`, problems: [match] };
    const { spec, template, op, parameters } = match;
    const route = `${method} ${spec} ${template}`;
    const problems: string[] = [];
    const query = parameters.filter(p => p.in === 'query');
    for (const name of new Set(url.searchParams.keys())) {
      const declared = query.some(
        p =>
          p.name === name ||
          (p.style === 'deepObject' && name.startsWith(`${p.name}[`)),
      );
      if (!declared) problems.push(`query parameter ${name}`);
    }
    const declaredHeaders = new Set([
      ...parameters
        .filter(p => p.in === 'header')
        .map(p => String(p.name).toLowerCase()),
      ...this.securityHeaders(spec, op),
    ]);
    for (const [name, value] of headers) {
      if (isStandard(name) || declaredHeaders.has(name)) continue;
      if (EXTRA_HEADERS.some(e => e.header === name && e.value.test(value)))
        continue;
      problems.push(`header ${name}`);
    }
    return { route, problems };
  }

  private operationOf(
    method: string,
    pathname: string,
  ):
    | { spec: SpecName; template: string; op: JsonDoc; parameters: JsonDoc[] }
    | string {
    // The longest base first: /api/v2/... is v2, not v1's /api.
    const specs = [...this.docs.entries()].sort(
      (a, b) => b[1].base.length - a[1].base.length,
    );
    const found = specs.find(([, d]) => pathname.startsWith(`${d.base}/`));
    if (!found) return 'route outside every document';
    const [spec, { base, doc, templates }] = found;
    const rest = pathname.slice(base.length);
    // The most literal template wins (`/systemgroups/members` over `/{id}/...`).
    const candidates = templates
      .filter(([pattern]) => pattern.test(rest))
      .map(([, template]) => template)
      .sort((a, b) => a.split('{').length - b.split('{').length);
    if (candidates.length === 0)
      return `path ${rest} is not in the ${spec} document`;
    const template = candidates.find(
      t => doc.paths[t][method.toLowerCase()] !== undefined,
    );
    if (!template)
      return `method ${method} is not documented for ${spec} ${candidates[0]}`;
    const item = doc.paths[template];
    const op = item[method.toLowerCase()];
    // Operation-level parameters override path-level ones of the same name and place.
    const byKey = new Map<string, JsonDoc>();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const param = this.resolve(doc, p);
      byKey.set(`${param.in}:${param.name}`, param);
    }
    return { spec, template, op, parameters: [...byKey.values()] };
  }

  /** Headers the operation's security schemes put on a request. */
  private securityHeaders(spec: SpecName, op: JsonDoc): string[] {
    const doc = this.docs.get(spec)!.doc;
    let requirements: JsonDoc[] = op.security ?? doc.security ?? [];
    // A bug of the documents: a few operations (v2 System Insights secureboot,
    // tpm_info, chassis_info, windows_security_center, ...) declare no security
    // (`[]` or none) yet carry x-scopes like every route behind an API key,
    // which every v1/v2/DI call sends (jumpcloud-api.md §1.3). Such an operation
    // takes the document's schemes; only `anonymous` ones (/logos/{id}) take none.
    const scopes: string[] = op['x-scopes'] ?? [];
    if (
      requirements.length === 0 &&
      scopes.some(scope => scope !== 'anonymous')
    )
      requirements = Object.keys(doc.components?.securitySchemes ?? {}).map(
        name => ({ [name]: [] }),
      );
    return requirements.flatMap(requirement =>
      Object.keys(requirement).flatMap(name => {
        const scheme = doc.components?.securitySchemes?.[name];
        if (scheme?.type === 'apiKey' && scheme.in === 'header')
          return [String(scheme.name).toLowerCase()];
        if (['http', 'oauth2', 'openIdConnect'].includes(scheme?.type))
          return ['authorization'];
        return [];
      }),
    );
  }

  private resolve(doc: JsonDoc, node: JsonDoc): JsonDoc {
    let current = node;
    while (current?.$ref) {
      current = current.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce(
          (at: any, part: string) =>
            at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
          doc,
        );
    }
    if (!current) throw new Error(`unresolved parameter ${node.$ref}`);
    return current;
  }
}

/** An HTTP proxy to `target` that records every request it forwards. */
async function startRecordingProxy(
  target: string,
  record: (method: string, url: string, headers: Map<string, string>) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const headers = new Map<string, string>();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.set(req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]);
    record(req.method ?? 'GET', req.url ?? '/', headers);
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
