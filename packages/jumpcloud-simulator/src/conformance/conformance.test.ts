import { startSimulator, type StartedSimulator } from '../index';
import { SI_TABLES } from '../data/systemInsights';
import { call, type CallResult } from '../__testUtils__/call';
import {
  OpenApiDocuments,
  type ExtraField,
  type SpecName,
} from '../__testUtils__/openApi';

const SPEC_DIR =
  process.env.JUMPCLOUD_OPENAPI_DIR ?? '/work/shared/jumpcloud-openapi';
const available = OpenApiDocuments.available(SPEC_DIR);
if (!available) {
  // eslint-disable-next-line no-console
  console.log(
    `OpenAPI conformance skipped: no JumpCloud OpenAPI documents in ${SPEC_DIR}`,
  );
}

interface Case {
  name: string;
  spec: SpecName;
  specPath: string;
  method?: 'get' | 'post';
  status: number;
  request: (sim: StartedSimulator) => Promise<CallResult>;
  /** For routes the official documents omit: the component schema real responses follow. */
  undocumentedSchema?: string;
}

/**
 * Where the official documents disagree with what JumpCloud really sends, the
 * simulator follows JumpCloud; each accepted difference is listed here.
 */
const KNOWN_DEVIATIONS: Array<{ error: RegExp; reason: string }> = [
  {
    error: /^\/results\/\d+\/employeeIdentifier must be string/,
    reason:
      'real v1 user records carry "employeeIdentifier": null when unset (jumpcloud-api.md §3.2, §5); the schema says string',
  },
];

/**
 * Bodies are validated against closed schemas: a field the documents do not
 * list for that object fails, unless it is here. Only fields that recordings
 * of real JumpCloud responses show belong here, each with its evidence
 * (sections of jumpcloud-api.md); a field the simulator made up is removed
 * from the simulator instead.
 */
const EXTRA_FIELDS: ExtraField[] = [
  ...[
    'organization',
    '/components/schemas/organizationslist/properties/results/items',
    'system',
    'systemSearch',
    'systemuserreturn',
    'systemuserSearchReturn',
    'application',
  ].map(schema => ({
    spec: 'v1',
    schema,
    fields: ['id'],
    reason:
      'v1 records carry `id` equal to `_id` (organisations, users, applications in the J1 recordings; systems in a 2020 record), §2.2, §3.1, §3.2, §3.8, §8.2.13',
  })),
  ...['system', 'systemSearch'].map(schema => ({
    spec: 'v1',
    schema,
    fields: ['systemToken'],
    reason: 'a UUID seen in real system records, not in the spec (§3.1)',
  })),
  ...['systemuserreturn', 'systemuserSearchReturn'].map(schema => ({
    spec: 'v1',
    schema,
    fields: ['systemUsername'],
    reason: 'seen in the J1 recordings of real system users (§3.2)',
  })),
  {
    spec: 'v2',
    schema: 'Error',
    fields: ['error'],
    reason:
      'classic routes answer `{"message": "Forbidden: …", "error": "Forbidden: …"}` (Steampipe comment, §4.1, §4.2)',
  },
];

/** Distinct problems (array indices folded), at most 10: one invented field shows once, not per record. */
const unexpected = (errors: string[]) =>
  [
    ...new Set(
      errors
        .filter(e => !KNOWN_DEVIATIONS.some(d => d.error.test(e)))
        .map(e =>
          e
            .replace(/\/\d+(?=\/| )/g, '/*')
            .replace(
              /must NOT have unevaluated properties \{"unevaluatedProperty":(".*")\}$/,
              'has $1, which the documents do not list (remove it, or allow-list it in EXTRA_FIELDS with its evidence)',
            ),
        ),
    ),
  ].slice(0, 10);

/** The observed shape of JumpCloud error bodies (§4.2): `{"message": "Reason: detail"}`. */
const OBSERVED_ERROR =
  /^(Bad Request|Unauthorized|Forbidden|Not Found|Payment Required|Too Many Requests): /;

const get =
  (
    path: string,
    key: keyof StartedSimulator['keys'] = 'readOnly',
    orgId?: string,
  ) =>
  (sim: StartedSimulator) =>
    call(sim.url, path, { key: sim.keys[key], orgId });
const post =
  (
    path: string,
    body: unknown,
    key: keyof StartedSimulator['keys'] = 'readOnly',
  ) =>
  (sim: StartedSimulator) =>
    call(sim.url, path, { key: sim.keys[key], body });

