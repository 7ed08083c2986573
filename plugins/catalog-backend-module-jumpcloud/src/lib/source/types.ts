import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  GroupMember,
  JcGroup,
  JcSystem,
  JcSystemUser,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

/**
 * A connection as GET /api/jumpcloud/catalog/connections lists it.
 *
 * @public
 */
export type JumpCloudCatalogConnection = Pick<
  Connection,
  | 'id'
  | 'name'
  | 'orgId'
  | 'region'
  | 'apiUrl'
  | 'users'
  | 'latestCompleteRunId'
>;

/**
 * The part of a complete sync run the catalog needs.
 *
 * @public
 */
export interface JumpCloudCatalogSnapshot {
  runId: string;
  systems: JcSystem[];
  users: JcSystemUser[];
  userGroups: JcGroup[];
  systemGroups: JcGroup[];
  userGroupMembers: GroupMember[];
  systemGroupMembers: GroupMember[];
  userSystemBindings: UserSystemBinding[];
}

/**
 * Where the provider reads connections and their latest complete snapshot.
 *
 * @public
 */
export interface SnapshotSource {
  listConnections(options?: {
    signal?: AbortSignal;
  }): Promise<JumpCloudCatalogConnection[]>;
  /**
   * Reads the latest complete snapshot of a connection; rejects when any page
   * fails or the snapshot changes underneath the read.
   */
  readSnapshot(
    connection: JumpCloudCatalogConnection,
    options: SnapshotReadOptions,
  ): Promise<JumpCloudCatalogSnapshot>;
}

/**
 * What {@link SnapshotSource.readSnapshot} reads.
 *
 * @public
 */
export interface SnapshotReadOptions {
  /** System groups and their members too (for labels). */
  includeSystemGroups: boolean;
  /**
   * `direct`: `userSystemBindings` may hold only the bindings with
   * `viaGroup: false`, the only ones owners are resolved from (a source may
   * still return all of them). Default `all`.
   */
  bindings?: 'all' | 'direct';
  signal?: AbortSignal;
}
