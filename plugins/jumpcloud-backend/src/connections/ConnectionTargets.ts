import type { ConnectionRecord } from './ConnectionsStore';
import type { SecretBox } from './SecretBox';
import type { JumpCloudTarget } from '../jumpcloud/JumpCloudGateway';
import {
  OutboundUrlRefusedError,
  type OutboundUrlPolicy,
} from './OutboundUrlPolicy';
import { toCredential, type CredentialChoice } from './credentials';

/**
 * What a stored connection calls: its URL checked against the outbound
 * policy and its secret decrypted, right before calling JumpCloud. Used by
 * Test Connection and by the sync engine alike.
 */
export class ConnectionTargets {
  constructor(
    private readonly secretBox: SecretBox,
    private readonly urlPolicy: OutboundUrlPolicy,
  ) {}

  async target(record: ConnectionRecord): Promise<JumpCloudTarget> {
    let apiUrl: string;
    try {
      apiUrl = await this.urlPolicy.check(record.apiUrl);
    } catch (error) {
      if (error instanceof OutboundUrlRefusedError) {
        throw Object.assign(new Error(`The API URL ${error.reason}`), {
          kind: 'bad_request',
        });
      }
      throw error;
    }
    const stored: CredentialChoice = {
      authType: record.authType,
      clientId: record.clientId,
    };
    return {
      apiUrl,
      region: record.region,
      credential: toCredential(stored, () =>
        this.secretBox.decrypt(record.secretEncrypted),
      ),
      orgId: record.orgId,
    };
  }
}
