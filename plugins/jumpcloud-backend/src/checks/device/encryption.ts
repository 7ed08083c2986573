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
import type {
  JcSystem,
  JcSystemInsightsRow,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BuiltInCheckContext } from '../types';

/**
 * WMI Win32_EncryptableVolume: ProtectionStatus 0 off, 1 on, 2 unknown (e.g.
 * a locked volume); ConversionStatus 0 fully decrypted, 1 fully encrypted,
 * 2 encrypting, 3 decrypting, 4 encryption paused, 5 decryption paused.
 * Agents before percentage_encrypted existed send it null: the conversion
 * status then says whether the drive is fully encrypted.
 */
function bitlockerDecision(
  c: JcSystemInsightsRow,
  evidence: Record<string, unknown>,
): Decision {
  const reported =
    c.percentage_encrypted !== null &&
    c.percentage_encrypted !== undefined &&
    c.percentage_encrypted !== '';
  const percent = reported ? Number(c.percentage_encrypted) : undefined;
  const conversion = Number(c.conversion_status);
  const fullyEncrypted =
    percent !== undefined ? percent >= 100 : conversion === 1;
  if (Number(c.protection_status) === 2)
    return unknown(
      'BitLocker reports the protection status as unknown',
      evidence,
    );
  if (isOn(c.protection_status) && fullyEncrypted)
    return pass('BitLocker protects the system drive', evidence);
  if (fullyEncrypted)
    return fail(
      'The system drive is fully encrypted but BitLocker protection is off',
      evidence,
    );
  if (conversion === 3 || conversion === 5)
    return fail('BitLocker is decrypting the system drive', evidence);
  if (conversion === 2 || conversion === 4 || (percent ?? 0) > 0)
    return unknown(
      `BitLocker is still encrypting (${percent ?? 'unknown'} %)`,
      evidence,
    );
  return fail('BitLocker is off on the system drive', evidence);
}

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
    return bitlockerDecision(c, evidence);
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
      'The system disk is encrypted (FileVault, BitLocker or LUKS), so a lost or stolen device does not expose data. System Insights decides where it has rows, JumpCloud\'s FDE flag otherwise (macOS and Windows only: JumpCloud does not report LUKS); "fully encrypted but protection off" and "decrypting" fail, "still encrypting" is unknown.',
    remediation:
      'Bind the JumpCloud FileVault/BitLocker policy to the device (or its device group) and make sure it succeeds; on Linux encrypt at install time with LUKS.',
    fields: [
      'systems.fde.active',
      'systeminsights.disk_encryption.encrypted',
      'systeminsights.disk_encryption.encryption_status',
      'systeminsights.bitlocker_info.drive_letter',
      'systeminsights.bitlocker_info.protection_status',
      'systeminsights.bitlocker_info.percentage_encrypted',
      'systeminsights.bitlocker_info.conversion_status',
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
    const family = osFamilyOf(system);
    const fromSi = fromInsights(system, ctx, family);
    if (fromSi) return fromSi;
    // JumpCloud manages FileVault and BitLocker only: on Linux `fde` says
    // nothing about LUKS, so only System Insights can tell.
    if (family === 'linux')
      return unknown(
        'System Insights has no disk_encryption rows, and JumpCloud does not report LUKS on Linux',
        { 'fde.active': system.fde?.active ?? null },
      );
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
  // JumpCloud escrows FileVault and BitLocker keys; it has no LUKS escrow.
  os: ['macos', 'windows'],
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
