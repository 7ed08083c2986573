import type {
  CheckDefinitionInfo,
  Connection,
  DeviceAsset,
  Finding,
  HistoryEntry,
  Posture,
  PostureTrendPoint,
  SyncRun,
  UserAsset,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

// Contract-shaped sample data for component tests.

export const connection: Connection = {
  id: 'c1',
  name: 'acme-production',
  region: 'us',
  apiUrl: 'https://console.jumpcloud.com/',
  orgId: 'org-1',
  orgName: 'Acme',
  authType: 'apiKey',
  apiKeyLast4: 'a1b2',
  clientId: null,
  clientSecretLast4: null,
  syncFrequency: 'daily',
  users: 'ingest',
  enabled: true,
  source: 'ui',
  status: 'healthy',
  statusReason: null,
  lastRun: {
    id: 'run-1',
    connectionId: 'c1',
    status: 'succeeded',
    trigger: { type: 'scheduled' },
    startedAt: '2026-11-23T10:00:00Z',
    finishedAt: '2026-11-23T10:01:00Z',
    durationMs: 60_000,
  },
  latestCompleteRunId: 'run-1',
  coverage: {},
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

export const revokedConnection: Connection = {
  ...connection,
  id: 'c2',
  name: 'acme-eu',
  region: 'eu',
  apiUrl: 'https://console.eu.jumpcloud.com/',
  apiKeyLast4: 'zz99',
  status: 'needs_attention',
  statusReason: 'key revoked or expired',
};

export const serviceAccountConnection: Connection = {
  ...connection,
  id: 'c3',
  name: 'acme-sa',
  authType: 'serviceAccount',
  apiKeyLast4: null,
  clientId: 'sa-client-42',
  clientSecretLast4: 'f00d',
};

export const check: CheckDefinitionInfo = {
  id: 'device.fde',
  title: 'Disk encryption enabled',
  entityKind: 'device',
  severity: 'high',
  description: 'Devices must encrypt their disks.',
  remediation: 'Enable FileVault or BitLocker through a JumpCloud policy.',
  fields: ['systems.fde.active'],
  frameworks: { soc2: ['CC6.1'], iso27001: ['A.8.24'], cis: ['3.6'], nist: [] },
  enabled: true,
};

export const finding: Finding = {
  id: 'f1',
  connectionId: 'c1',
  connectionName: 'acme-production',
  checkId: 'device.fde',
  checkTitle: 'Disk encryption enabled',
  severity: 'high',
  entityKind: 'device',
  entityId: 'sys-1',
  entityName: 'alice-macbook',
  entityRef: 'resource:default/alice-macbook',
  status: 'open',
  firstSeenAt: '2026-11-20T10:00:00Z',
  lastSeenAt: '2026-11-23T10:00:00Z',
  resolvedAt: null,
  reopenedAt: null,
  evidence: { 'systems.fde.active': false, 'systems.os': 'Mac OS X' },
  message: 'FileVault is off on alice-macbook',
  frameworks: { soc2: ['CC6.1'], iso27001: ['A.8.24'], cis: ['3.6'], nist: [] },
  exceptionId: null,
};

export const posture: Posture = {
  connectionId: null,
  unevaluatedChecks: [],
  runId: 'run-1',
  score: 72.4,
  counts: { pass: 80, fail: 20, unknown: 3, not_applicable: 5, excepted: 1 },
  openBySeverity: { critical: 1, high: 7, medium: 9, low: 3, info: 0 },
  evaluatedAt: '2026-11-23T10:01:00Z',
};

export const trend: PostureTrendPoint[] = [
  {
    runId: 'r0',
    connectionId: 'c1',
    at: '2026-11-22T10:00:00Z',
    score: 65,
    openFindings: 25,
  },
  {
    runId: 'run-1',
    connectionId: 'c1',
    at: '2026-11-23T10:00:00Z',
    score: 72.4,
    openFindings: 20,
  },
];

export const device: DeviceAsset = {
  id: 'sys-1',
  connectionId: 'c1',
  connectionName: 'acme-production',
  hostname: 'alice-macbook.local',
  displayName: 'alice-macbook',
  os: 'Mac OS X',
  osFamily: 'darwin',
  osVersion: '14.5',
  agentVersion: '1.160.0',
  lastContact: '2026-11-23T09:00:00Z',
  active: true,
  serialNumber: 'C02XYZ',
  fdeActive: false,
  mdmVendor: 'JumpCloud',
  systemInsights: 'enabled',
  primaryUserId: 'u-1',
  entityRef: 'resource:default/alice-macbook',
  failingChecks: 2,
};

export const user: UserAsset = {
  id: 'u-1',
  connectionId: 'c1',
  connectionName: 'acme-production',
  username: 'alice',
  email: 'alice@example.com',
  displayName: 'Alice Example',
  state: 'ACTIVATED',
  mfaEnrolled: false,
  isAdmin: false,
  sudo: true,
  deviceCount: 1,
  entityRef: 'user:default/alice',
  failingChecks: 1,
};

export const runningRun: SyncRun = {
  id: 'run-2',
  connectionId: 'c1',
  connectionName: 'acme-production',
  status: 'running',
  trigger: { type: 'manual', by: 'user:default/guest' },
  startedAt: '2026-11-23T11:00:00Z',
  finishedAt: null,
  durationMs: null,
  stage: 'fetch',
  counts: { systems: 10 },
  failedDataTypes: {},
  coverage: {},
  error: null,
  requests: 3,
};

export const failedHistoryEntry: HistoryEntry = {
  id: 'h1',
  connectionId: 'c1',
  connectionName: 'acme-production',
  action: 'sync',
  actor: null,
  trigger: 'scheduled',
  status: 'failed',
  startedAt: '2026-11-23T08:00:00Z',
  finishedAt: '2026-11-23T08:00:05Z',
  durationMs: 5000,
  counts: { systems: 0 },
  error: {
    kind: 'revoked_key',
    message: 'The API key was revoked or has expired',
    status: 401,
  },
  stage: 'fetch',
  runId: 'run-0',
};

export function page<T>(items: T[], totalCount = items.length) {
  return { items, totalCount, limit: 25, offset: 0 };
}
