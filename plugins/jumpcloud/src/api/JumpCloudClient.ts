import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CheckDefinitionInfo,
  Connection,
  ConnectionInput,
  ConnectionTestResult,
  DeviceAsset,
  DeviceAssetDetail,
  EntityPosture,
  Finding,
  HistoryEntry,
  Page,
  Posture,
  PostureTrendPoint,
  RiskException,
  SyncRun,
  UserAsset,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudApi } from './JumpCloudApi';
import type {
  AssetsQuery,
  FindingsQuery,
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

/**
 * Calls the JumpCloud backend plugin with the user's Backstage token.
 *
 * @public
 */
export class JumpCloudClient implements JumpCloudApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listConnections(): Promise<Connection[]> {
    return this.json('/connections');
  }

  getConnection(id: string): Promise<Connection> {
    return this.json(`/connections/${segment(id)}`);
  }

  createConnection(input: ConnectionInput): Promise<Connection> {
    return this.json('/connections', { method: 'POST', body: input });
  }

  updateConnection(id: string, input: ConnectionInput): Promise<Connection> {
    return this.json(`/connections/${segment(id)}`, {
      method: 'PATCH',
      body: input,
    });
  }

  async deleteConnection(id: string): Promise<void> {
    await this.request(`/connections/${segment(id)}`, { method: 'DELETE' });
  }

  testConnection(input: ConnectionInput): Promise<ConnectionTestResult> {
    return this.json('/connections/test', { method: 'POST', body: input });
  }

  testSavedConnection(id: string): Promise<ConnectionTestResult> {
    return this.json(`/connections/${segment(id)}/test`, { method: 'POST' });
  }

  syncConnection(id: string): Promise<SyncRun> {
    return this.json(`/connections/${segment(id)}/sync`, { method: 'POST' });
  }

  listRuns(query?: RunsQuery): Promise<Page<SyncRun>> {
    return this.json(`/runs${toQueryString({ ...query })}`);
  }

  getRun(id: string): Promise<SyncRun> {
    return this.json(`/runs/${segment(id)}`);
  }

  listHistory(query?: HistoryQuery): Promise<Page<HistoryEntry>> {
    return this.json(`/history${toQueryString({ ...query })}`);
  }

  listDevices(query?: AssetsQuery): Promise<Page<DeviceAsset>> {
    return this.json(`/assets/devices${toQueryString({ ...query })}`);
  }

  listUsers(query?: AssetsQuery): Promise<Page<UserAsset>> {
    return this.json(`/assets/users${toQueryString({ ...query })}`);
  }

  getDevice(connectionId: string, id: string): Promise<DeviceAssetDetail> {
    return this.json(`/assets/devices/${segment(connectionId)}/${segment(id)}`);
  }

  getUser(connectionId: string, id: string): Promise<UserAssetDetail> {
    return this.json(`/assets/users/${segment(connectionId)}/${segment(id)}`);
  }

  listChecks(): Promise<CheckDefinitionInfo[]> {
    return this.json('/checks');
  }

  listFindings(query?: FindingsQuery): Promise<Page<Finding>> {
    return this.json(`/findings${toQueryString({ ...query })}`);
  }

  getFinding(id: string): Promise<Finding> {
    return this.json(`/findings/${segment(id)}`);
  }

  async exportFindingsCsv(query?: FindingsQuery): Promise<Blob> {
    const { limit: _limit, offset: _offset, ...filters } = query ?? {};
    const response = await this.request(
      `/findings/export.csv${toQueryString({ ...filters })}`,
    );
    return response.blob();
  }

  createException(input: RiskExceptionInput): Promise<RiskException> {
    return this.json('/exceptions', { method: 'POST', body: input });
  }

  async deleteException(id: string): Promise<void> {
    await this.request(`/exceptions/${segment(id)}`, { method: 'DELETE' });
  }

  getPosture(connectionId?: string): Promise<Posture> {
    return this.json(`/posture${toQueryString({ connectionId })}`);
  }

  getPostureTrend(connectionId?: string): Promise<PostureTrendPoint[]> {
    return this.json(`/posture/trend${toQueryString({ connectionId })}`);
  }

  getEntityPosture(
    connectionId: string,
    entityId: string,
  ): Promise<EntityPosture> {
    return this.json(
      `/posture/entity${toQueryString({ connectionId, entityId })}`,
    );
  }

  private async json<T>(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
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
