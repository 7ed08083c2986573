import type { JcSystemUser } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { notEnrolled, realUser } from '../__fixtures__/directoryRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo, daysAhead } from '../__fixtures__/snapshot';

// USR-01 and USR-02 over v1 /api/systemusers items as JumpCloud returns
// them: `mfa` {configured, exclusion, exclusionUntil, exclusionDays} and
// `mfaEnrollment.*Status` from NOT_ENROLLED … ENROLLED.

const withUser = (user: JcSystemUser) => (s: { users: JcSystemUser[] }) => {
  s.users = [user];
};
const usr01 = (user: JcSystemUser) => evaluateCheck('USR-01', withUser(user));
const usr02 = (user: JcSystemUser) => evaluateCheck('USR-02', withUser(user));

describe('USR-01 MFA enrolled for every active user', () => {
  it('passes a TOTP-enrolled user', () => {
    expect(usr01(realUser())).toMatchObject({
      status: 'pass',
      message: 'MFA is enrolled',
    });
  });

  it('passes a user enrolled with WebAuthn only (overallStatus counts every factor)', () => {
    const user = realUser({
      totp_enabled: false,
      mfa: { configured: false, exclusion: false },
      mfaEnrollment: {
        ...notEnrolled,
        webAuthnStatus: 'ENROLLED',
        overallStatus: 'ENROLLED',
      },
    });
    expect(usr01(user).status).toBe('pass');
  });

  it('fails a user with no factor, with the fields read as evidence', () => {
    const result = usr01(
      realUser({
        totp_enabled: false,
        mfa: { configured: false, exclusion: false },
        mfaEnrollment: notEnrolled,
      }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message: 'MFA is not enrolled (NOT_ENROLLED)',
      evidence: {
        overallStatus: 'NOT_ENROLLED',
        totp_enabled: false,
        'mfa.configured': false,
      },
    });
  });

  it('fails a push enrolment the user never completed', () => {
    const result = usr01(
      realUser({
        totp_enabled: false,
        mfa: { configured: false, exclusion: false },
        mfaEnrollment: {
          ...notEnrolled,
          pushStatus: 'PENDING_ACTIVATION',
          overallStatus: 'PENDING_ACTIVATION',
        },
      }),
    );
    expect(result.message).toBe('MFA is not enrolled (PENDING_ACTIVATION)');
  });

  it('leaves a user inside a current, time-boxed exclusion to USR-02', () => {
    const until = daysAhead(7);
    const result = usr01(
      realUser({
        totp_enabled: false,
        mfa: {
          configured: false,
          exclusion: true,
          exclusionUntil: until,
          exclusionDays: 7,
        },
        mfaEnrollment: notEnrolled,
      }),
    );
    expect(result).toMatchObject({
      status: 'not_applicable',
      message: `Excluded from MFA until ${until}`,
    });
  });

  it('fails a user whose exclusion has ended and who never enrolled', () => {
    const result = usr01(
      realUser({
        totp_enabled: false,
        mfa: { configured: false, exclusion: true, exclusionUntil: daysAgo(2) },
        mfaEnrollment: notEnrolled,
      }),
    );
    expect(result.status).toBe('fail');
  });

  it('does not judge staged or suspended accounts', () => {
    const staged = usr01(
      realUser({
        state: 'STAGED',
        activated: false,
        mfaEnrollment: notEnrolled,
      }),
    );
    expect(staged).toMatchObject({
      status: 'not_applicable',
      message: 'The account is STAGED',
    });
    const suspended = usr01(realUser({ state: 'SUSPENDED', suspended: true }));
    expect(suspended.message).toBe('The account is SUSPENDED (suspended)');
  });

  it('is unknown for a record without any MFA field (a projected read)', () => {
    const { mfa, mfaEnrollment, totp_enabled, ...projected } = realUser();
    expect(usr01(projected as JcSystemUser)).toMatchObject({
      status: 'unknown',
      message: 'No MFA enrolment field is reported',
    });
  });
});

describe('USR-02 MFA exclusions time-boxed', () => {
  it('passes a user without an exclusion (the real minimal `mfa`)', () => {
    expect(usr02(realUser()).message).toBe('No MFA exclusion');
  });

  it('passes an exclusion ending within the 14-day limit', () => {
    const result = usr02(
      realUser({
        mfa: {
          configured: true,
          exclusion: true,
          exclusionUntil: daysAhead(10),
          exclusionDays: 10,
        },
      }),
    );
    expect(result).toMatchObject({
      status: 'pass',
      message: 'The MFA exclusion ends on 2026-12-03',
    });
  });

  it('fails an exclusion without an end date', () => {
    const result = usr02(
      realUser({ mfa: { configured: false, exclusion: true } }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message: 'The MFA exclusion has no end date',
      evidence: { exclusion: true, exclusionUntil: null, maxDays: 14 },
    });
  });

  it('fails an exclusion running past the limit, and one left set after its end', () => {
    const long = usr02(
      realUser({
        mfa: {
          configured: false,
          exclusion: true,
          exclusionUntil: daysAhead(30),
          exclusionDays: 30,
        },
      }),
    );
    expect(long.message).toBe(
      'The MFA exclusion runs until 2026-12-23, more than 14 days',
    );
    const ended = usr02(
      realUser({
        mfa: { configured: false, exclusion: true, exclusionUntil: daysAgo(5) },
      }),
    );
    expect(ended.message).toBe(
      'The MFA exclusion ended on 2026-11-18 but is still set',
    );
  });

  it('is unknown when `mfa` is absent or null', () => {
    const { mfa, ...withoutMfa } = realUser();
    expect(usr02(withoutMfa as JcSystemUser).status).toBe('unknown');
    expect(usr02(realUser({ mfa: null })).message).toBe(
      'The MFA exclusion flag is not reported',
    );
  });
});
