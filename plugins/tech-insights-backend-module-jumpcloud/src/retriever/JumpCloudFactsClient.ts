import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** One device or user of GET /api/jumpcloud/facts. */
export interface JumpCloudEntityFacts {
  kind: 'device' | 'user';
  id: string;
  name: string;
  diskEncrypted: boolean | null;
  mfaEnrolled: boolean | null;
  lastContact: string | null;
  failingChecks: {
    critical: number;
    high: number;
    medium: number;
    low: number;
  };
}

interface FactsPage {
  items: JumpCloudEntityFacts[];
  totalCount: number;
}

const PAGE_SIZE = 1000;

/**
 * Reads the JumpCloud backend's REST API as the tech-insights plugin (a
 * service token): the connections and each one's facts, a page at a time.
 */
export class JumpCloudFactsClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async connections(): Promise<Array<{ id: string; name: string }>> {
    return this.get('/catalog/connections');
  }

  async *facts(
    connectionId: string,
    kind: 'device' | 'user',
  ): AsyncGenerator<JumpCloudEntityFacts> {
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const query = new URLSearchParams({
        connectionId,
        kind,
        limit: String(PAGE_SIZE),
        offset: String(offset),
      });
      const page: FactsPage = await this.get(`/facts?${query}`);
      yield* page.items;
      if (
        page.items.length < PAGE_SIZE ||
        offset + PAGE_SIZE >= page.totalCount
      )
        return;
    }
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl('jumpcloud');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'jumpcloud',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
