import type { JumpCloudApi } from '../api';
import * as fixtures from './fixtures';

export type FakeJumpCloudApi = jest.Mocked<JumpCloudApi>;

/**
 * A JumpCloudApi answering with contract-shaped fixtures; each method is a
 * jest.fn so tests can change answers and assert the requests made.
 */
export function createFakeJumpCloudApi(
  overrides: Partial<JumpCloudApi> = {},
): FakeJumpCloudApi {
  const api: JumpCloudApi = {
    listConnections: async () => [fixtures.connection],
    getConnection: async () => fixtures.connection,
    createConnection: async input => ({
      ...fixtures.connection,
      id: 'new',
      name: input.name ?? 'Connection 1',
    }),
    updateConnection: async (_id, input) => ({
      ...fixtures.connection,
      ...(input.name ? { name: input.name } : {}),
    }),
    deleteConnection: async () => undefined,
    testConnection: async () => ({
      ok: true,
      limited: false,
      summary: 'The connection works: everything a sync reads is available.',
      organizations: [{ id: 'org-1', name: 'Acme' }],
      multiTenant: false,
      capabilities: {
        users: { ok: true, state: 'available', count: 80 },
        devices: { ok: true, state: 'available', count: 60 },
      },
      durationMs: 120,
    }),
    testSavedConnection: async () => ({
      ok: true,
      limited: false,
      summary: 'The connection works: everything a sync reads is available.',
      organizations: [{ id: 'org-1', name: 'Acme' }],
      multiTenant: false,
      capabilities: { users: { ok: true, state: 'available', count: 80 } },
      durationMs: 90,
    }),
    syncConnection: async () => fixtures.runningRun,
    listRuns: async () => fixtures.page([fixtures.runningRun]),
    getRun: async () => fixtures.runningRun,
    listHistory: async () => fixtures.page([fixtures.failedHistoryEntry]),
    listDevices: async () => fixtures.page([fixtures.device]),
    listUsers: async () => fixtures.page([fixtures.user]),
    getDevice: async () => ({
      ...fixtures.device,
      raw: {},
      systemInsights: {},
      policies: [
        { policyId: 'p1', name: 'FileVault', success: false, endedAt: null },
      ],
      groupIds: ['g1'],
      boundUsers: [
        {
          userId: 'u-1',
          userName: 'Alice Liddell',
          viaGroup: false,
          viaGroups: [{ id: 'ug-1', name: 'Engineering' }],
          sudo: true,
          sudoWithoutPassword: false,
        },
      ],
    }),
    getUser: async () => ({
      ...fixtures.user,
      raw: {},
      boundDevices: [
        {
          deviceId: 'sys-1',
          deviceName: 'alice-macbook',
          viaGroup: true,
          viaGroups: [],
          sudo: false,
          sudoWithoutPassword: null,
        },
      ],
      groupIds: ['g2'],
    }),
    listChecks: async () => [fixtures.check],
    getChecksSummary: async () => ({ connections: [], checks: [] }),
    exportFrameworksCsv: async () =>
      new Blob(['framework,control\n'], { type: 'text/csv' }),
    listFindings: async () => fixtures.page([fixtures.finding]),
    prefetchFindings: () => undefined,
    getFinding: async () => fixtures.finding,
    exportFindingsCsv: async () => new Blob(['id\nf1\n'], { type: 'text/csv' }),
    createException: async input => ({
      ...input,
      id: 'e1',
      createdBy: 'user:default/guest',
      createdAt: '2026-11-23T12:00:00Z',
      active: true,
      deletedAt: null,
      deletedBy: null,
    }),
    deleteException: async () => undefined,
    getPosture: async () => fixtures.posture,
    getPostureTrend: async () => fixtures.trend,
    getEntityPosture: async (connectionId, entityId) => ({
      connectionId,
      entityId,
      entityKind: 'device',
      entityName: 'alice-macbook',
      runId: 'r1',
      counts: { pass: 8, fail: 2, unknown: 1, not_applicable: 0, excepted: 0 },
      results: [],
    }),
    listEvidence: async () => fixtures.page([]),
    exportEvidence: async () => new Blob(['{}'], { type: 'application/json' }),
    verifyEvidence: async () => ({
      ok: true,
      checkedRuns: 0,
      firstTamperedRunId: null,
      reason: null,
      connections: [],
      verifiedBy: 'user:default/guest',
      verifiedAt: '2026-11-23T12:00:00.000Z',
    }),
    ...overrides,
  };
  const mocked = {} as Record<string, jest.Mock>;
  for (const [name, impl] of Object.entries(api)) {
    mocked[name] = jest.fn(impl as (...args: any[]) => any);
  }
  return mocked as unknown as FakeJumpCloudApi;
}