const org0 = (sim: StartedSimulator) => sim.dataset.orgs[0];
const withId =
  (
    build: (sim: StartedSimulator) => string,
    key: keyof StartedSimulator['keys'] = 'readOnly',
  ) =>
  (sim: StartedSimulator) =>
    call(sim.url, build(sim), { key: sim.keys[key] });
const firstUser = (sim: StartedSimulator) =>
  org0(sim).users.find(u => u.state === 'ACTIVATED')!._id as string;
const boundSystem = (sim: StartedSimulator) => {
  const index = sim.dataset.index.get(sim.orgId)!;
  return org0(sim).systems.find(
    s =>
      (index.resultsBySystem.get(s._id as string) ?? []).length > 0 &&
      index.systemUsers(s._id as string).length > 0,
  )!._id as string;
};
const nestedUserGroup = (sim: StartedSimulator) =>
  org0(sim).userGroups.find(
    g => g.name === 'Everyone in Product & Engineering',
  )!.id as string;
const systemGroup = (sim: StartedSimulator) =>
  org0(sim).systemGroups[0].id as string;
const anyPolicy = (sim: StartedSimulator) => org0(sim).policies[0].id as string;
/** A policy with configured values (a lock-screen policy), so `PolicyValue` is checked too. */
const policyWithValues = (sim: StartedSimulator) =>
  org0(sim).policies.find(p => (p.values as unknown[]).length > 0)!
    .id as string;
const slackApp = (sim: StartedSimulator) =>
  org0(sim).applications.find(a => a.name === 'slack')!._id as string;
/** A key whose organisation's plan lacks the premium add-ons (402). */
const NO_PREMIUM_KEY = 'jca_conformance_no_premium_plan_key_000001';
const diBody = {
  service: ['all'],
  start_time: '2020-01-01T00:00:00Z',
  limit: 10000,
};

