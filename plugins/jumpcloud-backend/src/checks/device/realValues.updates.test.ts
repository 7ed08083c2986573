import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DateTime } from 'luxon';
import {
  hotfix,
  managedPolicies,
  onlyWindowsDevice,
  securityCenter,
  setRows,
  windowsOsVersion,
} from '../__fixtures__/deviceRows';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo, linuxDevice } from '../__fixtures__/snapshot';

// DEV-06, DEV-07 and DEV-08 over real values: v1 osVersionDetail strings and
// numbers, osquery os_version (Windows keeps the build in `build`), WMI hotfix
// dates, Directory Insights OS-upgrade events, SoftwareUpdate payload text.

const usDate = (days: number) =>
  DateTime.fromISO(daysAgo(days)).toFormat('M/d/yyyy');

describe('DEV-06 reads the OS version from v1 osVersionDetail or os_version', () => {
  it.each([
    ['22631', 'pass'],
    ['19045', 'pass'],
    ['19044', 'fail'],
  ])(
    'Windows without version detail, os_version build %s: %s against 10.0.19045',
    (build, expected) => {
      const result = evaluateCheck('DEV-06', s => {
        onlyWindowsDevice(s);
        delete s.systems[0].osVersionDetail;
        setRows(s, 'os_version', 'win1', [windowsOsVersion(build)]);
      });
      expect(result.status).toBe(expected);
    },
  );

  it('fails a Mac whose version detail comes as strings only, with the version read', () => {
    const result = evaluateCheck('DEV-06', s => {
      s.systems[0].osVersionDetail = {
        osName: 'Mac OS X',
        major: '13',
        minor: '6',
        patch: '7',
      };
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({
      os: 'Mac OS X',
      version: '13.6.7',
      baseline: '14.0',
      baselineKey: 'macos',
    });
  });

  it('matches Ubuntu by distribution name: 20.04 is below 22.04', () => {
    const result = evaluateCheck('DEV-06', s => {
      s.systems = [
        linuxDevice({
          osVersionDetail: {
            osName: 'Ubuntu',
            distributionName: 'Ubuntu',
            major: '20',
            minor: '04',
            patch: '6',
          },
        }),
      ];
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.baselineKey).toBe('ubuntu');
  });

  it('is not applicable to a distribution without a baseline', () => {
    const result = evaluateCheck('DEV-06', s => {
      s.systems = [
        linuxDevice({
          os: 'Rocky Linux',
          osVersionDetail: { osName: 'Rocky Linux', majorNumber: 9 },
        }),
      ];
    });
    expect(result.status).toBe('not_applicable');
  });

  it('is unknown when neither source has a version', () => {
    const result = evaluateCheck('DEV-06', s => {
      delete s.systems[0].osVersionDetail;
    });
    expect(result.status).toBe('unknown');
  });
});

describe('DEV-07 reads WMI hotfix dates and Directory Insights upgrade events', () => {
  const hotfixes =
    (list: Array<Record<string, unknown>>) => (s: OrgSnapshot) => {
      onlyWindowsDevice(s);
      setRows(s, 'patches', 'win1', list);
    };

  it('passes when the newest of several KBs is recent, in either date format', () => {
    const recentCompact = DateTime.fromISO(daysAgo(12)).toFormat('yyyyMMdd');
    const result = evaluateCheck(
      'DEV-07',
      hotfixes([
        hotfix('KB5034441', usDate(300)),
        hotfix('KB5048685', recentCompact),
        hotfix('KB5011048', ''),
      ]),
    );
    expect(result.status).toBe('pass');
  });

  it('fails when the newest KB is older than patchMaxAgeDays, with its date', () => {
    const result = evaluateCheck(
      'DEV-07',
      hotfixes([
        hotfix('KB5034441', usDate(90)),
        hotfix('KB5041580', usDate(60)),
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({
      newestInstalledOn: DateTime.fromISO(daysAgo(60)).toISODate(),
      maxAgeDays: 35,
    });
  });

  it('is unknown when no installed_on is readable (empty, FILETIME hex)', () => {
    const result = evaluateCheck(
      'DEV-07',
      hotfixes([
        hotfix('KB2693643', ''),
        hotfix('KB976902', '01d2c9a4b6e0f000'),
      ]),
    );
    expect(result.status).toBe('unknown');
  });

  it('fails a Mac without an OS update in 35 days of Directory Insights that cover them', () => {
    const result = evaluateCheck('DEV-07', s => {
      s.directoryEvents = s.directoryEvents.filter(
        e => e.event_type !== 'os_minor_upgrade',
      );
    });
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual({ lastUpdate: null });
  });

  it('is unknown when Directory Insights holds less than the window', () => {
    const result = evaluateCheck('DEV-07', s => {
      s.directoryEvents = [];
    });
    expect(result.status).toBe('unknown');
  });
});

describe('DEV-08 reads the SoftwareUpdate payload and Security Center autoupdate', () => {
  const macSettings =
    (settings: Record<string, string>) => (s: OrgSnapshot) => {
      s.policyStatuses = s.policyStatuses.filter(st => st.policyID !== 'p4');
      setRows(s, 'managed_policies', 'mac1', [
        ...managedPolicies('com.apple.screensaver', { idleTime: '600' }),
        ...managedPolicies('com.apple.SoftwareUpdate', settings),
      ]);
    };

  it('passes a profile that checks and installs automatically', () => {
    const result = evaluateCheck(
      'DEV-08',
      macSettings({
        AutomaticCheckEnabled: 'true',
        AutomaticDownload: 'true',
        AutomaticallyInstallMacOSUpdates: 'true',
      }),
    );
    expect(result.status).toBe('pass');
  });

  it('fails a profile that checks but never installs, naming the key', () => {
    const result = evaluateCheck(
      'DEV-08',
      macSettings({
        AutomaticCheckEnabled: 'true',
        AutomaticallyInstallMacOSUpdates: 'false',
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'macOS automatic updates are off (AutomaticallyInstallMacOSUpdates)',
    );
  });

  it('fails a Mac without a SoftwareUpdate payload or update policy', () => {
    const result = evaluateCheck('DEV-08', macSettings({}));
    expect(result.status).toBe('fail');
  });

  it('lets a failing bound update policy decide first', () => {
    const result = evaluateCheck('DEV-08', s => {
      const status = s.policyStatuses.find(st => st.policyID === 'p4')!;
      status.success = false;
      status.state = 'failed';
    });
    expect(result.status).toBe('fail');
  });

  it.each([
    ['Good', 'pass'],
    ['Poor', 'fail'],
    ['Snoozed', 'fail'],
    ['Not Monitored', 'unknown'],
  ])('Windows autoupdate %s gives %s', (health, expected) => {
    const result = evaluateCheck('DEV-08', s => {
      onlyWindowsDevice(s);
      setRows(s, 'windows_security_center', 'win1', [
        securityCenter({ autoupdate: health }),
      ]);
    });
    expect(result.status).toBe(expected);
  });

  it('is unknown on Linux without an update policy', () => {
    const result = evaluateCheck('DEV-08', s => {
      s.systems = [linuxDevice()];
    });
    expect(result.status).toBe('unknown');
  });
});
