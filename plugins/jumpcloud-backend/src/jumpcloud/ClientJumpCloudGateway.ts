import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  JumpCloudClient,
  fetchOrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { toErrorDetail } from './errorDetail';
import {
  credentialOf,
  type FetchedSnapshot,
  type JumpCloudGateway,
  type JumpCloudTarget,
} from './JumpCloudGateway';

export interface ClientGatewayOptions {
  logger: LoggerService;
  requestsPerSecond?: number;
  maxConcurrency?: number;
  /** Per request attempt; the client's default (30 s) when unset. */
  requestTimeoutMs?: number;
  directoryInsightsDays?: number;
}

/** The gateway backed by the JumpCloud client of plugin-jumpcloud-node. */
export class ClientJumpCloudGateway implements JumpCloudGateway {
  constructor(private readonly options: ClientGatewayOptions) {}

  #client(target: JumpCloudTarget, signal?: AbortSignal): JumpCloudClient {
    return new JumpCloudClient({
      credential: credentialOf(target),
      apiUrl: target.apiUrl,
      region: target.region ?? undefined,
      orgId: target.orgId ?? undefined,
      signal,
      logger: this.options.logger,
      requestsPerSecond: this.options.requestsPerSecond,
      maxConcurrency: this.options.maxConcurrency,
      timeoutMs: this.options.requestTimeoutMs,
    });
  }

  async test(target: JumpCloudTarget, signal?: AbortSignal) {
    return this.#client(target, signal).testConnection();
  }

  async fetchSnapshot(
    target: JumpCloudTarget,
    options: Parameters<JumpCloudGateway['fetchSnapshot']>[1],
  ): Promise<FetchedSnapshot> {
    const client = this.#client(target, options.signal);
    const result = await fetchOrgSnapshot(client, {
      signal: options.signal,
      onProgress: options.onProgress,
      rowSinks: options.rowSinks,
      directoryInsightsDays: this.options.directoryInsightsDays,
    });
    const failures: FetchedSnapshot['failures'] = {};
    for (const [dataType, error] of Object.entries(result.failures)) {
      if (error) failures[dataType] = toErrorDetail(error);
    }
    const counts: Record<string, number> = {};
    for (const [dataType, count] of Object.entries(result.counts)) {
      if (typeof count === 'number') counts[dataType] = count;
    }
    return {
      snapshot: result.snapshot,
      ...(options.rowSinks?.userSystemBindings && result.access
        ? { access: result.access }
        : {}),
      failures,
      counts,
      requests: result.requests,
    };
  }
}