const CASES: Case[] = [
  {
    name: 'organizations',
    spec: 'v1',
    specPath: '/organizations',
    status: 200,
    request: get('/api/organizations?limit=100', 'multiTenant'),
  },
  {
    name: 'organization',
    spec: 'v1',
    specPath: '/organizations/{id}',
    status: 200,
    request: withId(s => `/api/organizations/${s.orgId}`),
  },
  {
    name: 'systems',
    spec: 'v1',
    specPath: '/systems',
    status: 200,
    request: get('/api/systems?limit=100'),
  },
  {
    name: 'system',
    spec: 'v1',
    specPath: '/systems/{id}',
    status: 200,
    request: withId(s => `/api/systems/${org0(s).systems[0]._id}`),
  },
  {
    name: 'systems (fields)',
    spec: 'v1',
    specPath: '/systems',
    status: 200,
    request: get('/api/systems?limit=5&fields=hostname%20os%20fde'),
  },
  {
    name: 'systemusers',
    spec: 'v1',
    specPath: '/systemusers',
    status: 200,
    request: get('/api/systemusers?limit=100'),
  },
  {
    name: 'systemuser',
    spec: 'v1',
    specPath: '/systemusers/{id}',
    status: 200,
    request: withId(s => `/api/systemusers/${firstUser(s)}`),
  },
  {
    name: 'applications',
    spec: 'v1',
    specPath: '/applications',
    status: 200,
    request: get('/api/applications?limit=100'),
  },
  {
    name: 'application',
    spec: 'v1',
    specPath: '/applications/{id}',
    status: 200,
    request: withId(s => `/api/applications/${org0(s).applications[0]._id}`),
  },
  {
    name: 'search systems',
    spec: 'v1',
    specPath: '/search/systems',
    method: 'post',
    status: 200,
    request: post('/api/search/systems?limit=100', {
      filter: [{ os: 'Windows' }],
    }),
  },
  {
    name: 'search systemusers',
    spec: 'v1',
    specPath: '/search/systemusers',
    method: 'post',
    status: 200,
    request: post('/api/search/systemusers?limit=100', {
      searchFilter: { searchTerm: 'a', fields: ['username'] },
    }),
  },
  // GET /api/users is undocumented (the spec only has PUT /users/{id}); items follow `userreturn`.
  {
    name: 'console admins',
    spec: 'v1',
    specPath: '/users/{id}',
    status: 200,
    request: get('/api/users?limit=100'),
    undocumentedSchema: 'adminList',
  },
  {
    name: 'usergroups',
    spec: 'v2',
    specPath: '/usergroups',
    status: 200,
    request: get('/api/v2/usergroups?limit=100'),
  },
  {
    name: 'usergroup',
    spec: 'v2',
    specPath: '/usergroups/{id}',
    status: 200,
    request: withId(s => `/api/v2/usergroups/${org0(s).userGroups[1].id}`),
  },
  {
    name: 'usergroup members',
    spec: 'v2',
    specPath: '/usergroups/{group_id}/members',
    status: 200,
    request: withId(
      s => `/api/v2/usergroups/${org0(s).userGroups[0].id}/members?limit=100`,
    ),
  },
  {
    name: 'usergroup membership (nested)',
    spec: 'v2',
    specPath: '/usergroups/{group_id}/membership',
    status: 200,
    request: withId(
      s => `/api/v2/usergroups/${nestedUserGroup(s)}/membership?limit=100`,
    ),
  },
  {
    name: 'systemgroups',
    spec: 'v2',
    specPath: '/systemgroups',
    status: 200,
    request: get('/api/v2/systemgroups?limit=100'),
  },
  {
    name: 'systemgroup',
    spec: 'v2',
    specPath: '/systemgroups/{id}',
    status: 200,
    request: withId(s => `/api/v2/systemgroups/${systemGroup(s)}`),
  },
  {
    name: 'systemgroup members',
    spec: 'v2',
    specPath: '/systemgroups/{group_id}/members',
    status: 200,
    request: withId(
      s => `/api/v2/systemgroups/${systemGroup(s)}/members?limit=100`,
    ),
  },
  {
    name: 'systemgroup membership',
    spec: 'v2',
    specPath: '/systemgroups/{group_id}/membership',
    status: 200,
    request: withId(
      s => `/api/v2/systemgroups/${systemGroup(s)}/membership?limit=100`,
    ),
  },
  {
    name: 'user memberof',
    spec: 'v2',
    specPath: '/users/{user_id}/memberof',
    status: 200,
    request: withId(s => `/api/v2/users/${firstUser(s)}/memberof?limit=100`),
  },
  {
    name: 'user systems',
    spec: 'v2',
    specPath: '/users/{user_id}/systems',
    status: 200,
    request: withId(s => `/api/v2/users/${firstUser(s)}/systems?limit=100`),
  },
  {
    name: 'system users',
    spec: 'v2',
    specPath: '/systems/{system_id}/users',
    status: 200,
    request: withId(s => `/api/v2/systems/${boundSystem(s)}/users?limit=100`),
  },
  {
    name: 'system memberof',
    spec: 'v2',
    specPath: '/systems/{system_id}/memberof',
    status: 200,
    request: withId(
      s => `/api/v2/systems/${boundSystem(s)}/memberof?limit=100`,
    ),
  },
  {
    name: 'system policies',
    spec: 'v2',
    specPath: '/systems/{system_id}/policies',
    status: 200,
    request: withId(
      s => `/api/v2/systems/${boundSystem(s)}/policies?limit=100`,
    ),
  },
  {
    name: 'system policystatuses',
    spec: 'v2',
    specPath: '/systems/{system_id}/policystatuses',
    status: 200,
    request: withId(
      s => `/api/v2/systems/${boundSystem(s)}/policystatuses?limit=100`,
    ),
  },
  {
    name: 'user associations',
    spec: 'v2',
    specPath: '/users/{user_id}/associations',
    status: 200,
    request: withId(
      s =>
        `/api/v2/users/${firstUser(
          s,
        )}/associations?targets=system,system_group`,
    ),
  },
  {
    name: 'system associations',
    spec: 'v2',
    specPath: '/systems/{system_id}/associations',
    status: 200,
    request: withId(
      s => `/api/v2/systems/${boundSystem(s)}/associations?targets=user,policy`,
    ),
  },
  {
    name: 'usergroup associations',
    spec: 'v2',
    specPath: '/usergroups/{group_id}/associations',
    status: 200,
    request: withId(
      s =>
        `/api/v2/usergroups/${
          org0(s).userGroups[1].id
        }/associations?targets=system,system_group`,
    ),
  },
  {
    name: 'systemgroup associations',
    spec: 'v2',
    specPath: '/systemgroups/{group_id}/associations',
    status: 200,
    request: withId(
      s =>
        `/api/v2/systemgroups/${systemGroup(
          s,
        )}/associations?targets=user,user_group,policy`,
    ),
  },
  {
    name: 'policies',
    spec: 'v2',
    specPath: '/policies',
    status: 200,
    request: get('/api/v2/policies?limit=100'),
  },
  {
    name: 'policy',
    spec: 'v2',
    specPath: '/policies/{id}',
    status: 200,
    request: withId(s => `/api/v2/policies/${policyWithValues(s)}`),
  },
  {
    name: 'policy policystatuses',
    spec: 'v2',
    specPath: '/policies/{policy_id}/policystatuses',
    status: 200,
    request: withId(
      s => `/api/v2/policies/${anyPolicy(s)}/policystatuses?limit=100`,
    ),
  },
  {
    name: 'authn policies',
    spec: 'v2',
    specPath: '/authn/policies',
    status: 200,
    request: get('/api/v2/authn/policies?limit=100'),
  },
  {
    name: 'authn policy',
    spec: 'v2',
    specPath: '/authn/policies/{id}',
    status: 200,
    request: withId(
      s => `/api/v2/authn/policies/${org0(s).authnPolicies[0].id}`,
    ),
  },
  {
    name: 'apple mdms',
    spec: 'v2',
    specPath: '/applemdms',
    status: 200,
    request: get('/api/v2/applemdms'),
  },
  {
    name: 'application users',
    spec: 'v2',
    specPath: '/applications/{application_id}/users',
    status: 200,
    request: withId(s => `/api/v2/applications/${slackApp(s)}/users?limit=100`),
  },
  {
    name: 'application usergroups',
    spec: 'v2',
    specPath: '/applications/{application_id}/usergroups',
    status: 200,
    request: withId(
      s => `/api/v2/applications/${slackApp(s)}/usergroups?limit=100`,
    ),
  },
  {
    name: 'apple mdm devices',
    spec: 'v2',
    specPath: '/applemdms/{apple_mdm_id}/devices',
    status: 200,
    request: withId(
      s => `/api/v2/applemdms/${org0(s).appleMdms[0].id}/devices?limit=100`,
    ),
  },
  ...SI_TABLES.map(
    (table): Case => ({
      name: `systeminsights ${table}`,
      spec: 'v2',
      specPath: `/systeminsights/${table}`,
      status: 200,
      request: get(`/api/v2/systeminsights/${table}?limit=10000`),
    }),
  ),
  {
    name: 'DI events',
    spec: 'di',
    specPath: '/events',
    method: 'post',
    status: 200,
    request: post('/insights/directory/v1/events', diBody),
  },
  {
    name: 'DI events count',
    spec: 'di',
    specPath: '/events/count',
    method: 'post',
    status: 200,
    request: post('/insights/directory/v1/events/count', diBody),
  },
  // Errors.
  {
    name: 'limit over 100',
    spec: 'v1',
    specPath: '/systems',
    status: 400,
    request: get('/api/systems?limit=101'),
  },
  {
    name: 'unknown key',
    spec: 'v1',
    specPath: '/systemusers',
    status: 401,
    request: (sim: StartedSimulator) =>
      call(sim.url, '/api/systemusers', { key: 'jca_unknown' }),
  },
  {
    name: 'EU key on the US host',
    spec: 'v1',
    specPath: '/organizations/{id}',
    status: 401,
    request: withId(s => `/api/organizations/${s.orgId}`, 'euReadOnly'),
  },
  {
    name: 'org header on an org route',
    spec: 'v1',
    specPath: '/organizations/{id}',
    status: 403,
    request: (sim: StartedSimulator) =>
      call(sim.url, `/api/organizations/${sim.orgId}`, {
        key: sim.keys.multiTenant,
        orgId: sim.orgId,
      }),
  },
  {
    name: 'no organization selected',
    spec: 'v2',
    specPath: '/systems/{system_id}/policystatuses',
    status: 401,
    request: withId(
      s => `/api/v2/systems/${boundSystem(s)}/policystatuses`,
      'multiTenant',
    ),
  },
  {
    name: 'unknown user group',
    spec: 'v2',
    specPath: '/usergroups/{id}',
    status: 404,
    request: get('/api/v2/usergroups/aaaaaaaaaaaaaaaaaaaaaaaa'),
  },
  {
    name: 'command runner on authn policies',
    spec: 'v2',
    specPath: '/authn/policies',
    status: 403,
    request: get('/api/v2/authn/policies', 'commandRunner'),
  },
  {
    name: 'read-only on fdekey',
    spec: 'v2',
    specPath: '/systems/{system_id}/fdekey',
    status: 403,
    request: withId(s => `/api/v2/systems/${boundSystem(s)}/fdekey`),
  },
  {
    name: 'DI bad body',
    spec: 'di',
    specPath: '/events',
    method: 'post',
    status: 400,
    request: post('/insights/directory/v1/events', { service: 'all' }),
  },
  {
    name: 'authn policies outside the plan',
    spec: 'v2',
    specPath: '/authn/policies',
    status: 402,
    request: (sim: StartedSimulator) =>
      call(sim.url, '/api/v2/authn/policies', { key: NO_PREMIUM_KEY }),
  },
  {
    name: 'DI outside the plan',
    spec: 'di',
    specPath: '/events',
    method: 'post',
    status: 402,
    request: (sim: StartedSimulator) =>
      call(sim.url, '/insights/directory/v1/events', {
        key: NO_PREMIUM_KEY,
        body: diBody,
      }),
  },
  {
    name: 'DI not licensed',
    spec: 'di',
    specPath: '/events',
    method: 'post',
    status: 402,
    request: (sim: StartedSimulator) => {
      const noDi = sim.dataset.orgs.find(
        o =>
          !(o.organization as any).settings.features.directoryInsights.enabled,
      )!;
      return call(sim.url, '/insights/directory/v1/events', {
        key: sim.keys.multiTenant,
        orgId: noDi.id,
        body: diBody,
      });
    },
  },
];

