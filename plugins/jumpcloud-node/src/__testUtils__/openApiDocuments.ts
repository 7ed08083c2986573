import fs from 'node:fs';
import path from 'node:path';

/** JumpCloud's OpenAPI documents, by name. */
const FILES = {
  v1: 'v1.json',
  v2: 'v2.json',
  di: 'directory-insights.json',
} as const;
type SpecName = keyof typeof FILES;

/** True when every document is in `dir`. */
export function hasOpenApiDocuments(dir: string): boolean {
  return Object.values(FILES).every(file =>
    fs.existsSync(path.join(dir, file)),
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

export interface Recorded {
  flow: string;
  method: string;
  url: URL;
  /** Header name (lowercase) → value. */
  headers: Map<string, string>;
}

/** A route of the documents: its base path, templates and parameters. */
export class Documents {
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
