import {
  macApps,
  onlyWindowsDevice,
  setRows,
  windowsPrograms,
} from '../__fixtures__/deviceRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { linuxDevice } from '../__fixtures__/snapshot';

// DEV-09 and DEV-21 over realistic inventories: a Mac's `apps` lists 100-300
// bundles named `Name.app`, Windows `programs` the Add/Remove Programs names.

describe('DEV-09 finds a password manager in a full inventory', () => {
  it('passes a Mac with 1Password among its apps', () => {
    const result = evaluateCheck('DEV-09', s =>
      setRows(s, 'apps', 'mac1', macApps(['1Password 7.app'])),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toBe('Password manager installed: 1Password 7.app');
  });

  it('fails a Mac without one, naming the allow-list', () => {
    const result = evaluateCheck('DEV-09', s =>
      setRows(s, 'apps', 'mac1', macApps()),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence.allowList).toContain('1Password');
  });

  it('passes Windows with Bitwarden in programs', () => {
    const result = evaluateCheck('DEV-09', s => {
      onlyWindowsDevice(s);
      setRows(s, 'programs', 'win1', windowsPrograms(['Bitwarden 2024.11.1']));
    });
    expect(result.status).toBe('pass');
  });

  it('is unknown on Linux: no package inventory is collected', () => {
    const result = evaluateCheck('DEV-09', s => {
      s.systems = [linuxDevice()];
    });
    expect(result.status).toBe('unknown');
  });

  it('is unknown when the apps table was not collected', () => {
    const result = evaluateCheck('DEV-09', s => {
      delete s.systemInsights.apps;
    });
    expect(result.status).toBe('unknown');
    expect(result.message).toBe('System Insights table apps was not collected');
  });
});

describe('DEV-21 finds prohibited software in a full inventory', () => {
  it('fails Windows with µTorrent under its own name', () => {
    const result = evaluateCheck('DEV-21', s => {
      onlyWindowsDevice(s);
      setRows(s, 'programs', 'win1', windowsPrograms(['µTorrent']));
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ found: ['µTorrent'] });
  });

  it('fails a Mac with uTorrent Web among 140 apps', () => {
    const result = evaluateCheck('DEV-21', s =>
      setRows(s, 'apps', 'mac1', macApps(['uTorrent Web.app'])),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ found: ['uTorrent Web.app'] });
  });

  it('passes a clean Mac', () => {
    const result = evaluateCheck('DEV-21', s =>
      setRows(s, 'apps', 'mac1', macApps()),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toBe('No prohibited software found');
  });

  it('is unknown on a Mac whose System Insights is disabled', () => {
    const result = evaluateCheck('DEV-21', s => {
      s.systems[0].systemInsights = { state: 'disabled' };
    });
    expect(result.status).toBe('unknown');
  });
});