(available ? describe : describe.skip)(
  'conformance with the official JumpCloud OpenAPI documents',
  () => {
    let sim: StartedSimulator;
    let docs: OpenApiDocuments;
    beforeAll(async () => {
      docs = new OpenApiDocuments(SPEC_DIR, { extras: EXTRA_FIELDS });
      sim = await startSimulator({
        seed: 1,
        size: 'S',
        extraKeys: {
          [NO_PREMIUM_KEY]: {
            role: 'readOnly',
            plan: ['systemInsights', 'mdm', 'sso', 'policies'],
          },
        },
      });
    });
    afterAll(() => sim?.close());

    /** Everything in a response that disagrees with the documents (or the observed error shape). */
    function problems(c: Case, res: CallResult): string[] {
      const found: string[] = [];
      if (res.status !== c.status)
        found.push(`status ${res.status}, expected ${c.status}`);
      if (!/^application\/json/.test(res.headers.get('content-type') ?? ''))
        found.push('content-type is not JSON');
      if (res.json === undefined) return [...found, 'body is not JSON'];
      const errorShape = () =>
        OBSERVED_ERROR.test(res.json.message ?? '')
          ? []
          : [`error body ${res.text}`];

      if (c.undocumentedSchema === 'adminList') {
        const item = docs.componentSchemaRef('v1', 'userreturn');
        if (!(res.json.results?.length > 0)) found.push('no admins');
        return [
          ...found,
          ...unexpected(
            (res.json.results ?? []).flatMap((a: unknown) =>
              docs.validate(item, a, { closed: true }),
            ),
          ),
        ];
      }
      const declared = docs.response(
        c.spec,
        c.specPath,
        c.method ?? 'get',
        c.status,
      );
      // The documents declare few error responses, some without a body: real JumpCloud sends these (§4.1).
      if (!declared && c.status < 400)
        return [...found, `status ${c.status} is not declared`];
      if (!declared || !declared.response.content)
        return [...found, ...errorShape()];

      found.push(
        ...unexpected(
          docs.validate(
            `${declared.ref}/content/application~1json/schema`,
            res.json,
            { closed: true },
          ),
        ),
      );
      for (const header of Object.keys(declared.response.headers ?? {})) {
        if (res.headers.get(header) === null)
          found.push(`missing header ${header}`);
      }
      if (
        c.spec === 'v2' &&
        Array.isArray(res.json) &&
        !(Number(res.headers.get('x-total-count')) >= res.json.length)
      ) {
        found.push('x-total-count missing or too small');
      }
      if (c.status >= 400) found.push(...errorShape());
      return found;
    }

    it.each(CASES.map(c => [c.name, c] as const))('%s', async (_name, c) => {
      expect(problems(c, await c.request(sim))).toEqual([]);
    });
  },
);
