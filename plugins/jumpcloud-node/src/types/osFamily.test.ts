import { jumpcloudOsFamily } from './osFamily';

describe('jumpcloudOsFamily', () => {
  it.each([
    // macOS: the v1 `os` name, newer names and JumpCloud's `osFamily`
    ['Mac OS X', 'darwin'],
    ['macOS', 'darwin'],
    ['macOS 14 Sonoma', 'darwin'],
    ['OS X', 'darwin'],
    ['OSX', 'darwin'],
    ['Macintosh', 'darwin'],
    ['darwin', 'darwin'],
    // Windows
    ['Windows', 'windows'],
    ['windows', 'windows'],
    ['Windows 11 Pro', 'windows'],
    ['Microsoft Windows Server 2022', 'windows'],
    // Linux and its distributions
    ['linux', 'linux'],
    ['Ubuntu', 'linux'],
    ['Ubuntu 22.04.3 LTS', 'linux'],
    ['CentOS Linux', 'linux'],
    ['CentOS', 'linux'],
    ['Red Hat Enterprise Linux', 'linux'],
    ['RedHat', 'linux'],
    ['RHEL', 'linux'],
    ['Debian GNU/Linux', 'linux'],
    ['Debian', 'linux'],
    ['Amazon Linux', 'linux'],
    ['Amazon', 'linux'],
    ['Fedora', 'linux'],
    ['openSUSE Leap', 'linux'],
    ['SUSE', 'linux'],
    ['Rocky', 'linux'],
    ['Rocky Linux', 'linux'],
    ['AlmaLinux', 'linux'],
    ['Linux Mint', 'linux'],
    ['Mint', 'linux'],
    ['Arch', 'linux'],
    // mobile
    ['iOS', 'ios'],
    ['ios', 'ios'],
    ['iOS 17.2', 'ios'],
    ['iPadOS', 'ios'],
    ['ipados', 'ios'],
    ['Android', 'android'],
    ['android', 'android'],
    // unknown
    ['FreeBSD', 'other'],
    ['ChromeOS', 'other'],
    ['BIOS', 'other'],
    ['', 'other'],
  ])('classifies os %j as %s', (os, family) => {
    expect(jumpcloudOsFamily({ os })).toBe(family);
    // the same word in `osFamily` alone classifies the same
    expect(jumpcloudOsFamily({ osFamily: os, os: null })).toBe(family);
  });

  it('is other without any OS field', () => {
    expect(jumpcloudOsFamily({})).toBe('other');
    expect(jumpcloudOsFamily({ os: null, osFamily: null })).toBe('other');
  });

  it('lets a recognised osFamily decide over the os name', () => {
    expect(jumpcloudOsFamily({ osFamily: 'darwin', os: 'Mac OS X' })).toBe(
      'darwin',
    );
    expect(jumpcloudOsFamily({ osFamily: 'ios', os: 'iPadOS' })).toBe('ios');
    expect(jumpcloudOsFamily({ osFamily: 'linux', os: 'Windows' })).toBe(
      'linux',
    );
  });

  it('falls back to the os name when osFamily is unknown', () => {
    expect(jumpcloudOsFamily({ osFamily: 'unix', os: 'Ubuntu' })).toBe('linux');
    expect(jumpcloudOsFamily({ osFamily: '', os: 'Windows' })).toBe('windows');
  });
});
