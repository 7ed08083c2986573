import { organizationsSpec } from '../client/collections';
import { JumpCloudError } from '../client/JumpCloudError';
import type { JcOrganization } from '../types';
import { readAll, SnapshotContext } from './context';

/**
 * The organisation with its settings: the client's, or the only one the key
 * sees (a key that sees several must name one).
 */
export function readOrganization(context: SnapshotContext): Promise<void> {
  return context.ledger.guard(['organization'], async () => {
    context.snapshot.organization = await organizationOf(context);
  });
}

async function organizationOf(
  context: SnapshotContext,
): Promise<JcOrganization | null> {
  const { client, ledger } = context;
  let orgId = client.orgId;
  if (!orgId) {
    const orgs = await readAll(context, 'organization', organizationsSpec());
    if (orgs.length > 1) {
      throw new JumpCloudError(
        'org_required',
        `This API key sees ${orgs.length} organisations: choose the one to read.`,
        { capability: 'organization' },
      );
    }
    orgId = orgs[0]?._id;
  }
  if (!orgId) return null;
  const organization = await client.getOrganization(orgId, {
    signal: ledger.signal,
  });
  ledger.account('organization', { total: 1, pages: 1, unreturned: 0 }, 1);
  return organization;
}
