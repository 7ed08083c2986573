import type { BuiltInCheck } from '../types';
import {
  deviceHasOwner,
  mdmEnrolled,
  notHeldByDepartedUser,
  recentCheckIn,
  telemetryComplete,
} from './inventory';
import { fullDiskEncryption, recoveryKeyEscrowed } from './encryption';
import {
  antiMalware,
  hostFirewall,
  platformIntegrity,
  screenLock,
} from './protection';
import { automaticUpdates, osWithinBaseline, patchesRecent } from './updates';
import { deviceLoginMfa, localAdminLimited, sshHardened } from './access';
import { noProhibitedSoftware, passwordManager } from './software';
import { baselinePoliciesBound, policiesSucceeding } from './policies';

/** Device family: DEV-01 … DEV-21. */
export const deviceChecks: BuiltInCheck[] = [
  fullDiskEncryption,
  recoveryKeyEscrowed,
  screenLock,
  hostFirewall,
  antiMalware,
  osWithinBaseline,
  patchesRecent,
  automaticUpdates,
  passwordManager,
  recentCheckIn,
  deviceHasOwner,
  notHeldByDepartedUser,
  mdmEnrolled,
  telemetryComplete,
  localAdminLimited,
  sshHardened,
  deviceLoginMfa,
  platformIntegrity,
  baselinePoliciesBound,
  policiesSucceeding,
  noProhibitedSoftware,
];
