import type {
  JcOrganization,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realOrganization } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo, daysAhead } from '../__fixtures__/snapshot';
import type { CheckThresholds } from '../thresholds';

// ORG-01, ORG-06, ORG-09 over v1 /api/organizations/{id} settings
// (requireAdminMFA, userPortal.idleSessionDurationMinutes 1-129600,
// features.directoryInsights(.Premium).enabled) and ORG-08 over an Apple MDM
// whose set-up was never finished (empty apnsPushTopic).

const run = (
  checkId: string,
  change: (org: JcOrganization, s: OrgSnapshot) => void = () => {},
  thresholds: Partial<CheckThresholds> = {},
) =>
  evaluateCheck(
    checkId,
    s => {
      s.organization = realOrganization();
      change(s.organization, s);
    },
    { thresholds },
  );

describe('ORG-01 admin MFA required org-wide', () => {
  it('passes and fails on requireAdminMFA', () => {
    expect(run('ORG-01').message).toBe('Admin MFA is required');
    expect(
      run('ORG-01', o => (o.settings!.requireAdminMFA = false)),
    ).toMatchObject({
      status: 'fail',
      evidence: { requireAdminMFA: false },
    });
  });

  it('is unknown when the setting is absent or settings were not read', () => {
    expect(run('ORG-01', o => delete o.settings!.requireAdminMFA).status).toBe(
      'unknown',
    );
    expect(run('ORG-01', (_o, s) => (s.organization = null)).status).toBe(
      'unknown',
    );
  });
});

describe('ORG-06 User Portal idle timeout', () => {
  it('passes 30 minutes and fails the 90-day maximum JumpCloud allows', () => {
    expect(run('ORG-06').message).toBe('Idle timeout 30 min');
    const lax = run('ORG-06', o => {
      o.settings!.userPortal = { idleSessionDurationMinutes: 129600 };
    });
    expect(lax).toMatchObject({
      status: 'fail',
      evidence: { idleSessionDurationMinutes: 129600, limit: 60 },
    });
  });

  it('is unknown without userPortal', () => {
    expect(run('ORG-06', o => delete o.settings!.userPortal).message).toBe(
      'The User Portal idle timeout is not reported',
    );
  });
});

describe('ORG-09 audit logging available and retained', () => {
  it('passes Directory Insights on with events, saying how many days are held', () => {
    expect(run('ORG-09').message).toBe(
      'Directory Insights returns events (120 days held)',
    );
  });

  it('fails Directory Insights switched off', () => {
    const result = run('ORG-09', o => {
      o.settings!.features = { directoryInsights: { enabled: false } };
    });
    expect(result).toMatchObject({
      status: 'fail',
      message: 'Directory Insights is disabled',
      evidence: { directoryInsights: false, directoryInsightsPremium: null },
    });
  });

  it('fails a retention requirement beyond 90 days without Premium', () => {
    const result = run('ORG-09', undefined, { auditRetentionDays: 365 });
    expect(result.message).toBe(
      '365 days of audit history are required but Directory Insights without Premium keeps 90',
    );
  });

  it('is unknown when enabled but no event came back', () => {
    const result = run('ORG-09', (_o, s) => (s.directoryEvents = []));
    expect(result.message).toBe(
      'Directory Insights is enabled but returned no events',
    );
  });
});

describe('ORG-08 Apple MDM never set up', () => {
  it('is not applicable when the only MDM has an empty push topic and no APNs expiry', () => {
    const result = run('ORG-08', (_o, s) => {
      s.appleMdms = [
        {
          id: '5f1c2d3e4a5b6c7d8e9f0a1b',
          name: 'Apple MDM',
          apnsPushTopic: '',
          apnsCertExpiry: null,
          depServerTokenState: 'missing',
        },
      ];
    });
    expect(result).toMatchObject({
      status: 'not_applicable',
      message:
        'Apple MDM set-up was never finished (no APNs certificate uploaded)',
    });
  });

  it('is unknown when a set-up MDM reports no APNs expiry', () => {
    const result = run('ORG-08', (_o, s) => {
      s.appleMdms = [
        {
          id: 'm1',
          name: 'Apple MDM',
          apnsPushTopic: 'com.apple.mgmt.External.0b7d',
          apnsCertExpiry: null,
          depServerTokenState: 'missing',
        },
      ];
    });
    expect(result.message).toBe('No APNs certificate expiry is reported');
  });

  it('fails an expired APNs certificate', () => {
    const result = run('ORG-08', (_o, s) => {
      s.appleMdms[0].apnsCertExpiry = daysAgo(2);
      s.appleMdms[0].depAccessTokenExpiry = daysAhead(200);
    });
    expect(result.message).toBe(
      'Apple MDM: APNs certificate expired on 2026-11-21',
    );
  });
});
