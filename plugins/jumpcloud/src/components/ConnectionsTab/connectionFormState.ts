import type {
  Connection,
  ConnectionAuthType,
  ConnectionInput,
  JumpCloudRegion,
  SyncFrequency,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

export type RegionChoice = JumpCloudRegion | 'custom';

export interface ConnectionFormState {
  name: string;
  region: RegionChoice;
  apiUrl: string;
  /** Service account (recommended) or API key. */
  authType: ConnectionAuthType;
  apiKey: string;
  clientId: string;
  clientSecret: string;
  orgId: string | null;
  orgName: string | null;
  syncFrequency: SyncFrequency;
}

export const AUTH_TYPE_LABELS: Record<ConnectionAuthType, string> = {
  serviceAccount: 'Service account (recommended)',
  apiKey: 'API key',
};

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
      authType: 'serviceAccount',
      apiKey: '',
      clientId: '',
      clientSecret: '',
      orgId: null,
      orgName: null,
      syncFrequency: 'daily',
    };
  }
  return {
    name: connection.name,
    region: connection.region ?? 'custom',
    apiUrl: connection.region ? '' : connection.apiUrl,
    // Connections from before service accounts have no authType.
    authType: connection.authType ?? 'apiKey',
    apiKey: '',
    clientId: connection.clientId ?? '',
    clientSecret: '',
    orgId: connection.orgId,
    orgName: connection.orgName,
    syncFrequency: connection.syncFrequency,
  };
}

/**
 * Whether the stored secret can serve the form's credential: editing a
 * connection of the same type (and, for a service account, the same client
 * ID). Then an empty secret field keeps the stored one.
 */
export function keepsStoredSecret(
  state: ConnectionFormState,
  editing?: Connection,
): boolean {
  if (!editing || (editing.authType ?? 'apiKey') !== state.authType) {
    return false;
  }
  return (
    state.authType === 'apiKey' ||
    state.clientId.trim() === (editing.clientId ?? '')
  );
}

/** True when the typed fields and the stored secret make a whole credential. */
export function hasCredential(
  state: ConnectionFormState,
  editing?: Connection,
): boolean {
  if (state.authType === 'apiKey') {
    return Boolean(state.apiKey.trim()) || keepsStoredSecret(state, editing);
  }
  return (
    Boolean(state.clientId.trim()) &&
    (Boolean(state.clientSecret.trim()) || keepsStoredSecret(state, editing))
  );
}

/** True when a new key or client secret was typed. */
export function hasNewSecret(state: ConnectionFormState): boolean {
  return Boolean(
    (state.authType === 'apiKey' ? state.apiKey : state.clientSecret).trim(),
  );
}

/**
 * The form as a request body. Secrets are only sent when typed, so editing
 * other fields keeps the stored key or client secret; only the fields of
 * the chosen credential type are sent.
 */
export function toConnectionInput(state: ConnectionFormState): ConnectionInput {
  const input: ConnectionInput = {
    name: state.name.trim(),
    orgId: state.orgId,
    orgName: state.orgName,
    syncFrequency: state.syncFrequency,
    authType: state.authType,
  };
  if (state.region === 'custom') input.apiUrl = state.apiUrl.trim();
  else input.region = state.region;
  if (state.authType === 'apiKey') {
    if (state.apiKey.trim()) input.apiKey = state.apiKey.trim();
  } else {
    if (state.clientId.trim()) input.clientId = state.clientId.trim();
    if (state.clientSecret.trim()) {
      input.clientSecret = state.clientSecret.trim();
    }
  }
  return input;
}
