import type { JcAdmin } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realAdmin } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo, daysAhead } from '../__fixtures__/snapshot';
import type { CheckThresholds } from '../thresholds';

// USR-05, USR-13 and USR-14 over console administrators as the v1
// `/api/users` route returns them (decoded as the documented `userreturn`):
// enableMultiFactor, totpEnrolled, apiKeyAllowed (off by default),
// apiKeySet, apiKeyHash {prefix, createdAt, expireAt}, roleName.

const run = (
  checkId: string,
  admins: JcAdmin[],
  thresholds: Partial<CheckThresholds> = {},
) =>
  evaluateCheck(
    checkId,
    s => {
      s.admins = admins;
    },
    { thresholds },
  );

describe('USR-05 every admin uses MFA', () => {
  it('passes an administrator enrolled in TOTP', () => {
    expect(run('USR-05', [realAdmin()]).message).toBe(
      'The administrator uses MFA',
    );
  });

  it('passes an administrator required to use MFA who enrols at next login', () => {
    const admin = realAdmin({ enableMultiFactor: true, totpEnrolled: false });
    expect(run('USR-05', [admin]).status).toBe('pass');
  });

  it('fails an administrator with neither flag, as JumpCloud’s own audit does', () => {
    const admin = realAdmin({ enableMultiFactor: false, totpEnrolled: false });
    expect(run('USR-05', [admin])).toMatchObject({
      status: 'fail',
      message: 'The administrator has no MFA',
      entityName: 'it-admin@example.com',
      evidence: { enableMultiFactor: false, totpEnrolled: false },
    });
  });

  it('does not judge a suspended administrator', () => {
    const admin = realAdmin({ suspended: true, enableMultiFactor: false });
    expect(run('USR-05', [admin]).status).toBe('not_applicable');
  });

  it('is unknown for an administrator record without MFA flags', () => {
    const { enableMultiFactor, totpEnrolled, ...bare } = realAdmin();
    expect(run('USR-05', [bare as JcAdmin]).status).toBe('unknown');
  });
});

describe('USR-13 admin API key hygiene', () => {
  const withKey = (createdDaysAgo: number, expireAt: string | null) =>
    realAdmin({
      apiKeyAllowed: true,
      apiKeySet: true,
      apiKeyUpdatedAt: daysAgo(createdDaysAgo),
      apiKeyHash: {
        prefix: 'jca_8Kd2',
        createdAt: daysAgo(createdDaysAgo),
        ...(expireAt ? { expireAt } : {}),
      },
    });

  it('passes API access off, JumpCloud’s default', () => {
    expect(run('USR-13', [realAdmin()]).message).toBe('API access is off');
  });

  it('passes a young key with an expiry', () => {
    expect(run('USR-13', [withKey(30, daysAhead(60))]).message).toBe(
      'The API key was created on 2026-10-24 and expires',
    );
  });

  it('passes API access allowed with no key generated', () => {
    const admin = realAdmin({ apiKeyAllowed: true, apiKeySet: false });
    expect(run('USR-13', [admin]).message).toBe(
      'API access allowed but no key is set',
    );
  });

  it('fails a key without expiry (TTL), with its dates as evidence', () => {
    expect(run('USR-13', [withKey(30, null)])).toMatchObject({
      status: 'fail',
      message: 'The API key has no expiry (TTL)',
      evidence: {
        apiKeyAllowed: true,
        apiKeySet: true,
        keyCreatedAt: daysAgo(30),
        expireAt: null,
      },
    });
  });

  it('fails a key older than apiKeyMaxAgeDays', () => {
    expect(run('USR-13', [withKey(400, daysAhead(30))]).message).toBe(
      'The API key was created on 2025-10-19, more than 365 days ago',
    );
  });

  it('reads apiKeyUpdatedAt when the key hash has no creation date', () => {
    const admin = realAdmin({
      apiKeyAllowed: true,
      apiKeySet: true,
      apiKeyUpdatedAt: daysAgo(500),
      apiKeyHash: { prefix: 'jca_8Kd2' },
    });
    expect(run('USR-13', [admin]).message).toBe(
      'The API key was created on 2025-07-11, more than 365 days ago',
    );
  });

  it('fails API access for an administrator off the integration list', () => {
    const result = run('USR-13', [withKey(10, daysAhead(80))], {
      apiKeyAllowedAdmins: ['integration@example.com'],
    });
    expect(result.message).toBe(
      'API access is on for an administrator not on the integration list',
    );
  });

  it('is unknown without apiKeyAllowed, or with a key of no known age', () => {
    const { apiKeyAllowed, ...bare } = realAdmin();
    expect(run('USR-13', [bare as JcAdmin]).status).toBe('unknown');
    const undated = realAdmin({ apiKeyAllowed: true, apiKeySet: true });
    expect(run('USR-13', [undated]).message).toBe(
      'The key creation date is not reported',
    );
  });
});

describe('USR-14 super-admin count bounded', () => {
  const admin = (n: number, overrides: Partial<JcAdmin> = {}) =>
    realAdmin({ _id: `a${n}`, email: `admin${n}@example.com`, ...overrides });

  it('passes two Administrators with Billing beside other roles', () => {
    const result = run('USR-14', [
      admin(1),
      admin(2),
      admin(3, { roleName: 'Administrator', roleNames: ['Administrator'] }),
      admin(4, { roleName: 'Read Only', roleNames: ['Read Only'] }),
    ]);
    expect(result).toMatchObject({
      status: 'pass',
      message: '2 super-admins',
      entityKind: 'org',
    });
  });

  it('fails four super-admins, naming them', () => {
    const result = run('USR-14', [admin(1), admin(2), admin(3), admin(4)]);
    expect(result).toMatchObject({
      status: 'fail',
      message: '4 super-admins (at most 3)',
      evidence: {
        superAdmins: [
          'admin1@example.com',
          'admin2@example.com',
          'admin3@example.com',
          'admin4@example.com',
        ],
      },
    });
  });

  it('fails a single super-admin (no break-glass); a suspended one does not count', () => {
    const result = run('USR-14', [admin(1), admin(2, { suspended: true })]);
    expect(result.message).toBe(
      '1 super-admin(s) (at least 2 for break-glass)',
    );
  });

  it('is unknown when the key could read no administrators', () => {
    expect(run('USR-14', []).status).toBe('unknown');
  });
});
