import type {
  Connection,
  ConnectionInput,
  JumpCloudRegion,
  SyncFrequency,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

export type RegionChoice = JumpCloudRegion | 'custom';

export interface ConnectionFormState {
  name: string;
  region: RegionChoice;
  apiUrl: string;
  apiKey: string;
  orgId: string | null;
  orgName: string | null;
  syncFrequency: SyncFrequency;
}

/** "Connection N" with the first N not taken (the product's default name). */
export function defaultConnectionName(existing: Connection[]): string {
  const taken = new Set(existing.map(c => c.name));
  let n = existing.length + 1;
  while (taken.has(`Connection ${n}`)) n++;
  return `Connection ${n}`;
}

export function initialFormState(
  existing: Connection[],
  connection?: Connection,
): ConnectionFormState {
  if (!connection) {
    return {
      name: defaultConnectionName(existing),
      region: 'us',
      apiUrl: '',
      apiKey: '',
      orgId: null,
      orgName: null,
      syncFrequency: 'daily',
    };
  }
  return {
    name: connection.name,
    region: connection.region ?? 'custom',
    apiUrl: connection.region ? '' : connection.apiUrl,
    apiKey: '',
    orgId: connection.orgId,
    orgName: connection.orgName,
    syncFrequency: connection.syncFrequency,
  };
}

/**
 * The form as a request body. The key is only sent when typed, so editing
 * other fields keeps the stored key.
 */
export function toConnectionInput(state: ConnectionFormState): ConnectionInput {
  const input: ConnectionInput = {
    name: state.name.trim(),
    orgId: state.orgId,
    orgName: state.orgName,
    syncFrequency: state.syncFrequency,
  };
  if (state.region === 'custom') input.apiUrl = state.apiUrl.trim();
  else input.region = state.region;
  if (state.apiKey.trim()) input.apiKey = state.apiKey.trim();
  return input;
}
