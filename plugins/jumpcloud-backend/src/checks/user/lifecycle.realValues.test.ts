import type { JcSystemUser } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { realOrganization, realUser } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo } from '../__fixtures__/snapshot';

// USR-03, USR-07 and USR-08 over v1 /api/systemusers items
// (state STAGED | ACTIVATED | SUSPENDED, password_never_expires,
// password_expired, created) and the organisation's password policy.

const run = (
  checkId: string,
  user: JcSystemUser,
  organization = realOrganization(),
) =>
  evaluateCheck(checkId, s => {
    s.users = [user];
    s.organization = organization;
  });

describe('USR-03 offboarded users deprovisioned', () => {
  it('is unknown for every account, suspended ones included: no HR source is read', () => {
    for (const state of ['ACTIVATED', 'SUSPENDED', 'STAGED']) {
      const result = run('USR-03', realUser({ state }));
      expect(result).toMatchObject({
        status: 'unknown',
        message: 'No HR termination date is collected for this user',
        evidence: { state },
      });
    }
  });
});

describe('USR-07 password lifecycle sane', () => {
  const neverExpires = realUser({
    password_never_expires: true,
    password_expiration_date: null,
  });

  it('passes a password that follows the policy', () => {
    expect(run('USR-07', realUser()).message).toBe(
      'The password follows the organisation policy',
    );
  });

  it('notes a password that has expired on an active account', () => {
    const result = run('USR-07', realUser({ password_expired: true }));
    expect(result).toMatchObject({
      status: 'pass',
      message:
        'The password follows the organisation policy (password currently expired)',
    });
  });

  it('fails "never expires" while the policy rotates passwords', () => {
    expect(run('USR-07', neverExpires)).toMatchObject({
      status: 'fail',
      message:
        'The password never expires although the policy expects rotation',
      evidence: { password_never_expires: true, password_expired: false },
    });
  });

  it('passes "never expires" in an organisation that does not force rotation', () => {
    const org = realOrganization();
    org.settings!.passwordPolicy!.enablePasswordExpirationInDays = false;
    expect(run('USR-07', neverExpires, org).message).toBe(
      'The organisation does not force rotation',
    );
  });

  it('is unknown without the user flag or the organisation policy', () => {
    const { password_never_expires, ...projected } = realUser();
    expect(run('USR-07', projected as JcSystemUser).status).toBe('unknown');
    const org = realOrganization();
    delete org.settings!.passwordPolicy;
    expect(run('USR-07', neverExpires, org).message).toBe(
      'The organisation password policy is not readable',
    );
  });

  it('is unknown under a password preset, whose custom fields do not apply', () => {
    const org = realOrganization();
    org.settings!.passwordCompliance = 'pci3';
    expect(run('USR-07', neverExpires, org)).toMatchObject({
      status: 'unknown',
      message:
        'The organisation uses the "pci3" password preset, whose rotation JumpCloud does not report',
      evidence: { passwordCompliance: 'pci3' },
    });
  });
});

describe('USR-08 no stale staged accounts', () => {
  const staged = (createdDaysAgo: number | null) =>
    realUser({
      state: 'STAGED',
      activated: false,
      created: createdDaysAgo === null ? null : daysAgo(createdDaysAgo),
    });

  it('passes a recently staged account', () => {
    expect(run('USR-08', staged(10)).message).toBe(
      'Staged since 2026-11-13, within 30 days',
    );
  });

  it('fails an account staged past stagedMaxDays', () => {
    expect(run('USR-08', staged(45))).toMatchObject({
      status: 'fail',
      message: 'Staged since 2026-10-09, more than 30 days',
      evidence: { created: daysAgo(45) },
    });
  });

  it('does not judge activated or suspended accounts', () => {
    expect(run('USR-08', realUser()).message).toBe('The account is ACTIVATED');
    expect(run('USR-08', realUser({ state: 'SUSPENDED' })).status).toBe(
      'not_applicable',
    );
  });

  it('is unknown for a staged account without `created`', () => {
    expect(run('USR-08', staged(null)).status).toBe('unknown');
  });
});
