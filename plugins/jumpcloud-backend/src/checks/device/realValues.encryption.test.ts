import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  bitlockerRow,
  linuxVolumes,
  macVolumes,
  onlyLinuxDevice,
  onlyWindowsDevice,
  setRows,
} from '../__fixtures__/deviceRows';
import { evaluateCheck } from '../__fixtures__/evaluate';

// DEV-01 and DEV-02 over real values: WMI's BitLocker codes, osquery's
// disk_encryption rows on macOS and Linux, and v1 `/systems` `fde`.

const onWindows = (
  s: OrgSnapshot,
  bitlocker?: Array<Record<string, unknown>>,
) => {
  onlyWindowsDevice(s);
  if (bitlocker) setRows(s, 'bitlocker_info', 'win1', bitlocker);
  else delete s.systemInsights.bitlocker_info;
};

const onLinux = (s: OrgSnapshot, fde = { active: false, keyPresent: false }) =>
  onlyLinuxDevice(s, { fde });

describe('DEV-01 reads BitLocker as WMI reports it', () => {
  it.each([
    ['fully encrypted and protected', 1, 1, 100, 'pass'],
    [
      'an agent that sends no percentage, conversion 1 (fully encrypted)',
      1,
      1,
      null,
      'pass',
    ],
    ['encrypting (conversion 2)', 0, 2, 47, 'unknown'],
    ['encryption paused (conversion 4)', 0, 4, 63, 'unknown'],
    ['fully decrypted (conversion 0)', 0, 0, 0, 'fail'],
    ['an older agent: no percentage, fully decrypted', 0, 0, null, 'fail'],
  ])('%s', (_case, protection, conversion, percent, expected) => {
    const result = evaluateCheck('DEV-01', s =>
      onWindows(s, [
        bitlockerRow({
          protection_status: protection,
          conversion_status: conversion,
          percentage_encrypted: percent,
        }),
      ]),
    );
    expect(result.status).toBe(expected);
  });

  it('fails a fully encrypted drive whose protection is suspended, with the WMI values', () => {
    const result = evaluateCheck('DEV-01', s =>
      onWindows(s, [
        bitlockerRow({
          protection_status: 0,
          conversion_status: 1,
          percentage_encrypted: 100,
        }),
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'The system drive is fully encrypted but BitLocker protection is off',
    );
    expect(result.evidence).toEqual({
      drive_letter: 'C:',
      protection_status: 0,
      percentage_encrypted: 100,
      conversion_status: 1,
    });
  });

  it('fails a drive BitLocker is decrypting (turning off)', () => {
    const result = evaluateCheck('DEV-01', s =>
      onWindows(s, [
        bitlockerRow({
          protection_status: 0,
          conversion_status: 3,
          percentage_encrypted: 60,
        }),
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe('BitLocker is decrypting the system drive');
  });

  it('judges C: even when an unencrypted data drive comes first', () => {
    const result = evaluateCheck('DEV-01', s =>
      onWindows(s, [
        bitlockerRow({
          drive_letter: 'D:',
          protection_status: 0,
          conversion_status: 0,
          percentage_encrypted: 0,
        }),
        bitlockerRow({
          protection_status: 1,
          conversion_status: 1,
          percentage_encrypted: 100,
        }),
      ]),
    );
    expect(result.status).toBe('pass');
  });

  it('falls back on fde.active when bitlocker_info was not collected', () => {
    const on = evaluateCheck('DEV-01', s => onWindows(s));
    expect(on.status).toBe('pass');
    expect(on.message).toBe('JumpCloud reports full-disk encryption on');
    const off = evaluateCheck('DEV-01', s => {
      onWindows(s);
      s.systems[0].fde = { active: false, keyPresent: false };
    });
    expect(off.status).toBe('fail');
    expect(off.evidence).toEqual({ 'fde.active': false });
  });
});

describe('DEV-01 reads disk_encryption on macOS and Linux', () => {
  it('passes Ubuntu with LUKS: the dm-crypt mapping and its LVM volume are encrypted', () => {
    const result = evaluateCheck('DEV-01', s => {
      onLinux(s);
      setRows(s, 'disk_encryption', 'lin1', linuxVolumes(true));
    });
    expect(result.status).toBe('pass');
    expect(result.message).toBe('2 of 5 volumes are encrypted');
  });

  it('fails Ubuntu without LUKS, listing the volumes', () => {
    const result = evaluateCheck('DEV-01', s => {
      onLinux(s);
      setRows(s, 'disk_encryption', 'lin1', linuxVolumes(false));
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.volumes).toHaveLength(5);
  });

  it('is unknown on Linux without rows: JumpCloud’s fde.active false says nothing about LUKS', () => {
    const result = evaluateCheck('DEV-01', s => onLinux(s));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toEqual({ 'fde.active': false });
  });

  it('uses fde.active on a Mac whose System Insights is off', () => {
    const result = evaluateCheck('DEV-01', s => {
      s.systems[0].systemInsights = { state: 'disabled' };
      s.systems[0].fde = { active: false, keyPresent: false };
      setRows(s, 'disk_encryption', 'mac1', macVolumes(true));
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('JumpCloud reports full-disk encryption off');
  });

  it('is unknown on a Mac with neither fde nor rows', () => {
    const result = evaluateCheck('DEV-01', s => {
      delete s.systems[0].fde;
      delete s.systemInsights.disk_encryption;
    });
    expect(result.status).toBe('unknown');
  });
});

describe('DEV-02 reads fde.keyPresent', () => {
  it.each([
    [{ active: true, keyPresent: true }, 'pass'],
    [{ active: true, keyPresent: false }, 'fail'],
    [{ active: false, keyPresent: false }, 'not_applicable'],
    [{ active: true }, 'unknown'],
  ])('fde %j gives %s', (fde, expected) => {
    const result = evaluateCheck('DEV-02', s => {
      s.systems[0].fde = fde;
    });
    expect(result.status).toBe(expected);
  });

  it('is unknown when v1 /systems sends no fde object', () => {
    const result = evaluateCheck('DEV-02', s => {
      delete s.systems[0].fde;
    });
    expect(result.status).toBe('unknown');
  });

  it('is not applicable on Linux: JumpCloud escrows no LUKS key', () => {
    const result = evaluateCheck('DEV-02', s =>
      onLinux(s, { active: true, keyPresent: false }),
    );
    expect(result.status).toBe('not_applicable');
  });
});
