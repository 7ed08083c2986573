import {
  adminsSpec,
  appleMdmsSpec,
  applicationsSpec,
  authnPoliciesSpec,
} from '../client/collections';
import type { ListSpec } from '../client/paging';
import type { OrgSnapshot } from '../types/snapshot';
import { readAll, SnapshotContext } from './context';

/** The small lists read whole, one collection each. */
type SimpleList = 'admins' | 'applications' | 'authnPolicies' | 'appleMdms';

const SPECS: {
  [K in SimpleList]: () => ListSpec<OrgSnapshot[K][number]>;
} = {
  admins: adminsSpec,
  applications: applicationsSpec,
  authnPolicies: authnPoliciesSpec,
  appleMdms: appleMdmsSpec,
};

/**
 * Reads one of the small lists into the snapshot: administrators,
 * applications, authentication (Conditional Access) policies or Apple MDM
 * servers.
 */
export function readSimpleList<K extends SimpleList>(
  context: SnapshotContext,
  type: K,
): Promise<void> {
  return context.ledger.guard([type], async () => {
    const items = await readAll(context, type, SPECS[type]());
    context.snapshot[type] = items as OrgSnapshot[K];
  });
}
