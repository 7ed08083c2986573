import { evaluateCheck } from '../__fixtures__/evaluate';
import {
  activeUser,
  daysAgo,
  linuxDevice,
  windowsDevice,
} from '../__fixtures__/snapshot';

// DEV-10 … DEV-14 over v1 `/systems` values as JumpCloud sends them:
// `lastContact` null for a device that never checked in, the `mdm` object
// with its enums, `systemInsights.state`, agent versions as text.

describe('DEV-10 reads lastContact and active', () => {
  it('fails a device that never checked in (lastContact null, active false)', () => {
    const result = evaluateCheck('DEV-10', s => {
      s.systems[0].lastContact = null;
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('The agent has never checked in');
  });

  it('fails a device last seen 20 days ago, with the limit', () => {
    const result = evaluateCheck('DEV-10', s => {
      s.systems[0].lastContact = daysAgo(20);
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({
      lastContact: daysAgo(20),
      active: false,
      limitDays: 14,
    });
  });

  it('passes a connected agent whatever lastContact says', () => {
    const result = evaluateCheck('DEV-10', s => {
      s.systems[0].active = true;
      s.systems[0].lastContact = daysAgo(40);
    });
    expect(result.status).toBe('pass');
  });
});

describe('DEV-12 reads the state of the users bound to the device', () => {
  it('fails when every bound user is SUSPENDED', () => {
    const result = evaluateCheck('DEV-12', s => {
      s.users = [activeUser({ state: 'SUSPENDED', suspended: true })];
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({
      boundUsers: [{ username: 'alice', state: 'SUSPENDED', suspended: true }],
    });
  });

  it('passes when one bound user is still active', () => {
    const result = evaluateCheck('DEV-12', s => {
      s.users = [
        activeUser({ state: 'SUSPENDED', suspended: true }),
        activeUser({ _id: 'u2', username: 'bob' }),
      ];
      s.userSystemBindings.push({
        userId: 'u2',
        systemId: 'mac1',
        viaGroup: false,
      });
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable to a device nobody is bound to', () => {
    const result = evaluateCheck('DEV-12', s => {
      s.userSystemBindings = [];
    });
    expect(result.status).toBe('not_applicable');
  });
});

describe('DEV-13 reads the v1 mdm object', () => {
  it.each([
    [
      'ADE Mac (automated device)',
      {
        vendor: 'internal',
        enrollmentType: 'automated device',
        dep: true,
        userApproved: true,
      },
      'pass',
    ],
    [
      'ADE Mac reported by enrollmentType only',
      {
        vendor: 'internal',
        enrollmentType: 'automated device',
        userApproved: false,
      },
      'pass',
    ],
    [
      'Mac enrolled but the profile not approved',
      {
        vendor: 'internal',
        enrollmentType: 'device',
        dep: false,
        userApproved: false,
      },
      'fail',
    ],
    [
      'Mac managed by another MDM',
      { vendor: 'external', userApproved: true },
      'pass',
    ],
    ['Mac without MDM', { vendor: 'none' }, 'fail'],
    [
      'Mac JumpCloud knows nothing about',
      { vendor: 'unknown', enrollmentType: 'unknown' },
      'unknown',
    ],
  ])('%s', (_case, mdm, expected) => {
    const result = evaluateCheck('DEV-13', s => {
      s.systems[0].mdm = mdm;
    });
    expect(result.status).toBe(expected);
  });

  it('passes a Windows device enrolled in JumpCloud MDM (approval is a macOS notion)', () => {
    const result = evaluateCheck('DEV-13', s => {
      s.systems = [
        windowsDevice({
          mdm: {
            vendor: 'internal',
            enrollmentType: 'device',
            dep: false,
            userApproved: false,
          },
        }),
      ];
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable on Linux', () => {
    const result = evaluateCheck('DEV-13', s => {
      s.systems = [linuxDevice()];
    });
    expect(result.status).toBe('not_applicable');
  });
});

describe('DEV-14 reads systemInsights.state and the agent version', () => {
  it.each(['disabled', 'deferred'])('fails System Insights %s', state => {
    const result = evaluateCheck('DEV-14', s => {
      s.systems[0].systemInsights = { state };
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe(`System Insights is ${state}`);
  });

  it('fails an agent older than the organisation’s, comparing numerically', () => {
    const result = evaluateCheck('DEV-14', s => {
      s.systems[0].agentVersion = '1.180.0';
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('Agent 1.180.0 is older than 2.0.0');
  });

  it('passes 2.10.0 against 2.9.0 (not a string comparison)', () => {
    const result = evaluateCheck('DEV-14', s => {
      s.systems[0].agentVersion = '2.10.0';
      s.organization!.settings!.agentVersion = '2.9.0';
    });
    expect(result.status).toBe('pass');
  });

  it('fails a Mac agent without Full Disk Access, not a Windows one', () => {
    const mac = evaluateCheck('DEV-14', s => {
      s.systems[0].agentHasFullDiskAccess = false;
    });
    expect(mac.status).toBe('fail');
    const windows = evaluateCheck('DEV-14', s => {
      s.systems = [windowsDevice({ agentHasFullDiskAccess: false })];
    });
    expect(windows.status).toBe('pass');
  });

  it('is unknown when v1 sends no systemInsights object', () => {
    const result = evaluateCheck('DEV-14', s => {
      delete s.systems[0].systemInsights;
    });
    expect(result.status).toBe('unknown');
  });
});
