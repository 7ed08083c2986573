import type { JcSystem } from './objects';

/**
 * The operating-system family of a device, named as JumpCloud's `osFamily`
 * field names them (`darwin` for macOS), plus `other`.
 *
 * Every JumpCloud plugin classifies devices with {@link jumpcloudOsFamily};
 * a consumer that shows or stores other words (checks say `macos`, the stored
 * assets have no mobile families) maps from this one classification.
 *
 * @public
 */
export type JcOsFamily =
  | 'darwin'
  | 'windows'
  | 'linux'
  | 'ios'
  | 'android'
  | 'other';

// In this order: the first that matches wins.
const PATTERNS: ReadonlyArray<[JcOsFamily, RegExp]> = [
  // 'Mac OS X', 'macOS', 'darwin', 'OSX'
  ['darwin', /darwin|\bmac|\bos ?x\b/],
  ['windows', /windows/],
  // 'iOS', 'iPadOS'
  ['ios', /\bi(?:pad)?os/],
  ['android', /android/],
  [
    'linux',
    /linux|ubuntu|debian|centos|red ?hat|rhel|fedora|amazon|suse|rocky|alma|\bmint\b|\barch\b/,
  ],
];

function classify(text: string | null | undefined): JcOsFamily | undefined {
  const lower = text?.toLowerCase();
  if (!lower) return undefined;
  return PATTERNS.find(([, pattern]) => pattern.test(lower))?.[0];
}

/**
 * The OS family of a device. JumpCloud sends `osFamily` on newer agents only
 * and just the `os` name (`Mac OS X`, `Windows`, `Ubuntu` …) on older ones:
 * `osFamily` decides when it is recognised, else `os`, else `other`.
 *
 * @public
 */
export function jumpcloudOsFamily(
  device: Pick<JcSystem, 'os' | 'osFamily'>,
): JcOsFamily {
  return classify(device.osFamily) ?? classify(device.os) ?? 'other';
}
