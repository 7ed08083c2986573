import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
// The types come with the interface this client implements (one list of
// them, in JumpCloudApi.ts): `Api.X` for the REST API's types; the filters it
// sends are named imports so the API report can name them.
import type * as Api from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudApi } from './JumpCloudApi';
import type {
  AssetsQuery,
  EvidenceQuery,
  FindingsQuery,
  FrameworksExportQuery,
  HistoryQuery,
  RiskExceptionInput,
  RunsQuery,
} from './types';

type QueryValue = string | number | boolean | undefined | null;

/** Builds `?a=1&b=2`, leaving out empty values so the backend sees no filter. */
export function toQueryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const segment = (value: string) => encodeURIComponent(value);

/** How long a prefetched response waits for its reader once it has arrived. */
export const PREFETCH_FRESH_MS = 10_000;

/** A path with its query parameters in a stable order. */
function cacheKey(path: string): string {
  const [pathname, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.sort();
  return `${pathname}?${params}`;
}

interface Prefetched {
  promise: Promise<unknown>;
  /** When the response arrived (unset while in flight). */
  arrivedAt?: number;
}

/**
 * Calls the JumpCloud backend plugin with the user's Backstage token.
 *
 * @public
 */
export class JumpCloudClient implements JumpCloudApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /**
   * Responses requested ahead of their reader, by path: each serves the
   * first identical read, once, in flight or for PREFETCH_FRESH_MS after it
   * arrived; later reads ask the backend again.
   */
  private readonly prefetched = new Map<string, Prefetched>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listConnections(): Promise<Api.Connection[]> {
    return this.json('/connections');
  }

  getConnection(id: string): Promise<Api.Connection> {
    return this.json(`/connections/${segment(id)}`);
  }

  createConnection(input: Api.ConnectionInput): Promise<Api.Connection> {
    return this.json('/connections', { method: 'POST', body: input });
  }

  updateConnection(
    id: string,
    input: Api.ConnectionInput,
  ): Promise<Api.Connection> {
    return this.json(`/connections/${segment(id)}`, {
      method: 'PATCH',
      body: input,
    });
  }

  async deleteConnection(id: string): Promise<void> {
    await this.request(`/connections/${segment(id)}`, { method: 'DELETE' });
  }

  testConnection(
    input: Api.ConnectionInput,
  ): Promise<Api.ConnectionTestResult> {
    return this.json('/connections/test', { method: 'POST', body: input });
  }

  testSavedConnection(id: string): Promise<Api.ConnectionTestResult> {
    return this.json(`/connections/${segment(id)}/test`, { method: 'POST' });
  }

  syncConnection(id: string): Promise<Api.SyncRun> {
    return this.json(`/connections/${segment(id)}/sync`, { method: 'POST' });
  }

  listRuns(query?: RunsQuery): Promise<Api.Page<Api.SyncRun>> {
    return this.json(`/runs${toQueryString({ ...query })}`);
  }

  getRun(id: string): Promise<Api.SyncRun> {
    return this.json(`/runs/${segment(id)}`);
  }

  listHistory(query?: HistoryQuery): Promise<Api.Page<Api.HistoryEntry>> {
    return this.json(`/history${toQueryString({ ...query })}`);
  }

  listDevices(query?: AssetsQuery): Promise<Api.Page<Api.DeviceAsset>> {
    return this.json(`/assets/devices${toQueryString({ ...query })}`);
  }

  listUsers(query?: AssetsQuery): Promise<Api.Page<Api.UserAsset>> {
    return this.json(`/assets/users${toQueryString({ ...query })}`);
  }

  getDevice(connectionId: string, id: string): Promise<Api.DeviceAssetDetail> {
    return this.json(`/assets/devices/${segment(connectionId)}/${segment(id)}`);
  }

  getUser(connectionId: string, id: string): Promise<Api.UserAssetDetail> {
    return this.json(`/assets/users/${segment(connectionId)}/${segment(id)}`);
  }

  listChecks(): Promise<Api.CheckDefinitionInfo[]> {
    return this.json('/checks');
  }

  getChecksSummary(connectionId?: string): Promise<Api.ChecksSummary> {
    return this.json(`/checks/summary${toQueryString({ connectionId })}`);
  }

  async exportFrameworksCsv(query?: FrameworksExportQuery): Promise<Blob> {
    const response = await this.request(
      `/frameworks/export.csv${toQueryString({ ...query })}`,
    );
    return response.blob();
  }

  listFindings(query?: FindingsQuery): Promise<Api.Page<Api.Finding>> {
    return this.json(`/findings${toQueryString({ ...query })}`);
  }

  prefetchFindings(query?: FindingsQuery): void {
    this.prefetch(`/findings${toQueryString({ ...query })}`);
  }

  getFinding(id: string): Promise<Api.Finding> {
    return this.json(`/findings/${segment(id)}`);
  }

  async exportFindingsCsv(query?: FindingsQuery): Promise<Blob> {
    const { limit: _limit, offset: _offset, ...filters } = query ?? {};
    const response = await this.request(
      `/findings/export.csv${toQueryString({ ...filters })}`,
    );
    return response.blob();
  }

  createException(input: RiskExceptionInput): Promise<Api.RiskException> {
    return this.json('/exceptions', { method: 'POST', body: input });
  }

  async deleteException(id: string): Promise<void> {
    await this.request(`/exceptions/${segment(id)}`, { method: 'DELETE' });
  }

  getPosture(connectionId?: string): Promise<Api.Posture> {
    return this.json(`/posture${toQueryString({ connectionId })}`);
  }

  getPostureTrend(connectionId?: string): Promise<Api.PostureTrendPoint[]> {
    return this.json(`/posture/trend${toQueryString({ connectionId })}`);
  }

  getEntityPosture(
    connectionId: string,
    entityId: string,
  ): Promise<Api.EntityPosture> {
    return this.json(
      `/posture/entity${toQueryString({ connectionId, entityId })}`,
    );
  }

  listEvidence(query?: EvidenceQuery): Promise<Api.Page<Api.EvidenceRun>> {
    return this.json(`/evidence${toQueryString({ ...query })}`);
  }

  async exportEvidence(runId: string, format: 'json' | 'csv'): Promise<Blob> {
    const response = await this.request(
      `/evidence/${segment(runId)}/export${toQueryString({ format })}`,
    );
    return response.blob();
  }

  verifyEvidence(connectionId?: string): Promise<Api.EvidenceVerification> {
    return this.json(`/evidence/verify${toQueryString({ connectionId })}`, {
      method: 'POST',
    });
  }

  private async json<T>(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<T> {
    const prefetched = init ? undefined : this.takePrefetched(path);
    if (prefetched) return prefetched as Promise<T>;
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  /** Starts a GET for a later read of the same path (see `prefetched`). */
  private prefetch(path: string) {
    const now = Date.now();
    for (const [key, entry] of this.prefetched) {
      if (
        entry.arrivedAt !== undefined &&
        now - entry.arrivedAt > PREFETCH_FRESH_MS
      )
        this.prefetched.delete(key);
    }
    const key = cacheKey(path);
    const entry: Prefetched = {
      promise: this.request(path).then(response => response.json()),
    };
    entry.promise.then(
      () => {
        entry.arrivedAt = Date.now();
      },
      () => {
        // A failed prefetch serves nobody: the reader asks again.
        if (this.prefetched.get(key) === entry) this.prefetched.delete(key);
      },
    );
    this.prefetched.set(key, entry);
  }

  private takePrefetched(path: string): Promise<unknown> | undefined {
    const key = cacheKey(path);
    const entry = this.prefetched.get(key);
    if (!entry) return undefined;
    this.prefetched.delete(key);
    if (
      entry.arrivedAt !== undefined &&
      Date.now() - entry.arrivedAt > PREFETCH_FRESH_MS
    )
      return undefined;
    return entry.promise;
  }

  private async request(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('jumpcloud');
    const hasBody = init.body !== undefined;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: hasBody ? { 'content-type': 'application/json' } : undefined,
      body: hasBody ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
