import type { JcOrganization } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { policyOf, realOrganization } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import type { CheckThresholds } from '../thresholds';

// ORG-02 … ORG-05 over v1 /api/organizations/{id} as JumpCloud returns it:
// `settings.passwordCompliance` (custom | pci3 | windows) and the full
// `settings.passwordPolicy` object, whose fields apply only to `custom`.

const run = (
  checkId: string,
  change: (
    org: JcOrganization,
    policy: Record<string, unknown>,
  ) => void = () => {},
  thresholds: Partial<CheckThresholds> = {},
) => {
  const org = realOrganization();
  change(org, policyOf(org));
  return evaluateCheck(
    checkId,
    s => {
      s.organization = org;
    },
    { thresholds },
  );
};
const ALL = ['ORG-02', 'ORG-03', 'ORG-04', 'ORG-05'];

describe('the password policy checks over a real custom policy', () => {
  it('pass a policy meeting every default threshold', () => {
    expect(ALL.map(id => [id, run(id).status])).toEqual(
      ALL.map(id => [id, 'pass']),
    );
  });

  it('fail a pci3 or windows preset, naming it', () => {
    for (const preset of ['pci3', 'windows']) {
      const result = run('ORG-02', org => {
        org.settings!.passwordCompliance = preset;
      });
      expect(result).toMatchObject({
        status: 'fail',
        message: `The organisation uses the "${preset}" password preset instead of a custom policy`,
        evidence: { passwordCompliance: preset },
      });
    }
  });

  it('are unknown without settings or without a password policy', () => {
    for (const id of ALL) {
      expect(run(id, org => delete org.settings).status).toBe('unknown');
      expect(run(id, org => delete org.settings!.passwordPolicy).message).toBe(
        'The password policy is not reported',
      );
    }
  });
});

describe('ORG-02 password length', () => {
  it('reports the length enforced', () => {
    expect(run('ORG-02').message).toBe('Minimum length 14');
  });

  it('fails a length below passwordMinLength, and a length not enforced', () => {
    expect(run('ORG-02', (_o, p) => (p.minLength = 8))).toMatchObject({
      status: 'fail',
      message: 'Minimum length 8 is below 12',
      evidence: { enableMinLength: true, minLength: 8, required: 12 },
    });
    expect(run('ORG-02', (_o, p) => (p.enableMinLength = false)).message).toBe(
      'Minimum length is not enforced',
    );
  });
});

describe('ORG-03 password strength and reuse', () => {
  it('lists every weakness', () => {
    const result = run('ORG-03', (_o, p) => {
      p.disallowCommonlyUsedPasswords = false;
      p.allowUsernameSubstring = true;
      p.maxHistory = 3;
    });
    expect(result).toMatchObject({
      status: 'fail',
      message:
        'common passwords allowed; username substrings allowed; history below 5',
      evidence: {
        disallowCommonlyUsedPasswords: false,
        allowUsernameSubstring: true,
        enableMaxHistory: true,
        maxHistory: 3,
      },
    });
  });

  it('fails history switched off whatever maxHistory says', () => {
    const result = run('ORG-03', (_o, p) => (p.enableMaxHistory = false));
    expect(result.message).toBe('history below 5');
  });
});

describe('ORG-04 lockout after failed logins', () => {
  it('passes lockout after 5 attempts, with the lock duration as evidence', () => {
    expect(run('ORG-04').message).toBe('Lockout after 5 attempts');
  });

  it('fails lockout after too many attempts, and no lockout', () => {
    const lax = run('ORG-04', (_o, p) => (p.maxLoginAttempts = 25));
    expect(lax).toMatchObject({
      status: 'fail',
      message: 'Lockout only after 25 attempts',
      evidence: { lockoutTimeInSeconds: 900 },
    });
    const off = run('ORG-04', (_o, p) => (p.enableMaxLoginAttempts = false));
    expect(off.message).toBe('No lockout after failed logins');
  });
});

describe('ORG-05 password expiry matches the chosen stance', () => {
  it('passes 90-day expiry in max-days mode and fails a longer one', () => {
    expect(run('ORG-05').message).toBe('Passwords expire after 90 days');
    expect(
      run('ORG-05', (_o, p) => (p.passwordExpirationInDays = 180)).message,
    ).toBe('Passwords expire only after 180 days (limit 90)');
    expect(
      run('ORG-05', (_o, p) => (p.enablePasswordExpirationInDays = false))
        .message,
    ).toBe('Passwords never expire');
  });

  it('inverts in no-forced-expiry mode (NIST 800-63B)', () => {
    const nist = { passwordExpiryMode: 'no-forced-expiry' as const };
    expect(run('ORG-05', undefined, nist)).toMatchObject({
      status: 'fail',
      message: 'Passwords are forced to expire every 90 days',
    });
    const none = run(
      'ORG-05',
      (_o, p) => (p.enablePasswordExpirationInDays = false),
      nist,
    );
    expect(none.message).toBe('No forced password expiry');
  });
});
