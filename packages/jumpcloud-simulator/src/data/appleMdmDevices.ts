import type { JsonObject } from '../types';
import { osFamilyOf } from './generateSystems';
import { Random } from './random';

// Devices of an organisation's Apple MDM server (v2
// /applemdms/{id}/devices, schema `apple-mdm-device`). Derived from the
// org's Macs that JumpCloud's own MDM manages, so both views agree, plus a
// few Macs bought through Automated Device Enrollment that were never set
// up (DEP-registered, not enrolled), as real orgs have. Without Automated
// Device Enrollment (`depServerTokenState: missing`) nothing is
// DEP-registered.

interface MdmInfo {
  vendor?: string;
  dep?: boolean;
  enrollmentType?: string;
  userApproved?: boolean;
}

const MODELS = [
  ['MacBook Pro', 'Mac15,6', true],
  ['MacBook Air', 'Mac14,2', true],
  ['iMac', 'iMac21,1', true],
  ['MacBook Pro', 'MacBookPro16,1', false],
] as const;

function enrolledDevice(
  seed: number,
  system: JsonObject,
  ade: boolean,
): JsonObject {
  const r = Random.derive(seed, `mdmdevice:${system._id}`);
  const mdm = system.mdm as MdmInfo;
  const dep = ade && mdm.dep === true;
  const [modelName, modelNumber, silicon] =
    system.arch === 'arm64' ? r.pick(MODELS.slice(0, 3)) : MODELS[3];
  const capacity = r.pick([256, 512, 1024]);
  return {
    id: r.objectId(Date.parse(system.created as string)),
    serialNumber: system.serialNumber,
    udid: silicon
      ? `00008${r.int(100, 120)}-00${r.hex(14).toUpperCase()}`
      : r.uuid().toUpperCase(),
    osVersion: system.version,
    depRegistered: dep,
    enrolled: true,
    createdAt: system.created,
    hasActivationLockBypassCodes: dep && r.chance(0.8),
    modelFamily: 'Mac',
    mdmOsFamily: 'macOS',
    securityInfo: {
      enrolledViaDep: dep && mdm.enrollmentType === 'automated device',
      isActivationLockManageable: dep,
      isUserEnrollment: mdm.enrollmentType === 'user',
      userApprovedEnrollment: mdm.userApproved === true,
      passcodePresent: true,
      passcodeCompliant: r.chance(0.9),
      filevaultEnabled: (system.fde as { active: boolean }).active,
      recoveryLockEnabled: silicon && r.chance(0.3),
    },
    deviceInformation: {
      deviceName: system.displayName,
      modelName,
      modelNumber,
      modelMarketingName: modelName,
      isSupervised: dep,
      activationLockAllowedWhileSupervised: false,
      deviceCapacity: capacity,
      availableDeviceCapacity: Math.round(capacity * (0.2 + r.next() * 0.6)),
      wifiMac: Array.from({ length: 6 }, () => r.hex(2)).join(':'),
      osBuildVersion: `24B${r.int(10, 99)}`,
      isAppleSilicon: silicon,
    },
  };
}

function unsetDevice(seed: number, orgId: string, n: number, nowMs: number) {
  const r = Random.derive(seed, `mdmdevice:unset:${orgId}:${n}`);
  return {
    id: r.objectId(nowMs - r.int(5, 60) * 86_400_000),
    serialNumber: r.hex(10).toUpperCase(),
    udid: '',
    osVersion: '',
    depRegistered: true,
    enrolled: false,
    createdAt: new Date(nowMs - r.int(5, 60) * 86_400_000).toISOString(),
    hasActivationLockBypassCodes: false,
    modelFamily: 'Mac',
    mdmOsFamily: 'macOS',
  };
}

const cache = new WeakMap<JsonObject[], JsonObject[]>();

/** The MDM server's devices; recomputed whenever the org's device list changes. */
export function appleMdmDevices(
  seed: number,
  orgId: string,
  server: JsonObject,
  systems: JsonObject[],
  nowMs: number,
): JsonObject[] {
  let devices = cache.get(systems);
  if (!devices) {
    const ade = server.depServerTokenState !== 'missing';
    const managed = systems.filter(
      s =>
        osFamilyOf(s) === 'macOS' && (s.mdm as MdmInfo)?.vendor === 'internal',
    );
    devices = managed.map(s => enrolledDevice(seed, s, ade));
    const unset = ade ? Math.max(1, Math.round(managed.length * 0.05)) : 0;
    for (let n = 0; n < unset && managed.length > 0; n++)
      devices.push(unsetDevice(seed, orgId, n, nowMs));
    cache.set(systems, devices);
  }
  return devices;
}
