import type { ConnectionAuthType } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCredential } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { ConnectionRecord } from './ConnectionsStore';
import { fieldError } from '../http/validation';
import type { ParsedConnectionInput } from './connectionInputSchema';

/**
 * The credential an input asks for: its type, the service account's client
 * ID, and the secret (API key or client secret) when a new one was given.
 * `secret` undefined means "keep the stored one".
 */
export interface CredentialChoice {
  authType: ConnectionAuthType;
  clientId: string | null;
  secret?: string;
}

type CredentialInput = Pick<
  ParsedConnectionInput,
  'authType' | 'apiKey' | 'clientId' | 'clientSecret'
>;

/** The credential type an input means, for a new or an existing connection. */
export function authTypeOf(
  input: CredentialInput,
  current?: Pick<ConnectionRecord, 'authType'>,
): ConnectionAuthType {
  if (input.authType) return input.authType;
  if (input.clientId !== undefined || input.clientSecret !== undefined) {
    return 'serviceAccount';
  }
  if (input.apiKey !== undefined) return 'apiKey';
  return current?.authType ?? 'apiKey';
}

/**
 * Checks the credential fields of a create (no `current`), an update or a
 * test with overrides, and returns what the connection will use; 400 with
 * the field at fault when something is missing. Returns undefined when the
 * input leaves the credential as it is.
 */
export function chooseCredential(
  input: CredentialInput,
  current?: Pick<ConnectionRecord, 'authType' | 'clientId'>,
): CredentialChoice | undefined {
  const authType = authTypeOf(input, current);
  const sameType = current?.authType === authType;
  if (authType === 'apiKey') {
    if (input.apiKey !== undefined) {
      return { authType, clientId: null, secret: input.apiKey };
    }
    if (sameType) return undefined;
    throw fieldError(
      'apiKey',
      current ? 'is required to switch to an API key' : 'is required',
    );
  }

  const clientId =
    input.clientId ?? (sameType ? current!.clientId ?? undefined : undefined);
  if (!clientId) {
    throw fieldError('clientId', 'is required for a service account');
  }
  if (input.clientSecret !== undefined) {
    return { authType, clientId, secret: input.clientSecret };
  }
  if (sameType && clientId === current!.clientId) return undefined;
  throw fieldError(
    'clientSecret',
    sameType
      ? 'is required with a new clientId'
      : 'is required for a service account',
  );
}

/** The client's credential from a choice, with the stored secret if kept. */
export function toCredential(
  choice: CredentialChoice,
  storedSecret: () => string,
): JumpCloudCredential {
  const secret = choice.secret ?? storedSecret();
  return choice.authType === 'serviceAccount'
    ? {
        type: 'serviceAccount',
        clientId: choice.clientId ?? '',
        clientSecret: secret,
      }
    : { type: 'apiKey', apiKey: secret };
}

/** The last 4 characters of a secret: all the API ever shows of it. */
export const last4 = (secret: string) => secret.slice(-4);
