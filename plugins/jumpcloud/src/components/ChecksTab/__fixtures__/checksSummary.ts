import type {
  CheckConnectionCounts,
  CheckSummary,
  ChecksSummary,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

const none = { soc2: [], iso27001: [], cis: [], nist: [] };

const counts = (
  partial: Partial<CheckConnectionCounts>,
): CheckConnectionCounts => ({
  connectionId: 'c1',
  pass: 0,
  fail: 0,
  unknown: 0,
  notApplicable: 0,
  excepted: 0,
  topUnknownReason: null,
  ...partial,
});

const encryption: CheckSummary = {
  id: 'DEV-01',
  title: 'Full-disk encryption on',
  entityKind: 'device',
  family: 'device',
  severity: 'high',
  description: 'Devices encrypt their disks.',
  remediation: 'Bind a FileVault or BitLocker policy.',
  fields: ['systems.fde.active'],
  frameworks: { ...none, soc2: ['CC6.1', 'CC6.7'], cis: ['3.6'] },
  enabled: true,
  builtIn: true,
  thresholds: { staleDays: 30 },
  connections: [
    counts({
      pass: 40,
      fail: 3,
      unknown: 2,
      notApplicable: 1,
      excepted: 1,
      topUnknownReason: { message: 'System Insights is off', count: 2 },
    }),
    counts({ connectionId: 'c2', pass: 5 }),
  ],
};

const mfa: CheckSummary = {
  id: 'USR-01',
  title: 'MFA enrolled for every active user',
  entityKind: 'user',
  family: 'user',
  severity: 'critical',
  description: 'Active users enrol MFA.',
  remediation: 'Require TOTP enrolment.',
  fields: ['users.totp_enabled'],
  frameworks: { ...none, soc2: ['CC6.1'], nist: ['IA-2(1)'] },
  enabled: true,
  builtIn: true,
  thresholds: {},
  connections: [counts({ pass: 80 }), counts({ connectionId: 'c2', pass: 9 })],
};

const passwordManager: CheckSummary = {
  id: 'DEV-09',
  title: 'Password manager installed',
  entityKind: 'device',
  family: 'device',
  severity: 'low',
  description: 'Devices run a password manager.',
  remediation: 'Install one.',
  fields: ['systemInsights.apps'],
  frameworks: { ...none, soc2: ['CC6.1'], cis: ['5.2'] },
  enabled: false,
  builtIn: true,
  thresholds: { staleDays: 30, passwordManagerAllowList: ['1Password'] },
  connections: [],
};

const assetTag: CheckSummary = {
  id: 'ACME-01',
  title: 'Devices carry an asset tag',
  entityKind: 'device',
  family: 'device',
  severity: 'low',
  description: 'Asset tags.',
  remediation: 'Tag it.',
  fields: ['systems.description'],
  frameworks: { ...none, iso27001: ['A.5.9'] },
  enabled: true,
  builtIn: false,
  thresholds: {},
  connections: [],
};

/** Two connections; a failing, a passing, a switched-off and a custom check. */
export const checksSummary: ChecksSummary = {
  connections: [
    {
      connectionId: 'c1',
      connectionName: 'acme-production',
      runId: 'r1',
      evaluatedAt: '2026-11-23T12:00:00Z',
    },
    {
      connectionId: 'c2',
      connectionName: 'acme-staging',
      runId: 'r2',
      evaluatedAt: '2026-11-23T11:00:00Z',
    },
  ],
  checks: [encryption, mfa, passwordManager, assetTag],
};
