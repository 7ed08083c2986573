import type { BuiltInCheck } from '../types';
import {
  accessViaGroups,
  noUncheckedSudo,
  serviceAccountsInventoried,
  uniqueCorporateIdentity,
  userHasManagedDevice,
} from './access';
import { adminApiKeyHygiene, adminMfa, superAdminCount } from './admins';
import {
  noDormantAccounts,
  noStaleStagedAccounts,
  offboardedDeprovisioned,
  passwordLifecycle,
} from './lifecycle';
import { mfaExclusionsTimeBoxed, userMfaEnrolled } from './mfa';

/** User and admin family: USR-01 … USR-14. */
export const userChecks: BuiltInCheck[] = [
  userMfaEnrolled,
  mfaExclusionsTimeBoxed,
  offboardedDeprovisioned,
  noDormantAccounts,
  adminMfa,
  noUncheckedSudo,
  passwordLifecycle,
  noStaleStagedAccounts,
  accessViaGroups,
  uniqueCorporateIdentity,
  serviceAccountsInventoried,
  userHasManagedDevice,
  adminApiKeyHygiene,
  superAdminCount,
];
