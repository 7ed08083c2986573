import type {
  ConnectionTestResult,
  ErrorDetail,
  JumpCloudRegion,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  JumpCloudCredential,
  OrgSnapshot,
  RowSinks,
  SnapshotDataType,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BindingLookups } from '../checks/snapshotIndex';

/** Where and how to reach one JumpCloud organisation. */
export interface JumpCloudTarget {
  apiUrl: string;
  region: JumpCloudRegion | null;
  /** The API key or service account to read with. */
  credential?: JumpCloudCredential;
  /** Shorthand for an API-key credential (when `credential` is not set). */
  apiKey?: string;
  orgId: string | null;
}

/** The credential of a target (`credential`, else `apiKey`). */
export function credentialOf(target: JumpCloudTarget): JumpCloudCredential {
  return target.credential ?? { type: 'apiKey', apiKey: target.apiKey ?? '' };
}

export interface FetchedSnapshot {
  snapshot: OrgSnapshot;
  /** Bindings per user and device, when they were streamed to `rowSinks`. */
  access?: BindingLookups;
  failures: Record<string, ErrorDetail>;
  counts: Record<string, number>;
  requests: number;
}

/**
 * What the backend needs from JumpCloud: a seam so the sync engine and the
 * connection service do not depend on the client's construction details.
 */
export interface JumpCloudGateway {
  test(
    target: JumpCloudTarget,
    signal?: AbortSignal,
  ): Promise<ConnectionTestResult>;
  /** Rejects with an error carrying an ErrorDetail for fatal failures. */
  fetchSnapshot(
    target: JumpCloudTarget,
    options: {
      signal?: AbortSignal;
      onProgress?: (dataType: SnapshotDataType, fetched: number) => void;
      /** See fetchOrgSnapshot: bulk rows go here, page by page. */
      rowSinks?: RowSinks;
    },
  ): Promise<FetchedSnapshot>;
}
