import type { JcSystem } from '@backstage-jumpcloud/plugin-jumpcloud-node';

/** OS families as the JumpCloud assets API names them, plus mobile ones. */
export type OsFamily =
  | 'darwin'
  | 'windows'
  | 'linux'
  | 'ios'
  | 'android'
  | 'other';

const LINUX_HINTS =
  /linux|ubuntu|debian|centos|red ?hat|rhel|fedora|amazon|suse|rocky|alma|mint|arch/;

/** JumpCloud sends `osFamily` on newer agents only; older ones just `os`. */
export function deviceOsFamily(
  device: Pick<JcSystem, 'os' | 'osFamily'>,
): OsFamily {
  const family = (device.osFamily ?? '').toLowerCase();
  const os = (device.os ?? '').toLowerCase();
  const text = `${family} ${os}`;
  if (/darwin|mac ?os|os ?x/.test(text)) return 'darwin';
  if (/windows/.test(text)) return 'windows';
  if (/ipados|\bios\b/.test(text)) return 'ios';
  if (/android/.test(text)) return 'android';
  if (LINUX_HINTS.test(text)) return 'linux';
  return 'other';
}

/** The tag an engineer would search for. */
export function osFamilyTag(family: OsFamily): string {
  return family === 'darwin' ? 'macos' : family;
}
