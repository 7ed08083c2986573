import type {
  ConnectionTestResult,
  JumpCloudRegion,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type {
  JcAdmin,
  JcAppleMdm,
  JcApplication,
  JcAuthnPolicy,
  JcDirectoryEvent,
  JcGraphConnection,
  JcGroup,
  JcOrganization,
  JcOrganizationSummary,
  JcPolicy,
  JcPolicyResult,
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
} from '../types';
import {
  adminsSpec,
  appleMdmsSpec,
  applicationsSpec,
  authnPoliciesSpec,
  groupAssociationsSpec,
  groupMembersSpec,
  objectAssociationsSpec,
  organizationsSpec,
  policiesSpec,
  policyStatusesSpec,
  systemGroupsSpec,
  systemInsightsSpec,
  systemsSpec,
  systemUsersSpec,
  userGroupsSpec,
} from './collections';
import { readDirectoryEvents } from './directoryEvents';
import { CLIENT_DEFAULTS, setUpClient } from './clientSetup';
import type { JumpCloudHttp } from './http/JumpCloudHttp';
import type { RequestScheduler } from './http/RequestScheduler';
import { JumpCloudError } from './JumpCloudError';
import {
  collectAll,
  ListSpec,
  readCollection,
  ReadOptions,
  ReadSummary,
} from './paging';
import {
  readSystemInsights,
  SystemInsightsReadOptions,
} from './systemInsights';
import { regionProbeUrls } from './regions';
import { runConnectionTest } from './testConnection';
import type {
  CollectedList,
  DirectoryEventsQuery,
  JumpCloudClientOptions,
  JumpCloudClientStats,
  JumpCloudCredentialType,
  ListOptions,
} from './types';

/**
 * Read-only JumpCloud API client: every collection paged to its reported
 * total with count reconciliation, bounded concurrency, a request-rate cap,
 * retries with backoff, and errors a UI can explain.
 *
 * @public
 */
export class JumpCloudClient {
  readonly region: JumpCloudRegion;
  readonly consoleUrl: string;
  readonly insightsUrl: string;
  readonly orgId?: string;
  /** @internal */
  readonly http: JumpCloudHttp;
  private readonly options: JumpCloudClientOptions;
  private readonly scheduler: RequestScheduler;

  /** API key or service account (never the secret itself). */
  readonly credentialType: JumpCloudCredentialType;

  constructor(options: JumpCloudClientOptions) {
    const { credentialType, hosts, orgId, scheduler, http } =
      setUpClient(options);
    this.credentialType = credentialType;
    this.options = options;
    this.region = hosts.region;
    this.consoleUrl = hosts.consoleUrl;
    this.insightsUrl = hosts.insightsUrl;
    this.orgId = orgId;
    this.scheduler = scheduler;
    this.http = http;
  }

  /** Counters over every request of this client (live object). */
  get stats(): Readonly<JumpCloudClientStats> {
    return this.http.stats;
  }

  /**
   * The request rate of this client's credential: the configured ceiling,
   * the rate admitted now (each 429 cuts it for every request, successes
   * bring it back) and how many times a 429 cut it.
   */
  get requestRate(): { configured: number; current: number; cuts: number } {
    return {
      configured:
        this.options.requestsPerSecond ?? CLIENT_DEFAULTS.requestsPerSecond,
      current: this.scheduler.currentRate,
      cuts: this.scheduler.rateDecreases,
    };
  }

  /** Concurrency the client runs with (for planners that size their fan-out). */
  get maxConcurrency(): number {
    return this.options.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency;
  }

  /** @internal Console URLs of the other regions, for wrong-region probes. */
  get regionProbeUrls(): Partial<Record<JumpCloudRegion, string>> {
    return regionProbeUrls(this.options);
  }

  // ---- generic reads -------------------------------------------------------

  /**
   * Pages of a collection; the generator's return value is the summary
   * (total, requests, count mismatch). Used by fetchOrgSnapshot.
   */
  pages<T>(
    spec: ListSpec<T>,
    options: ReadOptions = {},
  ): AsyncGenerator<T[], ReadSummary> {
    return readCollection(this.http, spec, {
      prefetch: this.maxConcurrency,
      ...options,
    });
  }

  /**
   * Every item of a collection. After the last item, a count mismatch
   * throws a `count_mismatch` JumpCloudError (unless `strictCount: false`).
   */
  async *list<T>(
    spec: ListSpec<T>,
    options: ListOptions = {},
  ): AsyncGenerator<T> {
    yield* itemsOf(this.pages(spec, options), options.strictCount, mismatch =>
      this.options.logger?.warn(mismatch.message, {
        capability: mismatch.capability,
      }),
    );
  }

  /** A whole collection in memory, with its reconciliation outcome. */
  async collect<T>(
    spec: ListSpec<T>,
    options: Omit<ListOptions, 'strictCount'> = {},
  ): Promise<CollectedList<T>> {
    const { items, summary } = await collectAll(this.pages(spec, options));
    return {
      items,
      total: summary.total,
      pages: summary.pages,
      mismatch: summary.mismatch,
    };
  }

  // ---- collections ---------------------------------------------------------

  systems(
    options?: ListOptions & { fields?: string[] },
  ): AsyncGenerator<JcSystem> {
    return this.list(systemsSpec(options?.fields), options);
  }

  systemUsers(
    options?: ListOptions & { fields?: string[] },
  ): AsyncGenerator<JcSystemUser> {
    return this.list(systemUsersSpec(options?.fields), options);
  }

  /** Console administrators (undocumented `/api/users`; sent without x-org-id). */
  admins(options?: ListOptions): AsyncGenerator<JcAdmin> {
    return this.list(adminsSpec(), options);
  }

  applications(options?: ListOptions): AsyncGenerator<JcApplication> {
    return this.list(applicationsSpec(), options);
  }

  userGroups(options?: ListOptions): AsyncGenerator<JcGroup> {
    return this.list(userGroupsSpec(), options);
  }

  systemGroups(options?: ListOptions): AsyncGenerator<JcGroup> {
    return this.list(systemGroupsSpec(), options);
  }

  userGroupMembers(
    groupId: string,
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(groupMembersSpec('usergroups', groupId), options);
  }

  systemGroupMembers(
    groupId: string,
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(groupMembersSpec('systemgroups', groupId), options);
  }

  /** Direct associations of a user group (targets e.g. ['system', 'system_group']). */
  userGroupAssociations(
    groupId: string,
    targets: string[],
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(
      groupAssociationsSpec('usergroups', groupId, targets),
      options,
    );
  }

  /** Direct associations of a system group (targets e.g. ['user', 'user_group']). */
  systemGroupAssociations(
    groupId: string,
    targets: string[],
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(
      groupAssociationsSpec('systemgroups', groupId, targets),
      options,
    );
  }

  /** Direct associations of one user (targets e.g. ['system', 'system_group']). */
  userAssociations(
    userId: string,
    targets: string[],
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(objectAssociationsSpec('users', userId, targets), options);
  }

  /** Direct associations of one device (targets e.g. ['user', 'user_group']). */
  systemAssociations(
    systemId: string,
    targets: string[],
    options?: ListOptions,
  ): AsyncGenerator<JcGraphConnection> {
    return this.list(
      objectAssociationsSpec('systems', systemId, targets),
      options,
    );
  }

  policies(options?: ListOptions): AsyncGenerator<JcPolicy> {
    return this.list(policiesSpec(), options);
  }

  policyStatuses(
    policyId: string,
    options?: ListOptions,
  ): AsyncGenerator<JcPolicyResult> {
    return this.list(policyStatusesSpec(policyId), options);
  }

  /**
   * One System Insights table for all devices (10 000 rows a request), each
   * device's rows whole and once, also while the table is rewritten (see
   * readSystemInsights; give `systemIds`, the device list, to prove it).
   * With a `filter`, the filtered rows as a plain list.
   */
  async *systemInsights(
    table: string,
    options: ListOptions & {
      filter?: string;
      systemIds?: readonly string[];
    } = {},
  ): AsyncGenerator<JcSystemInsightsRow> {
    if (options.filter) {
      yield* this.list(systemInsightsSpec(table, options.filter), options);
      return;
    }
    yield* itemsOf(
      this.systemInsightsPages(table, options),
      options.strictCount,
    );
  }

  /** Pages of one System Insights table (see readSystemInsights); returns the summary. */
  systemInsightsPages(
    table: string,
    options: SystemInsightsReadOptions = {},
  ): AsyncGenerator<JcSystemInsightsRow[], ReadSummary> {
    return readSystemInsights(this.http, table, {
      prefetch: this.maxConcurrency,
      ...options,
    });
  }

  authnPolicies(options?: ListOptions): AsyncGenerator<JcAuthnPolicy> {
    return this.list(authnPoliciesSpec(), options);
  }

  appleMdms(options?: ListOptions): AsyncGenerator<JcAppleMdm> {
    return this.list(appleMdmsSpec(), options);
  }

  /** Directory Insights events of a time window, reconciled with /events/count. */
  async *directoryEvents(
    query: DirectoryEventsQuery,
    options: ListOptions = {},
  ): AsyncGenerator<JcDirectoryEvent> {
    yield* itemsOf(
      this.directoryEventPages(query, options),
      options.strictCount,
    );
  }

  /** Pages of Directory Insights events; returns the summary. */
  directoryEventPages(
    query: DirectoryEventsQuery,
    options: ReadOptions = {},
  ): AsyncGenerator<JcDirectoryEvent[], ReadSummary> {
    return readDirectoryEvents(this.http, query, options);
  }

  // ---- organisations -------------------------------------------------------

  /** The organisations this key can see (for an org picker); no x-org-id. */
  async listOrganizations(
    options: { signal?: AbortSignal } = {},
  ): Promise<JcOrganizationSummary[]> {
    const result = await this.collect(organizationsSpec(), options);
    return result.items;
  }

  /** One organisation with its settings (`/api/organizations/{id}`, no x-org-id). */
  async getOrganization(
    orgId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<JcOrganization> {
    const response = await this.http.request({
      host: 'console',
      path: `/api/organizations/${encodeURIComponent(orgId)}`,
      orgScoped: false,
      capability: 'orgSettings',
      signal: options.signal,
    });
    const body = response.body as JcOrganization | null;
    if (!body || typeof body !== 'object' || typeof body._id !== 'string') {
      throw new JumpCloudError(
        'malformed_response',
        'JumpCloud sent an organisation without an _id.',
        { capability: 'orgSettings' },
      );
    }
    return body;
  }

  /**
   * Verifies key, region and organisation, then probes each capability
   * (users, devices, groups, policies, System Insights, Directory Insights,
   * admins, org settings) and reports counts or a specific error for each.
   */
  testConnection(
    options: { signal?: AbortSignal } = {},
  ): Promise<ConnectionTestResult> {
    return runConnectionTest(this, options);
  }
}

/**
 * The items of a read, page after page. A count mismatch after the last
 * item is handed to `warn`, then thrown unless `strictCount` is false.
 */
async function* itemsOf<T>(
  reader: AsyncGenerator<T[], ReadSummary>,
  strictCount: boolean | undefined,
  warn?: (mismatch: JumpCloudError) => void,
): AsyncGenerator<T> {
  for (;;) {
    const step = await reader.next();
    if (step.done) {
      const mismatch = step.value.mismatch;
      if (mismatch) {
        warn?.(mismatch);
        if (strictCount !== false) throw mismatch;
      }
      return;
    }
    yield* step.value;
  }
}
