import type { KeyRecord } from '../http/keyStore';
import { missingFeature, paymentRequired } from './plan';
import { checkRole } from './roles';

/**
 * Whether the credential may read `path`: first its role (403), then its
 * organisation's plan (402). An admin's permissions are checked before the
 * product is asked whether it is licensed, so a role that cannot read a route
 * gets 403 even where the plan lacks the feature (the documents do not say
 * which comes first; this order is the simulator's choice).
 */
export function checkAccess(key: KeyRecord, path: string): void {
  checkRole(key, path);
  const missing = missingFeature(key.plan, path);
  if (missing) throw paymentRequired(missing);
}
