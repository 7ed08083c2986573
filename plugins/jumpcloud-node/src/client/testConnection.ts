import {
  Capability,
  CAPABILITY_LABELS,
  CapabilityResult,
  ConnectionTestResult,
  coverageStateOf,
  JumpCloudRegion,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
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
import { countDirectoryEvents, eventsBody } from './directoryEvents';
import { ServiceAccountAuth } from './http/auth';
import { JumpCloudError } from './JumpCloudError';
import type { JumpCloudClient } from './JumpCloudClient';
import { requestPage } from './pageEnvelope';
import { collectAll, ListSpec } from './paging';
import { resolveTokenUrl } from './regions';

const REGION_LABELS: Record<JumpCloudRegion, string> = {
  us: 'United States (US)',
  eu: 'European Union (EU)',
  in: 'India (IN)',
};

/** Days of Directory Insights events counted by Test Connection. */
const DI_TEST_DAYS = 30;

function asJumpCloudError(error: unknown, capability?: string): JumpCloudError {
  if (error instanceof JumpCloudError) return error;
  return new JumpCloudError(
    'internal',
    `Unexpected failure${capability ? ` (${capability})` : ''}: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { capability },
  );
}

/**
 * A 401 "invalid key" may really be a key of another region: JumpCloud
 * answers the same 401 for both. Ask the other regions' hosts once (no
 * retries); if one accepts the key, say which region to pick. A service
 * account asks the other regions' token endpoints instead.
 */
export async function explainKeyFailure(
  client: JumpCloudClient,
  error: JumpCloudError,
  signal?: AbortSignal,
): Promise<JumpCloudError> {
  if (error.kind !== 'invalid_key') return error;
  const probes = Object.entries(client.regionProbeUrls).filter(
    ([, url]) => url && url.replace(/\/+$/, '') !== client.consoleUrl,
  ) as Array<[JumpCloudRegion, string]>;
  const auth = client.http.auth;
  const wrongRegion = (region: JumpCloudRegion, url: string) =>
    new JumpCloudError(
      'wrong_region',
      `This ${auth.noun} belongs to an organisation in the ${REGION_LABELS[region]} region (${url}), not ${client.consoleUrl}. Choose that region.`,
      { status: 401, capability: error.capability },
    );
  for (const [region, url] of probes) {
    if (auth instanceof ServiceAccountAuth) {
      const tokenUrl = resolveTokenUrl({ apiUrl: url });
      if (await auth.acceptedAt(tokenUrl, signal)) {
        return wrongRegion(region, url);
      }
      continue;
    }
    try {
      await client.http.request({
        host: 'console',
        baseUrl: url.replace(/\/+$/, ''),
        path: '/api/organizations',
        query: { limit: 1, fields: '_id' },
        orgScoped: false,
        capability: 'organizations',
        maxRetries: 0,
        probe: true,
        signal,
      });
      return wrongRegion(region, url);
    } catch (probeError) {
      if (
        probeError instanceof JumpCloudError &&
        probeError.kind === 'cancelled'
      ) {
        throw probeError;
      }
      // Not this region either; keep looking.
    }
  }
  return error;
}

/** The first item and the total of a collection, in one request. */
async function firstOf<T>(
  client: JumpCloudClient,
  spec: ListSpec<T>,
  signal?: AbortSignal,
): Promise<{ first?: T; total: number }> {
  const page = await requestPage(
    client.http,
    spec,
    { ...spec.query, limit: 1, skip: 0 },
    { maxRetries: 1, signal },
  );
  return { first: page.items[0], total: page.total ?? page.items.length };
}

async function countWithOneRequest<T>(
  client: JumpCloudClient,
  spec: ListSpec<T>,
  signal?: AbortSignal,
): Promise<number> {
  return (await firstOf(client, spec, signal)).total;
}

/** One probe per capability: each route a sync reads, asked for one item. */
function probesFor(
  client: JumpCloudClient,
  orgId: string | undefined,
  signal?: AbortSignal,
): Record<Capability, () => Promise<number | undefined>> {
  return {
    users: () => countWithOneRequest(client, systemUsersSpec(['_id']), signal),
    devices: () => countWithOneRequest(client, systemsSpec(['_id']), signal),
    groups: async () => {
      const [userGroups, systemGroups] = await Promise.all([
        countWithOneRequest(client, userGroupsSpec(), signal),
        countWithOneRequest(client, systemGroupsSpec(), signal),
      ]);
      return userGroups + systemGroups;
    },
    // Memberships and device access: a group's members and associations,
    // a user's associations (the graph routes roles may refuse).
    associations: async () => {
      const [group, user] = await Promise.all([
        firstOf(client, userGroupsSpec(), signal),
        firstOf(client, systemUsersSpec(['_id']), signal),
      ]);
      const reads: Array<Promise<number>> = [];
      if (group.first?.id) {
        reads.push(
          countWithOneRequest(
            client,
            groupMembersSpec('usergroups', group.first.id),
            signal,
          ),
          countWithOneRequest(
            client,
            groupAssociationsSpec('usergroups', group.first.id, [
              'system',
              'system_group',
            ]),
            signal,
          ),
        );
      }
      if (user.first?._id) {
        reads.push(
          countWithOneRequest(
            client,
            objectAssociationsSpec('users', user.first._id, ['system']),
            signal,
          ),
        );
      }
      await Promise.all(reads);
      return undefined;
    },
    // Policies and their results per device.
    policies: async () => {
      const policies = await firstOf(client, policiesSpec(), signal);
      if (policies.first?.id) {
        await countWithOneRequest(
          client,
          policyStatusesSpec(policies.first.id),
          signal,
        );
      }
      return policies.total;
    },
    systemInsights: () =>
      countWithOneRequest(client, systemInsightsSpec('system_info'), signal),
    directoryInsights: () =>
      countDirectoryEvents(
        client.http,
        eventsBody({
          startTime: new Date(
            Date.now() - DI_TEST_DAYS * 86_400_000,
          ).toISOString(),
        }),
        signal,
      ),
    admins: () => countWithOneRequest(client, adminsSpec(), signal),
    orgSettings: async () => {
      if (orgId) await client.getOrganization(orgId, { signal });
      return undefined;
    },
    applications: () => countWithOneRequest(client, applicationsSpec(), signal),
    authnPolicies: () =>
      countWithOneRequest(client, authnPoliciesSpec(), signal),
    appleMdms: () => countWithOneRequest(client, appleMdmsSpec(), signal),
  };
}

/** The verdict in one line an admin reads first. */
function summarize(result: ConnectionTestResult, noun: string): string {
  if (result.error) return result.error.message;
  const unavailable = (
    Object.entries(result.capabilities) as Array<[Capability, CapabilityResult]>
  ).filter(([, outcome]) => outcome.state !== 'available');
  const words = unavailable.map(([capability, outcome]) => {
    const label = CAPABILITY_LABELS[capability] ?? capability;
    switch (outcome.state) {
      case 'not_in_plan':
        return `${label}: not in the organisation's plan`;
      case 'not_permitted':
        return `${label}: not permitted for this ${noun}`;
      default:
        return `${label}: failed (${
          outcome.error?.kind ?? 'error'
        }; test again later)`;
    }
  });
  if (!result.ok) {
    return `This ${noun} cannot read the organisation's users and devices. ${words.join(
      '; ',
    )}.`;
  }
  if (words.length === 0) {
    return 'The connection works: everything a sync reads is available.';
  }
  return `The connection works, with limits. ${words.join(
    '; ',
  )}. A sync leaves ${words.length === 1 ? 'it' : 'them'} out.`;
}

