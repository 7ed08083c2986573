import {
  PROFILES,
  startSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import type {
  ApiErrorBody,
  AssetBinding,
  CapabilityResult,
  CheckConnectionCounts,
  CheckDefinitionInfo,
  CheckSummary,
  CheckSummaryConnection,
  ChecksSummary,
  Connection,
  ConnectionTestResult,
  DataTypeCoverage,
  DeviceAsset,
  DeviceAssetDetail,
  DevicePolicyResult,
  EntityCheckResult,
  EntityPosture,
  ErrorDetail,
  EvidenceChainVerdict,
  EvidenceCoverage,
  EvidenceManifest,
  EvidenceRun,
  EvidenceVerification,
  EvidenceVerifyResult,
  Finding,
  GroupAsset,
  HistoryEntry,
  Page,
  Posture,
  PostureTrendPoint,
  RiskException,
  SnapshotPage,
  RunFindingChanges,
  SyncRun,
  SyncRunSummary,
  UnevaluatedCheck,
  UserAsset,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { mockServices } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { createTestDatabases, waitFor } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  asReader,
  asService,
  startJumpCloudTestBackend,
  unauthenticated,
} from '../__testUtils__/testBackend';
import { createFactsRoutes } from '../facts/factsRoutes';
import { createFindingsRouter } from '../findingsRouter';
import { createRouter, type RouterDeps } from '../router';
import { closedJsonSchema, flatten } from './__testUtils__/responseSchemas';

jest.setTimeout(180_000);

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** Every "METHOD /path" an express router serves, nested routers included. */
function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method =>
          `${method.toUpperCase()} ${layer.route!.path.replace(
            /:(\w+)/g,
            '{$1}',
          )}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

/** The keys of a type, listed in full (tsc fails on a missing or extra one). */
const keysOf =
  <T>() =>
  (keys: Record<keyof T, true>) =>
    Object.keys(keys).sort();

const RUN_SUMMARY = {
  id: true,
  connectionId: true,
  status: true,
  trigger: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
} as const;
const DEVICE = {
  id: true,
  connectionId: true,
  connectionName: true,
  hostname: true,
  displayName: true,
  os: true,
  osFamily: true,
  osVersion: true,
  agentVersion: true,
  lastContact: true,
  active: true,
  serialNumber: true,
  fdeActive: true,
  mdmVendor: true,
  systemInsights: true,
  primaryUserId: true,
  entityRef: true,
  failingChecks: true,
} as const;
const USER = {
  id: true,
  connectionId: true,
  connectionName: true,
  username: true,
  email: true,
  displayName: true,
  state: true,
  mfaEnrolled: true,
  isAdmin: true,
  sudo: true,
  deviceCount: true,
  entityRef: true,
  failingChecks: true,
} as const;
const PAGE = {
  items: true,
  totalCount: true,
  limit: true,
  offset: true,
} as const;

/** Schema name → the fields of the common type it documents. */
const CONTRACT: Record<string, string[]> = {
  ApiErrorBody: keysOf<ApiErrorBody>()({
    error: true,
    request: true,
    response: true,
  }),
  Page: keysOf<Page<unknown>>()(PAGE),
  ErrorDetail: keysOf<ErrorDetail>()({
    kind: true,
    message: true,
    capability: true,
    status: true,
  }),
  SyncRunSummary: keysOf<SyncRunSummary>()(RUN_SUMMARY),
  SyncRun: keysOf<SyncRun>()({
    ...RUN_SUMMARY,
    connectionName: true,
    stage: true,
    counts: true,
    failedDataTypes: true,
    coverage: true,
    error: true,
    requests: true,
    findingChanges: true,
  }),
  RunFindingChanges: keysOf<RunFindingChanges>()({
    opened: true,
    resolved: true,
  }),
  DataTypeCoverage: keysOf<DataTypeCoverage>()({
    state: true,
    error: true,
    keptFromRunId: true,
  }),
  UnevaluatedCheck: keysOf<UnevaluatedCheck>()({
    checkId: true,
    missing: true,
    reason: true,
  }),
  Connection: keysOf<Connection>()({
    id: true,
    name: true,
    region: true,
    apiUrl: true,
    orgId: true,
    orgName: true,
    authType: true,
    apiKeyLast4: true,
    clientId: true,
    clientSecretLast4: true,
    syncFrequency: true,
    users: true,
    enabled: true,
    source: true,
    status: true,
    statusReason: true,
    lastRun: true,
    latestCompleteRunId: true,
    coverage: true,
    createdAt: true,
    updatedAt: true,
  }),
  CapabilityResult: keysOf<CapabilityResult>()({
    ok: true,
    state: true,
    count: true,
    error: true,
  }),
  ConnectionTestResult: keysOf<ConnectionTestResult>()({
    ok: true,
    limited: true,
    summary: true,
    error: true,
    organizations: true,
    multiTenant: true,
    capabilities: true,
    durationMs: true,
  }),
  HistoryEntry: keysOf<HistoryEntry>()({
    id: true,
    connectionId: true,
    connectionName: true,
    action: true,
    actor: true,
    trigger: true,
    status: true,
    startedAt: true,
    finishedAt: true,
    durationMs: true,
    counts: true,
    error: true,
    stage: true,
    runId: true,
    detail: true,
    findingChanges: true,
  }),
  DeviceAsset: keysOf<DeviceAsset>()(DEVICE),
  UserAsset: keysOf<UserAsset>()(USER),
  GroupAsset: keysOf<GroupAsset>()({
    id: true,
    connectionId: true,
    connectionName: true,
    name: true,
    type: true,
    memberCount: true,
    entityRef: true,
  }),
  AssetBinding: keysOf<AssetBinding>()({
    viaGroup: true,
    viaGroups: true,
    sudo: true,
    sudoWithoutPassword: true,
  }),
  DevicePolicyResult: keysOf<DevicePolicyResult>()({
    policyId: true,
    name: true,
    success: true,
    endedAt: true,
  }),
  DeviceAssetDetail: keysOf<DeviceAssetDetail>()({
    ...DEVICE,
    raw: true,
    boundUsers: true,
    groupIds: true,
    policies: true,
  }),
  UserAssetDetail: keysOf<UserAssetDetail>()({
    ...USER,
    raw: true,
    boundDevices: true,
    groupIds: true,
  }),
  CatalogConnection: keysOf<
    Pick<
      Connection,
      | 'id'
      | 'name'
      | 'orgId'
      | 'region'
      | 'apiUrl'
      | 'users'
      | 'latestCompleteRunId'
    >
  >()({
    id: true,
    name: true,
    orgId: true,
    region: true,
    apiUrl: true,
    users: true,
    latestCompleteRunId: true,
  }),
  SnapshotPage: keysOf<SnapshotPage>()({
    connectionId: true,
    runId: true,
    type: true,
    items: true,
    nextCursor: true,
    totalCount: true,
  }),
  CheckDefinitionInfo: keysOf<CheckDefinitionInfo>()({
    id: true,
    title: true,
    entityKind: true,
    severity: true,
    description: true,
    remediation: true,
    fields: true,
    frameworks: true,
    enabled: true,
  }),
  CheckConnectionCounts: keysOf<CheckConnectionCounts>()({
    connectionId: true,
    pass: true,
    fail: true,
    unknown: true,
    notApplicable: true,
    excepted: true,
    topUnknownReason: true,
  }),
  CheckSummary: keysOf<CheckSummary>()({
    id: true,
    title: true,
    entityKind: true,
    severity: true,
    description: true,
    remediation: true,
    fields: true,
    frameworks: true,
    enabled: true,
    family: true,
    builtIn: true,
    thresholds: true,
    connections: true,
  }),
  CheckSummaryConnection: keysOf<CheckSummaryConnection>()({
    connectionId: true,
    connectionName: true,
    runId: true,
    evaluatedAt: true,
  }),
  ChecksSummary: keysOf<ChecksSummary>()({ connections: true, checks: true }),
  Finding: keysOf<Finding>()({
    id: true,
    connectionId: true,
    connectionName: true,
    checkId: true,
    checkTitle: true,
    severity: true,
    entityKind: true,
    entityId: true,
    entityName: true,
    entityRef: true,
    status: true,
    firstSeenAt: true,
    lastSeenAt: true,
    resolvedAt: true,
    reopenedAt: true,
    evidence: true,
    message: true,
    frameworks: true,
    exceptionId: true,
  }),
  RiskException: keysOf<RiskException>()({
    id: true,
    connectionId: true,
    checkId: true,
    entityId: true,
    owner: true,
    reason: true,
    expiresAt: true,
    createdBy: true,
    createdAt: true,
    active: true,
    deletedAt: true,
    deletedBy: true,
  }),
  Posture: keysOf<Posture>()({
    connectionId: true,
    unevaluatedChecks: true,
    runId: true,
    score: true,
    counts: true,
    openBySeverity: true,
    evaluatedAt: true,
  }),
  PostureTrendPoint: keysOf<PostureTrendPoint>()({
    runId: true,
    connectionId: true,
    at: true,
    score: true,
    openFindings: true,
  }),
  EntityCheckResult: keysOf<EntityCheckResult>()({
    checkId: true,
    severity: true,
    status: true,
    message: true,
  }),
  EntityPosture: keysOf<EntityPosture>()({
    connectionId: true,
    entityId: true,
    entityKind: true,
    entityName: true,
    runId: true,
    counts: true,
    results: true,
  }),
  EvidenceCoverage: keysOf<EvidenceCoverage>()({
    dataTypes: true,
    evaluatedCheckIds: true,
    unevaluatedChecks: true,
  }),
  EvidenceManifest: keysOf<EvidenceManifest>()({
    runId: true,
    connectionId: true,
    connectionName: true,
    orgId: true,
    startedAt: true,
    finishedAt: true,
    counts: true,
    resultsSummary: true,
    hashes: true,
    previousHash: true,
    hash: true,
    sealedAt: true,
    coverage: true,
  }),
  EvidenceVerifyResult: keysOf<EvidenceVerifyResult>()({
    ok: true,
    checkedRuns: true,
    prunedRuns: true,
    firstTamperedRunId: true,
    reason: true,
    connections: true,
  }),
  EvidenceRun: keysOf<EvidenceRun>()({
    runId: true,
    connectionId: true,
    connectionName: true,
    orgId: true,
    startedAt: true,
    finishedAt: true,
    counts: true,
    resultsSummary: true,
    hashes: true,
    previousHash: true,
    hash: true,
    sealedAt: true,
    coverage: true,
    populationCounts: true,
    openFindings: true,
    prunedAt: true,
    prunedReason: true,
  }),
  EvidenceChainVerdict: keysOf<EvidenceChainVerdict>()({
    connectionId: true,
    connectionName: true,
    checkedRuns: true,
    prunedRuns: true,
    lastVerifiedRunId: true,
    lastVerifiedSealedAt: true,
    tamperedRunId: true,
    tamperedSealedAt: true,
    reason: true,
  }),
  EvidenceVerification: keysOf<EvidenceVerification>()({
    ok: true,
    checkedRuns: true,
    prunedRuns: true,
    firstTamperedRunId: true,
    reason: true,
    connections: true,
    verifiedBy: true,
    verifiedAt: true,
  }),
};

describe('openapi.yaml', () => {
  const document = parse(
    readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
  );

  it('documents every route the router serves, and nothing else', () => {
    const access = {
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
    };
    const findings = createFindingsRouter({
      ...access,
      catalogue: {} as any,
      findings: {} as any,
      exceptions: {} as any,
      posture: {} as any,
      evidence: {} as any,
      checkStatus: {} as any,
      connections: {} as any,
      history: {} as any,
      clock: () => ({} as any),
    });
    const facts = createFactsRoutes({ ...access, facts: {} as any });
    const router = createRouter({
      ...access,
      extraRouters: [findings, facts],
    } as unknown as RouterDeps);
    const served = routesOf(
      (router as unknown as { stack: Layer[] }).stack,
    ).sort();
    const documented = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter(key =>
            ['get', 'post', 'patch', 'put', 'delete'].includes(key),
          )
          .map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    // Path parameter names may differ (e.g. {runId} vs {id}); compare shapes.
    const shape = (route: string) => route.replace(/\{\w+\}/g, '{}');
    expect(served.map(shape)).toEqual(documented.map(shape));
  });

  it('resolves every $ref', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/([^"]+)"/g)].map(m => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const target = ref
        .split('/')
        .reduce<any>((node, key) => node?.[key], document);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });

  /**
   * Each named schema lists exactly the fields of the common type it
   * documents (the key lists are checked against the types by tsc).
   */
  it('documents the fields of the common types', () => {
    const schemas = document.components.schemas as Record<string, any>;
    const documented = Object.fromEntries(
      Object.keys(CONTRACT).map(name => {
        const schema = flatten(document, schemas[name] ?? {});
        return [name, Object.keys(schema.properties ?? {}).sort()];
      }),
    );
    expect(documented).toEqual(CONTRACT);
  });

  describe('against the responses of a test backend', () => {
    const { databases, ids } = createTestDatabases();
    let simulator: Awaited<ReturnType<typeof startSimulator>>;
    let harness: Awaited<ReturnType<typeof startJumpCloudTestBackend>>;
    const samples: Sample[] = [];

    beforeAll(async () => {
      // The service account's plan lacks premium features: its Test
      // Connection is limited and its run leaves checks unevaluated.
      simulator = await startSimulator({
        seed: 5,
        size: 'S',
        serviceAccount: { plan: PROFILES['no-premium'].plan },
      });
      harness = await startJumpCloudTestBackend({
        knex: await databases.init(ids[0]),
        jumpcloud: {
          encryptionSecret: 'openapi-test-secret-openapi-test-secret',
          allowedHosts: [new URL(simulator.url).host],
          connections: [
            {
              name: 'from-config',
              apiUrl: simulator.url,
              apiKey: simulator.keys.readOnly,
              syncFrequency: 'off',
            },
          ],
        },
      });
      await sampleEveryRoute(document, simulator, harness.server, samples);
    });

    afterAll(async () => {
      await harness?.backend.stop();
      await simulator?.close();
    });

    it('samples every documented JSON response', () => {
      const sampled = new Set(
        samples.filter(s => s.json).map(s => `${s.operation} ${s.status}`),
      );
      const missing = jsonResponses(document).filter(
        ({ operation, status }) =>
          status.startsWith('2') && !sampled.has(`${operation} ${status}`),
      );
      expect(missing).toEqual([]);
    });

    it('answers with the documented shapes: no field missing, none undocumented', () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const problems = samples.flatMap(sample => {
        const documented = responseSchemaOf(
          document,
          sample.operation,
          sample.status,
        );
        if (!documented)
          return [`${sample.operation}: ${sample.status} is not documented`];
        if (documented === 'no content' || !sample.json) return [];
        const validate = ajv.compile(
          closedJsonSchema(flatten(document, documented)),
        );
        if (validate(sample.body)) return [];
        return (validate.errors ?? []).map(
          e =>
            `${sample.operation} ${sample.status}: ${e.instancePath || '/'} ${
              e.message
            } ${JSON.stringify(e.params)}`,
        );
      });
      expect([...new Set(problems)]).toEqual([]);
      expect(samples.length).toBeGreaterThan(40);
    });
  });
});

/** One response of the test backend, by documented operation ("GET /runs/{id}"). */
interface Sample {
  operation: string;
  status: string;
  /** Whether the body is JSON (not a CSV or a zip). */
  json: boolean;
  body: unknown;
}

/**
 * Calls every route of the test backend (a sync of the simulator's
 * organisation with an API key, one with a service account whose plan lacks
 * premium features), keeping each response as a sample.
 */
async function sampleEveryRoute(
  document: any,
  simulator: Awaited<ReturnType<typeof startSimulator>>,
  server: Parameters<typeof request>[0],
  samples: Sample[],
) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { as?: string; body?: object } = {},
  ) => {
    let test = request(server)
      [method.toLowerCase() as 'get'](`/api/jumpcloud${url}`)
      .set('authorization', options.as ?? asAdmin());
    if (options.body) test = test.send(options.body);
    const response = await test;
    samples.push({
      operation: operationOf(document, method, url),
      status: String(response.status),
      json: /json/.test(response.headers['content-type'] ?? ''),
      body: response.body,
    });
    return response;
  };
  const syncToEnd = async (connectionId: string) => {
    const started = await call('POST', `/connections/${connectionId}/sync`);
    expect(started.status).toBe(202);
    return waitFor(
      async () => {
        const run = await call('GET', `/runs/${started.body.id}`);
        return run.body.status === 'running' ? undefined : run.body;
      },
      90_000,
      250,
    );
  };

  await call('GET', '/health', { as: unauthenticated() });
  // Connections: an API key, a service account, one from config.
  const withKey = {
    name: 'api-key',
    apiUrl: simulator.url,
    apiKey: simulator.keys.readOnly,
    syncFrequency: 'off',
  };
  const withAccount = {
    name: 'service-account',
    apiUrl: simulator.url,
    clientId: simulator.serviceAccount.clientId,
    clientSecret: simulator.serviceAccount.clientSecret,
    syncFrequency: { cron: '0 3 * * *' },
  };
  const keyed = (await call('POST', '/connections', { body: withKey })).body;
  const account = (await call('POST', '/connections', { body: withAccount }))
    .body;
  await call('POST', '/connections', { body: { ...withKey, region: 'mars' } });
  await call('POST', '/connections', { as: asReader(), body: withKey });
  await call('GET', '/connections', { as: unauthenticated() });
  await call('POST', '/connections/test', { body: withKey });
  await call('POST', '/connections/test', { body: withAccount });
  await call('POST', '/connections/test', {
    body: { ...withKey, apiKey: 'definitely-not-a-key-0000' },
  });
  await call('POST', `/connections/${account.id}/test`, { body: {} });
  await call('GET', '/connections/nope');

  // Syncs, then every read.
  await syncToEnd(keyed.id);
  await syncToEnd(account.id);
  await call('GET', '/connections');
  await call('GET', `/connections/${keyed.id}`);
  await call('PATCH', `/connections/${account.id}`, {
    body: { name: 'service-account (renamed)' },
  });
  const fromConfig = (await call('GET', '/connections')).body.find(
    (c: Connection) => c.source === 'config',
  );
  await call('PATCH', `/connections/${fromConfig.id}`, { body: { name: 'x' } });
  await call('GET', '/runs?limit=5');
  await call('GET', '/history?limit=20');
  await call('GET', '/history?action=sync');

  const devices = await call('GET', `/assets/devices?connectionId=${keyed.id}`);
  const users = await call('GET', `/assets/users?connectionId=${keyed.id}`);
  await call('GET', '/assets/groups');
  // A device with System Insights rows and policies, a user bound to devices.
  for (const device of devices.body.items.slice(0, 5))
    await call('GET', `/assets/devices/${keyed.id}/${device.id}`);
  for (const user of users.body.items.slice(0, 5))
    await call('GET', `/assets/users/${keyed.id}/${user.id}`);
  await call('GET', `/assets/devices/${keyed.id}/nope`);

  await call('GET', '/catalog/connections', { as: asService() });
  await call(
    'GET',
    `/catalog/snapshot?connectionId=${keyed.id}&type=systems&limit=3`,
    {
      as: asService(),
    },
  );

  await call('GET', '/checks');
  await call('GET', '/checks/summary');
  await call('GET', `/checks/summary?connectionId=${keyed.id}`);
  await call('GET', '/checks/summary?connectionId=bad%20id');
  await call('GET', '/frameworks/export.csv?framework=soc2&control=CC6.1');
  await call('GET', '/frameworks/export.csv?framework=pci');
  const findings = await call('GET', '/findings?limit=50');
  const finding: Finding = findings.body.items[0];
  expect(finding).toBeDefined();
  await call('GET', `/findings/${finding.id}`);
  await call('GET', '/findings/export.csv?severity=high');
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const exception = await call('POST', '/exceptions', {
    body: {
      connectionId: finding.connectionId,
      checkId: finding.checkId,
      entityId: finding.entityId,
      owner: 'ada',
      reason: 'replacing the laptop',
      expiresAt,
    },
  });
  await call('POST', '/exceptions', {
    body: { connectionId: finding.connectionId, checkId: 'nope' },
  });
  await call('GET', '/exceptions');
  await call(
    'GET',
    `/posture/entity?connectionId=${finding.connectionId}&entityId=${finding.entityId}`,
  );
  await call('GET', `/posture/entity?connectionId=${keyed.id}&entityId=nope`);
  for (const kind of ['device', 'user'])
    await call(
      'GET',
      `/facts?connectionId=${finding.connectionId}&kind=${kind}&limit=3`,
    );
  await call('GET', `/facts?connectionId=${finding.connectionId}&kind=group`);
  await call('DELETE', `/exceptions/${exception.body.id}`);
  await call('GET', '/exceptions?includeInactive=true');
  await call('GET', '/posture');
  await call('GET', `/posture?connectionId=${account.id}`);
  await call('GET', '/posture/trend');
  const evidence = await call('GET', '/evidence');
  for (const manifest of evidence.body.items as EvidenceManifest[])
    await call('GET', `/evidence/${manifest.runId}/export`);
  await call('GET', `/evidence/${keyed.id}-nope/export`);
  await call('GET', `/evidence?asOf=${new Date().toISOString()}`);
  await call('GET', '/evidence?asOf=not-a-date');
  await call('POST', '/evidence/verify');

  await call('DELETE', `/connections/${keyed.id}`);
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

/** Every documented operation's responses with JSON content. */
function jsonResponses(document: any) {
  return Object.entries(document.paths as Record<string, any>).flatMap(
    ([path, item]) =>
      METHODS.filter(method => item[method]).flatMap(method =>
        Object.keys(item[method].responses)
          .filter(status =>
            Boolean(
              responseSchemaOf(
                document,
                `${method.toUpperCase()} ${path}`,
                status,
              ) instanceof Object,
            ),
          )
          .map(status => ({
            operation: `${method.toUpperCase()} ${path}`,
            status,
          })),
      ),
  );
}

/**
 * The JSON schema an operation documents for a status; 'no content' for a
 * documented response without JSON, undefined for an undocumented one.
 */
function responseSchemaOf(
  document: any,
  operation: string,
  status: string,
): Record<string, any> | 'no content' | undefined {
  const [method, path] = operation.split(' ');
  let response =
    document.paths[path]?.[method.toLowerCase()]?.responses?.[status];
  if (response?.$ref)
    response = response.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key: string) => node?.[key], document);
  if (!response) return undefined;
  return response.content?.['application/json']?.schema ?? 'no content';
}

/** The documented operation a request is ("GET /runs/{id}" for GET /runs/r1). */
function operationOf(document: any, method: string, url: string): string {
  const path = url.replace(/^\/api\/jumpcloud/, '').split('?')[0];
  const candidates = Object.keys(document.paths as Record<string, unknown>)
    .filter(p => document.paths[p][method.toLowerCase()])
    .filter(p => new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(path))
    // A literal segment wins over a parameter (/connections/test).
    .sort((a, b) => a.split('{').length - b.split('{').length);
  if (!candidates[0]) throw new Error(`undocumented: ${method} ${path}`);
  return `${method} ${candidates[0]}`;
}
