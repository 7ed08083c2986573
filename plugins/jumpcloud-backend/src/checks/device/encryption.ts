import { deviceCheck } from '../checkBuilders';
import {
  fail,
  insights,
  isOn,
  notApplicable,
  osFamilyOf,
  pass,
  refs,
  unknown,
} from '../helpers';
import type { Decision, OsFamily } from '../helpers';
import type { JcSystem } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BuiltInCheckContext } from '../types';

function fromInsights(
  system: JcSystem,
  ctx: BuiltInCheckContext,
  family: OsFamily,
): Decision | undefined {
  if (family === 'windows') {
    const data = insights(system, 'bitlocker_info', ctx);
    if ('gap' in data) return undefined;
    const c =
      data.rows.find(
        r => String(r.drive_letter ?? '').toUpperCase() === 'C:',
      ) ?? data.rows[0];
    const evidence = {
      drive_letter: c.drive_letter,
      protection_status: c.protection_status,
      percentage_encrypted: c.percentage_encrypted,
      conversion_status: c.conversion_status,
    };
    const percent = Number(c.percentage_encrypted ?? 0);
    // WMI ProtectionStatus: 0 off, 1 on, 2 unknown (e.g. the volume is locked).
    if (Number(c.protection_status) === 2)
      return unknown(
        'BitLocker reports the protection status as unknown',
        evidence,
      );
    if (isOn(c.protection_status) && percent >= 100)
      return pass('BitLocker protects the system drive', evidence);
    if (percent >= 100)
      return fail(
        'The system drive is fully encrypted but BitLocker protection is off',
        evidence,
      );
    if (percent > 0)
      return unknown(`BitLocker is still encrypting (${percent} %)`, evidence);
    return fail('BitLocker is off on the system drive', evidence);
  }
  // One row per volume: a Mac lists System, Data, Preboot, Recovery, VM...
  // FileVault (or LUKS) encrypts the system and data volumes, never the
  // support volumes, so one encrypted volume is the signal.
  const data = insights(system, 'disk_encryption', ctx);
  if ('gap' in data) return undefined;
  const volumes = data.rows.map(r => ({
    name: r.name ?? null,
    encrypted: r.encrypted ?? null,
    encryption_status: r.encryption_status ?? null,
  }));
  const encrypted = data.rows.filter(
    r => isOn(r.encrypted) || r.encryption_status === 'encrypted',
  );
  if (encrypted.length)
    return pass(
      `${encrypted.length} of ${data.rows.length} volumes are encrypted`,
      { encrypted: encrypted.map(r => r.name ?? null) },
    );
  // osquery's statuses: encrypted, not encrypted, undefined.
  if (data.rows.every(r => r.encryption_status === 'undefined'))
    return unknown('The encryption status of every volume is undefined', {
      volumes,
    });
  return fail('No encrypted volume reported', { volumes });
}

export const fullDiskEncryption = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-01',
    title: 'Full-disk encryption on',
    severity: 'high',
    description:
      'The system disk is encrypted (FileVault, BitLocker or LUKS), so a lost or stolen device does not expose data. JumpCloud\'s FDE flag is confirmed by System Insights; "fully encrypted but protection off" fails and "still encrypting" is unknown.',
    remediation:
      'Bind the JumpCloud FileVault/BitLocker policy to the device (or its device group) and make sure it succeeds; on Linux encrypt at install time with LUKS.',
    fields: [
      'systems.fde.active',
      'systeminsights.disk_encryption.encrypted',
      'systeminsights.disk_encryption.encryption_status',
      'systeminsights.bitlocker_info.drive_letter',
      'systeminsights.bitlocker_info.protection_status',
      'systeminsights.bitlocker_info.percentage_encrypted',
    ],
    frameworks: refs(
      ['CC6.1', 'CC6.7'],
      ['A.8.1', 'A.8.24'],
      ['3.6'],
      ['SC-28(1)', 'AC-19(5)'],
    ),
  },
  decide(system, ctx) {
    // System Insights is the finer signal (protection state, conversion), so it decides when present.
    const fromSi = fromInsights(system, ctx, osFamilyOf(system));
    if (fromSi) return fromSi;
    if (system.fde?.active === true)
      return pass('JumpCloud reports full-disk encryption on', {
        'fde.active': true,
      });
    if (system.fde?.active === false)
      return fail('JumpCloud reports full-disk encryption off', {
        'fde.active': false,
      });
    return unknown(
      'No encryption signal: fde is missing and System Insights has no encryption data',
    );
  },
});

export const recoveryKeyEscrowed = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-02',
    title: 'Recovery key escrowed',
    severity: 'medium',
    description:
      'The disk-encryption recovery key is stored in JumpCloud, so IT can unlock the device of a departed or locked-out user.',
    remediation:
      'Re-run the JumpCloud FileVault/BitLocker policy so the agent escrows the recovery key (FileVault needs a Secure Token on the JumpCloud service account).',
    fields: ['systems.fde.active', 'systems.fde.keyPresent'],
    frameworks: refs(['CC6.1'], ['A.8.24'], ['3.6~'], ['SC-12']),
  },
  decide(system) {
    const fde = system.fde;
    if (!fde || fde.active === undefined)
      return unknown('JumpCloud did not report the FDE state');
    if (!fde.active)
      return notApplicable('Full-disk encryption is off (see DEV-01)', {
        'fde.active': false,
      });
    if (fde.keyPresent === true)
      return pass('The recovery key is escrowed in JumpCloud', {
        'fde.keyPresent': true,
      });
    if (fde.keyPresent === false)
      return fail('The disk is encrypted but JumpCloud holds no recovery key', {
        'fde.keyPresent': false,
      });
    return unknown(
      'JumpCloud did not report whether a recovery key is present',
    );
  },
});