/** Implementation of JumpCloudClient.testConnection. */
export async function runConnectionTest(
  client: JumpCloudClient,
  options: { signal?: AbortSignal } = {},
): Promise<ConnectionTestResult> {
  const started = Date.now();
  const { signal } = options;
  const noun = client.http.auth.noun;
  const result: ConnectionTestResult = {
    ok: false,
    limited: false,
    summary: '',
    organizations: [],
    multiTenant: false,
    capabilities: {},
    durationMs: 0,
  };
  const finish = (error?: JumpCloudError): ConnectionTestResult => {
    if (error) result.error = error.toDetail();
    result.limited =
      result.ok &&
      Object.values(result.capabilities).some(
        outcome => outcome?.state !== 'available',
      );
    result.summary = summarize(result, noun);
    result.durationMs = Date.now() - started;
    return result;
  };

  // 1. The key and region: the organisations need no x-org-id. Every page
  // of them: an MSP's key sees hundreds.
  try {
    const { items, summary } = await collectAll(
      client.pages(organizationsSpec(), { signal, maxRetries: 1 }),
    );
    result.organizations = items.map(org => ({
      id: org._id,
      name: org.displayName || org._id,
    }));
    result.multiTenant = Math.max(items.length, summary.total) > 1;
  } catch (error) {
    const failure = asJumpCloudError(error, 'organizations');
    return finish(
      failure.kind === 'cancelled'
        ? failure
        : await explainKeyFailure(client, failure, signal),
    );
  }

  // 2. The organisation.
  if (result.multiTenant && !client.orgId) {
    return finish(
      new JumpCloudError(
        'org_required',
        `This ${noun} sees ${result.organizations.length} organisations: choose the one to read.`,
        { capability: 'organizations' },
      ),
    );
  }
  if (
    client.orgId &&
    result.organizations.length > 0 &&
    !result.organizations.some(org => org.id === client.orgId)
  ) {
    return finish(
      new JumpCloudError(
        'unknown_org',
        `The organisation ${client.orgId} is not one this ${noun} can read.`,
        { capability: 'organizations' },
      ),
    );
  }
  const orgId = client.orgId ?? result.organizations[0]?.id;

  // 3. Each capability, in parallel (the client caps concurrency and rate).
  const probes = probesFor(client, orgId, signal);
  const entries = await Promise.all(
    (Object.keys(probes) as Capability[]).map(async capability => {
      try {
        const count = await probes[capability]();
        const outcome: CapabilityResult = { ok: true, state: 'available' };
        if (count !== undefined) outcome.count = count;
        return [capability, outcome, undefined] as const;
      } catch (error) {
        const failure = asJumpCloudError(error, capability).withCapability(
          capability,
        );
        const detail = failure.toDetail();
        const outcome: CapabilityResult = {
          ok: false,
          state: coverageStateOf(detail),
          error: detail,
        };
        return [capability, outcome, failure] as const;
      }
    }),
  );
  let fatal: JumpCloudError | undefined;
  for (const [capability, outcome, failure] of entries) {
    result.capabilities[capability] = outcome;
    if (failure?.fatal && !fatal) fatal = failure;
  }
  if (fatal) return finish(fatal);
  result.ok = Boolean(
    result.capabilities.users?.ok && result.capabilities.devices?.ok,
  );
  return finish();
}
