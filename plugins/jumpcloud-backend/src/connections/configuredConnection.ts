import type {
  JumpCloudRegion,
  SyncFrequency,
  UserIngestionMode,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCredential } from '@backstage-jumpcloud/plugin-jumpcloud-node';

/** A connection declared under jumpcloud.connections. */
export interface ConfiguredConnection {
  name: string;
  region?: JumpCloudRegion;
  apiUrl?: string;
  orgId: string | null;
  orgName: string | null;
  /** `apiKey`, or `authType: serviceAccount` with `clientId` and `clientSecret`. */
  credential: JumpCloudCredential;
  syncFrequency: SyncFrequency;
  users: UserIngestionMode;
  enabled: boolean;
}
