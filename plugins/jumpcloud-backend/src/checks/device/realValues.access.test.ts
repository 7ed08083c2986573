import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo, linuxDevice, windowsDevice } from '../__fixtures__/snapshot';

// DEV-15 … DEV-17, DEV-19 and DEV-20 over v1 `/systems` and v2 values as
// JumpCloud sends them: `userMetrics` local accounts, SSH flags and sshd
// parameters, login-MFA flags, policy results.

describe('DEV-15 reads the agent’s userMetrics and sudo bindings', () => {
  const metrics = [
    {
      userName: 'alice',
      admin: true,
      managed: true,
      suspended: false,
      secureTokenEnabled: true,
    },
    {
      userName: 'jcadmin',
      admin: true,
      managed: false,
      suspended: false,
      secureTokenEnabled: true,
    },
    {
      userName: 'olduser',
      admin: true,
      managed: false,
      suspended: true,
      secureTokenEnabled: false,
    },
    { userName: '_mbsetupuser', admin: true, managed: false, suspended: false },
  ];

  it('fails the everyday admin only: allow-listed, suspended and _system accounts are exempt', () => {
    const result = evaluateCheck(
      'DEV-15',
      s => {
        s.systems[0].userMetrics = metrics;
      },
      { thresholds: { localAdminAllowList: ['JCAdmin'] } },
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ admins: ['alice'] });
  });

  it('fails a user given sudo through the device binding', () => {
    const result = evaluateCheck('DEV-15', s => {
      s.userSystemBindings[0].sudo = { enabled: true, withoutPassword: false };
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ admins: ['alice'] });
  });

  it('passes Windows whose only admin, the built-in Administrator, is disabled', () => {
    const result = evaluateCheck('DEV-15', s => {
      s.systems = [
        windowsDevice({
          userMetrics: [
            {
              userName: 'Administrator',
              admin: true,
              managed: false,
              suspended: true,
            },
            { userName: 'bob', admin: false, managed: true, suspended: false },
          ],
        }),
      ];
    });
    expect(result.status).toBe('pass');
  });

  it('is unknown without userMetrics, users rows or sudo bindings', () => {
    const result = evaluateCheck('DEV-15', s => {
      s.systems[0].userMetrics = [];
      delete s.systemInsights.users;
    });
    expect(result.status).toBe('unknown');
  });
});

describe('DEV-16 reads the SSH flags and sshdParams', () => {
  it('fails password authentication from the JumpCloud flag or sshd_config', () => {
    const flag = evaluateCheck('DEV-16', s => {
      s.systems[0].allowSshPasswordAuthentication = true;
    });
    expect(flag.status).toBe('fail');
    expect(flag.message).toBe('SSH password authentication on');
    const param = evaluateCheck('DEV-16', s => {
      s.systems = [
        linuxDevice({
          allowSshRootLogin: undefined,
          allowSshPasswordAuthentication: undefined,
          sshdParams: [
            { name: 'PermitRootLogin', value: 'no' },
            { name: 'PasswordAuthentication', value: 'yes' },
            { name: 'UsePAM', value: 'yes' },
          ],
        }),
      ];
    });
    expect(param.status).toBe('fail');
    expect(param.evidence.PasswordAuthentication).toBe('yes');
  });

  it('is unknown when the device reports no SSH setting (sshdParams [])', () => {
    const result = evaluateCheck('DEV-16', s => {
      s.systems[0].allowSshRootLogin = undefined;
      s.systems[0].allowSshPasswordAuthentication = undefined;
      s.systems[0].sshdParams = [];
    });
    expect(result.status).toBe('unknown');
  });

  it('is not applicable on Windows', () => {
    const result = evaluateCheck('DEV-16', s => {
      s.systems = [windowsDevice({ sshRootEnabled: true })];
    });
    expect(result.status).toBe('not_applicable');
  });
});

describe('DEV-17 reads allowMultiFactorAuthentication and secureLogin', () => {
  it.each([
    [{ allowMultiFactorAuthentication: false }, 'fail'],
    [
      {
        allowMultiFactorAuthentication: undefined,
        secureLogin: { supported: true, enabled: true },
      },
      'pass',
    ],
    [
      {
        allowMultiFactorAuthentication: undefined,
        secureLogin: { supported: false, enabled: false },
      },
      'not_applicable',
    ],
    [
      { allowMultiFactorAuthentication: undefined, secureLogin: null },
      'unknown',
    ],
  ])('%j gives %s', (fields, expected) => {
    const result = evaluateCheck('DEV-17', s => {
      Object.assign(s.systems[0], fields);
    });
    expect(result.status).toBe(expected);
  });
});

describe('DEV-19 matches bound policy templates against the OS baseline', () => {
  it('fails a Mac without a firewall policy result, naming it', () => {
    const result = evaluateCheck('DEV-19', s => {
      s.policyStatuses = s.policyStatuses.filter(st => st.policyID !== 'p3');
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual(['firewall']);
  });

  it('fails a Linux device with no policy result at all', () => {
    const result = evaluateCheck('DEV-19', s => {
      s.systems = [linuxDevice()];
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual(['screen', 'update']);
  });

  it('is not applicable to an OS without required policies (iOS)', () => {
    const result = evaluateCheck('DEV-19', s => {
      s.systems[0].os = 'iOS';
      s.systems[0].osFamily = 'ios';
    });
    expect(result.status).toBe('not_applicable');
  });
});

describe('DEV-20 reads v2 policy results', () => {
  const result = (fields: Record<string, unknown>) => ({
    id: 'r9',
    policyID: 'p9',
    systemID: 'mac1',
    endedAt: daysAgo(1),
    exitStatus: 0,
    detail: '',
    stdErr: '',
    stdOut: '',
    ...fields,
  });

  it('fails a failed result, naming the policy', () => {
    const outcome = evaluateCheck('DEV-20', s => {
      s.policyStatuses.push(
        result({
          success: false,
          state: 'failed',
          exitStatus: 1,
          startedAt: daysAgo(1),
        }),
      );
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual({
      failed: ['p9'],
      pendingTooLong: [],
      total: 5,
    });
  });

  it.each([
    ['pending', 10, 'fail'],
    ['Pending', 10, 'fail'],
    ['Pending', 2, 'pass'],
  ])('state %s started %i days ago gives %s', (state, days, expected) => {
    const outcome = evaluateCheck('DEV-20', s => {
      s.policyStatuses.push(
        result({ success: false, state, startedAt: daysAgo(days) }),
      );
    });
    expect(outcome.status).toBe(expected);
  });

  it('falls back on policyStats without results, and is not applicable with total 0', () => {
    const failed = evaluateCheck('DEV-20', s => {
      s.policyStatuses = [];
      s.systems[0].policyStats = {
        duplicate: 0,
        failed: 1,
        pending: 0,
        success: 7,
        total: 8,
        unsupportedOs: 0,
      };
    });
    expect(failed.status).toBe('fail');
    const none = evaluateCheck('DEV-20', s => {
      s.policyStatuses = [];
      s.systems[0].policyStats = {
        duplicate: 0,
        failed: 0,
        pending: 0,
        success: 0,
        total: 0,
        unsupportedOs: 0,
      };
    });
    expect(none.status).toBe('not_applicable');
  });
});
