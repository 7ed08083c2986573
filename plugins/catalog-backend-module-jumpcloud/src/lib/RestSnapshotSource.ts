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
  JumpCloudCatalogConnection,
  JumpCloudCatalogSnapshot,
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
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
  totalCount: z.number().int().nonnegative(),
});

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

  async readSnapshot(
    connection: JumpCloudCatalogConnection,
    options: { includeSystemGroups: boolean; signal?: AbortSignal },
  ): Promise<JumpCloudCatalogSnapshot> {
    const run = { id: undefined as string | undefined };
    const read = async <T>(type: SnapshotReadType): Promise<T[]> =>
      this.#readAll<T>(connection.id, type, run, options.signal);
    const snapshot: Omit<JumpCloudCatalogSnapshot, 'runId'> = {
      systems: await read('systems'),
      users: await read('users'),
      userGroups: await read('userGroups'),
      userGroupMembers: await read('userGroupMembers'),
      userSystemBindings: await read('userSystemBindings'),
      systemGroups: options.includeSystemGroups
        ? await read('systemGroups')
        : [],
      systemGroupMembers: options.includeSystemGroups
        ? await read('systemGroupMembers')
        : [],
    };
    if (!run.id) {
      throw new Error(`No snapshot pages for connection ${connection.id}`);
    }
    return { runId: run.id, ...snapshot };
  }

  /** Every page of one type; all pages of all types must share one run. */
  async #readAll<T>(
    connectionId: string,
    type: SnapshotReadType,
    run: { id?: string },
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
      items.push(...page.items);
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
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
