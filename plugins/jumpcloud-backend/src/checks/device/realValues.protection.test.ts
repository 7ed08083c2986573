import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  macApps,
  managedPolicies,
  onlyLinuxDevice,
  onlyWindowsDevice,
  securityCenter,
  securityProduct,
  setRows,
} from '../__fixtures__/deviceRows';
import { evaluateCheck } from '../__fixtures__/evaluate';

// DEV-03, DEV-04, DEV-05 and DEV-18 over real values: osquery's
// managed_policies text values, Security Center health words, registered
// security products, alf and secureboot integers.

describe('DEV-03 reads the screensaver payload of managed_policies', () => {
  const screensaver = (settings: Record<string, string>) => (s: OrgSnapshot) =>
    setRows(s, 'managed_policies', 'mac1', [
      ...managedPolicies('com.apple.screensaver', settings),
      ...managedPolicies('com.apple.SoftwareUpdate', {
        AutomaticCheckEnabled: 'true',
      }),
    ]);

  it('passes plist booleans as osquery writes them ("true")', () => {
    const result = evaluateCheck(
      'DEV-03',
      screensaver({
        idleTime: '600',
        askForPassword: 'true',
        askForPasswordDelay: '0',
      }),
    );
    expect(result.status).toBe('pass');
  });

  it('fails askForPassword "false", with the values read', () => {
    const result = evaluateCheck(
      'DEV-03',
      screensaver({ idleTime: '300', askForPassword: 'false' }),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({
      idleTime: '300',
      askForPassword: 'false',
      askForPasswordDelay: null,
      limitSeconds: 900,
    });
  });

  it.each([
    [{ idleTime: '1800', askForPassword: '1' }, 'exceeds 900 s'],
    [
      { idleTime: '600', askForPassword: '1', askForPasswordDelay: '60' },
      'only 60 s after',
    ],
  ])('fails %j', (settings, message) => {
    const result = evaluateCheck('DEV-03', screensaver(settings));
    expect(result.status).toBe('fail');
    expect(result.message).toContain(message);
  });

  it('falls back on the bound lock-screen policy without a screensaver payload', () => {
    const result = evaluateCheck('DEV-03', s => {
      setRows(
        s,
        'managed_policies',
        'mac1',
        managedPolicies('com.apple.dock', { autohide: 'true' }),
      );
      s.policyStatuses.find(st => st.policyID === 'p2')!.success = false;
      s.policyStatuses.find(st => st.policyID === 'p2')!.state = 'failed';
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'The lock-screen policy is bound but not succeeding',
    );
  });

  it('is unknown on Windows without a lock-screen policy (no local setting is collected)', () => {
    expect(evaluateCheck('DEV-03', onlyWindowsDevice).status).toBe('unknown');
  });
});

describe('DEV-04 reads alf.global_state and Security Center firewall health', () => {
  it.each([
    [0, 'fail'],
    [1, 'pass'],
    [2, 'pass'],
  ])('macOS global_state %i gives %s', (state, expected) => {
    const result = evaluateCheck('DEV-04', s =>
      setRows(s, 'alf', 'mac1', [
        {
          global_state: state,
          stealth_enabled: 0,
          logging_enabled: 1,
          logging_option: 0,
          allow_signed_enabled: 1,
          firewall_unload: 0,
          version: '1.6',
        },
      ]),
    );
    expect(result.status).toBe(expected);
  });

  it('is unknown when alf sends global_state null', () => {
    const result = evaluateCheck('DEV-04', s =>
      setRows(s, 'alf', 'mac1', [{ global_state: null, version: '1.6' }]),
    );
    expect(result.status).toBe('unknown');
  });

  it.each([
    ['Good', 'pass'],
    ['Poor', 'fail'],
    ['Snoozed', 'fail'],
    ['Not Monitored', 'unknown'],
    ['Error', 'unknown'],
  ])('Windows firewall %s gives %s', (health, expected) => {
    const result = evaluateCheck('DEV-04', s => {
      onlyWindowsDevice(s);
      setRows(s, 'windows_security_center', 'win1', [
        securityCenter({ firewall: health }),
      ]);
    });
    expect(result.status).toBe(expected);
  });

  it('is unknown on Linux without a firewall policy', () => {
    const result = evaluateCheck('DEV-04', onlyLinuxDevice);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('Linux firewall state is not reported');
  });
});

describe('DEV-05 reads windows_security_products and the macOS apps list', () => {
  const products =
    (list: Array<Record<string, unknown>>) => (s: OrgSnapshot) => {
      onlyWindowsDevice(s);
      setRows(s, 'windows_security_products', 'win1', list);
    };

  it('passes a third-party antivirus on while Defender is off (passive)', () => {
    const result = evaluateCheck(
      'DEV-05',
      products([
        securityProduct('Firewall', 'Windows Firewall', 'On', 0),
        securityProduct('Antivirus', 'Windows Defender', 'Off', 1),
        securityProduct('Antivirus', 'CrowdStrike Falcon Sensor', 'On', 1),
      ]),
    );
    expect(result.status).toBe('pass');
  });

  it('fails Defender on with out-of-date signatures', () => {
    const result = evaluateCheck(
      'DEV-05',
      products([securityProduct('Antivirus', 'Windows Defender', 'On', 0)]),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence.antivirus).toEqual([
      { name: 'Windows Defender', state: 'On', signatures_up_to_date: 0 },
    ]);
  });

  it('fails when only a firewall product is registered', () => {
    const result = evaluateCheck(
      'DEV-05',
      products([securityProduct('Firewall', 'Windows Firewall', 'On', 0)]),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe('No antivirus product is on');
  });

  it('reads Security Center antivirus health where products are not returned (Windows Server)', () => {
    const result = evaluateCheck('DEV-05', s => {
      onlyWindowsDevice(s);
      delete s.systemInsights.windows_security_products;
      setRows(s, 'windows_security_center', 'win1', [
        securityCenter({ antivirus: 'Poor' }),
      ]);
    });
    expect(result.status).toBe('fail');
  });

  it('finds Falcon.app among a Mac’s 140 apps, and fails a Mac without an EDR', () => {
    const withEdr = evaluateCheck('DEV-05', s =>
      setRows(s, 'apps', 'mac1', macApps(['Falcon.app'])),
    );
    expect(withEdr.status).toBe('pass');
    const without = evaluateCheck('DEV-05', s =>
      setRows(s, 'apps', 'mac1', macApps()),
    );
    expect(without.status).toBe('fail');
  });

  it('is unknown on Linux (no package inventory collected)', () => {
    expect(evaluateCheck('DEV-05', onlyLinuxDevice).status).toBe('unknown');
  });
});

describe('DEV-18 reads secureboot and UAC health', () => {
  it('passes Linux with Secure Boot on and setup mode off', () => {
    const result = evaluateCheck('DEV-18', s => {
      onlyLinuxDevice(s);
      setRows(s, 'secureboot', 'lin1', [{ secure_boot: 1, setup_mode: 0 }]);
    });
    expect(result.status).toBe('pass');
  });

  it('fails Secure Boot off, with the value read', () => {
    const result = evaluateCheck('DEV-18', s => {
      onlyLinuxDevice(s);
      setRows(s, 'secureboot', 'lin1', [{ secure_boot: 0, setup_mode: 0 }]);
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ secure_boot: 0 });
  });

  it.each([
    ['Windows, -1 (EFI variable unreadable)', -1],
    ['Linux, no column (efivars not mounted)', null],
  ])(
    'is unknown, not failed, when osquery could not read it: %s',
    (_case, value) => {
      const result = evaluateCheck('DEV-18', s => {
        onlyLinuxDevice(s);
        setRows(s, 'secureboot', 'lin1', [
          { secure_boot: value, setup_mode: value },
        ]);
      });
      expect(result.status).toBe('unknown');
      expect(result.evidence).toEqual({ secure_boot: value });
    },
  );

  it('is unknown on Linux when secureboot returned no rows (BIOS boot, no EFI variables)', () => {
    const result = evaluateCheck('DEV-18', s => {
      onlyLinuxDevice(s);
      setRows(s, 'secureboot', 'lin1', []);
    });
    expect(result.status).toBe('unknown');
  });

  it.each([
    ['Good', 'pass'],
    ['Poor', 'fail'],
    ['Not Monitored', 'unknown'],
  ])('Windows UAC %s gives %s', (health, expected) => {
    const result = evaluateCheck('DEV-18', s => {
      onlyWindowsDevice(s);
      setRows(s, 'windows_security_center', 'win1', [
        securityCenter({ user_account_control: health }),
      ]);
    });
    expect(result.status).toBe(expected);
  });

  it('is unknown on a Mac whose System Insights is deferred', () => {
    const result = evaluateCheck('DEV-18', s => {
      s.systems[0].systemInsights = { state: 'deferred' };
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence).toEqual({ 'systemInsights.state': 'deferred' });
  });
});
