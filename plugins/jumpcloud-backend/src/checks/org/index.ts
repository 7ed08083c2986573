import type { BuiltInCheck } from '../types';
import {
  loginLockout,
  passwordExpiry,
  passwordLength,
  passwordStrength,
} from './passwordPolicy';
import { conditionalAccessMfa } from './conditionalAccess';
import {
  adminMfaRequired,
  appleMdmCertificates,
  auditLogging,
  portalIdleTimeout,
} from './settings';

/** Organisation family: ORG-01 … ORG-09. */
export const orgChecks: BuiltInCheck[] = [
  adminMfaRequired,
  passwordLength,
  passwordStrength,
  loginLockout,
  passwordExpiry,
  portalIdleTimeout,
  conditionalAccessMfa,
  appleMdmCertificates,
  auditLogging,
];
