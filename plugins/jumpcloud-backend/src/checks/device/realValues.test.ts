import {
  macVolumes,
  setRows as rows,
  sipRows,
} from '../__fixtures__/deviceRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { windowsDevice, windowsInsights } from '../__fixtures__/snapshot';

// Device checks over the values System Insights really returns: osquery's
// tables, one row per flag, per volume, per account.

describe('DEV-18 reads sip_config as osquery defines it', () => {
  it('passes a healthy Mac: sip 1, every allow_* 0', () => {
    const result = evaluateCheck('DEV-18', s =>
      rows(s, 'sip_config', 'mac1', sipRows(1)),
    );
    expect(result.status).toBe('pass');
  });

  it('fails a Mac with SIP disabled and names what `csrutil disable` relaxed', () => {
    const result = evaluateCheck('DEV-18', s =>
      rows(
        s,
        'sip_config',
        'mac1',
        sipRows(0, ['allow_untrusted_kexts', 'allow_unrestricted_fs']),
      ),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('disabled');
    expect(result.message).toContain('allow_unrestricted_fs');
    expect(result.evidence).toEqual({
      sip: 0,
      relaxed: ['allow_untrusted_kexts', 'allow_unrestricted_fs'],
    });
  });

  it('fails a Mac with SIP on but one protection relaxed, naming the flag', () => {
    const result = evaluateCheck('DEV-18', s =>
      rows(s, 'sip_config', 'mac1', sipRows(1, ['allow_untrusted_kexts'])),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'System Integrity Protection is relaxed: allow_untrusted_kexts',
    );
    expect(result.evidence.relaxed).toEqual(['allow_untrusted_kexts']);
  });

  it('is unknown when osquery sent flags but no sip row', () => {
    const result = evaluateCheck('DEV-18', s =>
      rows(s, 'sip_config', 'mac1', sipRows(1).slice(1)),
    );
    expect(result.status).toBe('unknown');
  });

  it('fails Windows firmware in Secure Boot setup mode', () => {
    const result = evaluateCheck('DEV-18', s => {
      s.systems = [windowsDevice()];
      s.systemInsights = windowsInsights();
      rows(s, 'secureboot', 'win1', [{ secure_boot: 1, setup_mode: 1 }]);
    });
    expect(result.status).toBe('fail');
    expect(result.message).toContain('setup mode');
  });
});

describe('DEV-01 reads one disk_encryption row per volume', () => {
  it('passes a FileVault Mac although Preboot, Recovery and VM are not encrypted', () => {
    const result = evaluateCheck('DEV-01', s =>
      rows(s, 'disk_encryption', 'mac1', macVolumes(true)),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toBe('2 of 6 volumes are encrypted');
  });

  it('fails a Mac whose volumes are all "not encrypted" or "undefined"', () => {
    const result = evaluateCheck('DEV-01', s =>
      rows(s, 'disk_encryption', 'mac1', macVolumes(false)),
    );
    expect(result.status).toBe('fail');
  });

  it('is unknown when every status is "undefined"', () => {
    const result = evaluateCheck('DEV-01', s =>
      rows(
        s,
        'disk_encryption',
        'mac1',
        macVolumes(false).filter(v => v.encryption_status === 'undefined'),
      ),
    );
    expect(result.status).toBe('unknown');
  });

  it('is unknown when BitLocker reports protection status 2 (unknown)', () => {
    const result = evaluateCheck('DEV-01', s => {
      s.systems = [windowsDevice()];
      s.systemInsights = windowsInsights();
      rows(s, 'bitlocker_info', 'win1', [
        {
          drive_letter: 'C:',
          protection_status: 2,
          conversion_status: 1,
          percentage_encrypted: 100,
        },
      ]);
    });
    expect(result.status).toBe('unknown');
  });
});

describe('DEV-04 on macOS 15 with an osquery older than 5.14', () => {
  it('is unknown, naming osquery#8395, when alf has no rows and no firewall policy applies', () => {
    const result = evaluateCheck('DEV-04', s => {
      s.systems[0].agentVersion = '2.9.1';
      s.systemInsights.alf = [];
      s.policyStatuses = s.policyStatuses.filter(st => st.policyID !== 'p3');
    });
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('osquery#8395');
  });
});

describe('DEV-15 reads JumpCloud’s System Insights users', () => {
  const users = (ownerAdmin: boolean) => [
    { username: 'root', uid: '0', admin: true, real_user: false },
    { username: 'alice', uid: '501', admin: ownerAdmin, real_user: true },
  ];

  it('does not count root, a system account, as a local admin', () => {
    const result = evaluateCheck('DEV-15', s => {
      s.systems[0].userMetrics = [];
      rows(s, 'users', 'mac1', users(false));
    });
    expect(result.status).toBe('pass');
  });

  it('fails when the everyday account is an admin', () => {
    const result = evaluateCheck('DEV-15', s => {
      s.systems[0].userMetrics = [];
      rows(s, 'users', 'mac1', users(true));
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ admins: ['alice'] });
  });
});

describe('DEV-11 reads the shared-device mark from custom attributes', () => {
  it('passes an unbound device whose attribute says it is shared; tag ids mean nothing', () => {
    const result = evaluateCheck('DEV-11', s => {
      s.userSystemBindings = [];
      s.systems[0].tags = ['5f0c1b2a3d4e5f6a7b8c9d0e'];
      s.systems[0].attributes = [{ name: 'usage', value: 'shared' }];
    });
    expect(result.status).toBe('pass');
  });

  it('fails an unbound device carrying only legacy tag ids', () => {
    const result = evaluateCheck('DEV-11', s => {
      s.userSystemBindings = [];
      s.systems[0].tags = ['5f0c1b2a3d4e5f6a7b8c9d0e'];
    });
    expect(result.status).toBe('fail');
  });
});

describe('DEV-16 reads sshd PermitRootLogin values', () => {
  it.each(['prohibit-password', 'without-password', 'forced-commands-only'])(
    'fails PermitRootLogin %s: root can still log in with a key',
    value => {
      const result = evaluateCheck('DEV-16', s => {
        s.systems[0].sshdParams = [{ name: 'PermitRootLogin', value }];
      });
      expect(result.status).toBe('fail');
    },
  );

  it('passes PermitRootLogin no', () => {
    const result = evaluateCheck('DEV-16', s => {
      s.systems[0].sshdParams = [
        { name: 'PermitRootLogin', value: 'no' },
        { name: 'PasswordAuthentication', value: 'no' },
      ];
    });
    expect(result.status).toBe('pass');
  });
});
