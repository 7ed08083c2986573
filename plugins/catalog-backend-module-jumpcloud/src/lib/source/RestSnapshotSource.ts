import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  SnapshotPage,
  SnapshotReadType,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { z } from 'zod';
import {
  DEFAULT_SNAPSHOT_PAGE_SIZE,
  JUMPCLOUD_BACKEND_PLUGIN_ID,
} from './constants';
import type {
  GroupMember,
  JcGroup,
  JcSystem,
  JcSystemUser,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type {
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
  SnapshotReadOptions,
  SnapshotSource,
} from './types';

const connectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  orgId: z.string().nullable().optional(),
  region: z.enum(['us', 'eu', 'in']).nullable().optional(),
  apiUrl: z.string(),
  users: z.enum(['ingest', 'link']).optional(),
  latestCompleteRunId: z.string().nullable().optional(),
});

const pageSchema = z.object({
  connectionId: z.string(),
  runId: z.string().min(1),
  type: z.string(),
  // Checked, not copied: a page holds thousands of raw objects.
  items: z.custom<unknown[]>(value => Array.isArray(value), 'an array'),
  nextCursor: z.string().nullable(),
  totalCount: z.number().int().nonnegative(),
});

const RETRY_DELAY_MS = 100;

/** The snapshot moved to a newer run while it was being read. */
export class SnapshotChangedError extends Error {
  name = 'SnapshotChangedError';
}

/**
 * Reads connections and their latest complete snapshot from jumpcloud-backend
 * (GET /catalog/connections, GET /catalog/snapshot) with a service token. The
 * backend is the only component that talks to JumpCloud.
 */
export class RestSnapshotSource implements SnapshotSource {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #pageSize: number;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    pageSize?: number;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#pageSize = options.pageSize ?? DEFAULT_SNAPSHOT_PAGE_SIZE;
  }

  async listConnections(options?: {
    signal?: AbortSignal;
  }): Promise<JumpCloudCatalogConnection[]> {
    const body = await this.#get('/catalog/connections', options?.signal);
    return z
      .array(connectionSchema)
      .parse(body)
      .map(connection => ({
        id: connection.id,
        name: connection.name,
        orgId: connection.orgId ?? null,
        region: connection.region ?? null,
        apiUrl: connection.apiUrl,
        users: connection.users ?? 'ingest',
        latestCompleteRunId: connection.latestCompleteRunId ?? null,
      }));
  }

  /**
   * Reads every type at once (each type's pages in order), so the backend's
   * queries for one type overlap with the transfer and parsing of another.
   * With `bindings: 'direct'` only the direct user-device bindings are read
   * (all the owner resolution uses; a few % of them in a large org). Rejects
   * on the first failed page; the other reads are aborted.
   */
  async readSnapshot(
    connection: JumpCloudCatalogConnection,
    options: SnapshotReadOptions,
  ): Promise<JumpCloudCatalogSnapshot> {
    const run = { id: undefined as string | undefined };
    const abort = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, abort.signal])
      : abort.signal;
    const read = <T>(type: SnapshotReadType, direct = false): Promise<T[]> =>
      this.#readAll<T>(connection.id, type, run, direct, signal).catch(
        error => {
          abort.abort(error);
          throw error;
        },
      );
    const none = Promise.resolve([]);
    const [
      systems,
      users,
      userGroups,
      userGroupMembers,
      userSystemBindings,
      systemGroups,
      systemGroupMembers,
    ] = await Promise.all([
      read<JcSystem>('systems'),
      read<JcSystemUser>('users'),
      read<JcGroup>('userGroups'),
      read<GroupMember>('userGroupMembers'),
      read<UserSystemBinding>(
        'userSystemBindings',
        options.bindings === 'direct',
      ),
      options.includeSystemGroups ? read<JcGroup>('systemGroups') : none,
      options.includeSystemGroups
        ? read<GroupMember>('systemGroupMembers')
        : none,
    ]).catch(error => {
      // The first failure, not the aborts it caused in the other reads.
      throw abort.signal.aborted ? abort.signal.reason : error;
    });
    if (!run.id) {
      throw new Error(`No snapshot pages for connection ${connection.id}`);
    }
    return {
      runId: run.id,
      systems,
      users,
      userGroups,
      userGroupMembers,
      userSystemBindings,
      systemGroups,
      systemGroupMembers,
    };
  }

  /** Every page of one type; all pages of all types must share one run. */
  async #readAll<T>(
    connectionId: string,
    type: SnapshotReadType,
    run: { id?: string },
    direct: boolean,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    let totalCount = 0;
    do {
      const query = new URLSearchParams({
        connectionId,
        type,
        limit: String(this.#pageSize),
      });
      if (direct) query.set('direct', 'true');
      if (cursor) query.set('cursor', cursor);
      const page = pageSchema.parse(
        await this.#get(`/catalog/snapshot?${query}`, signal),
      ) as SnapshotPage<T>;
      run.id ??= page.runId;
      if (page.runId !== run.id) {
        throw new SnapshotChangedError(
          `Snapshot of connection ${connectionId} moved from run ${run.id} to ${page.runId} while reading ${type}`,
        );
      }
      for (const item of page.items) items.push(item);
      totalCount = page.totalCount;
      cursor = page.nextCursor;
    } while (cursor);
    if (items.length !== totalCount) {
      throw new Error(
        `Snapshot of connection ${connectionId} is inconsistent: read ${items.length} ${type} but the backend reported ${totalCount}`,
      );
    }
    return items;
  }

  async #get(path: string, signal?: AbortSignal): Promise<unknown> {
    const baseUrl = await this.#discovery.getBaseUrl(
      JUMPCLOUD_BACKEND_PLUGIN_ID,
    );
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: JUMPCLOUD_BACKEND_PLUGIN_ID,
    });
    const request = () =>
      fetch(`${baseUrl}${path}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
        signal,
      });
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      // A kept-alive connection the server closed just as it was reused
      // (ECONNRESET): a GET of an immutable page, so ask once more, after
      // the event loop has had time to drop the other stale connections.
      if (signal?.aborted || !(error instanceof TypeError)) throw error;
      await new Promise(resolve => setTimeout(resolve, RETRY_DELAY_MS));
      response = await request();
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
