// The baseline the planned client is measured against: a plain sequential
// client that reads one page at a time and makes per-object calls where
// per-object routes exist (device access per user, policy results per
// device, System Insights per device and table), as most JumpCloud
// integrations do. It retries 429s (honouring Retry-After) like the planned
// client, so neither surfaces rate limiting as errors.
import {
  adminsSpec,
  appleMdmsSpec,
  applicationsSpec,
  authnPoliciesSpec,
  groupMembersSpec,
  JumpCloudClient,
  ListSpec,
  policiesSpec,
  systemGroupsSpec,
  systemsSpec,
  systemUsersSpec,
  SYSTEM_INSIGHTS_TABLES,
  userGroupsSpec,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';

export interface PhaseResult {
  name: string;
  /** Objects the phase covers (1 for a list). */
  objects: number;
  /** Objects actually read (fewer when sampled). */
  sampledObjects: number;
  requests: number;
  minimalRequests: number;
  wallMs: number;
}

export interface SequentialResult {
  sampled: boolean;
  phases: PhaseResult[];
  /** Measured over the objects read. */
  requests: number;
  wallMs: number;
  /** Extrapolated to every object (equal to the measured values when not sampled). */
  estimatedRequests: number;
  estimatedMinimalRequests: number;
  estimatedWallMs: number;
}

const v2 = <T>(path: string, query?: ListSpec<T>['query']): ListSpec<T> => ({
  path,
  envelope: 'v2',
  orgScoped: true,
  pageSize: 100,
  query,
  capability: 'baseline',
});

/** Evenly spread sample of at most `size` items (all when size is undefined). */
function sampleOf<T>(items: T[], size?: number): T[] {
  if (size === undefined || items.length <= size) return items;
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]);
}

export async function readSequentially(
  client: JumpCloudClient,
  options: { samplePerPhase?: number; directoryInsightsDays?: number } = {},
): Promise<SequentialResult> {
  const phases: PhaseResult[] = [];
  const readAll = async <T>(spec: ListSpec<T>) => {
    const result = await client.collect(spec, { signal: undefined });
    return {
      items: result.items,
      pages: result.pages,
      minimal: Math.max(1, Math.ceil(result.total / spec.pageSize)),
    };
  };
  const phase = async <O>(
    name: string,
    objects: O[],
    read: (object: O) => Promise<{ pages: number; minimal: number }>,
    sample = true,
  ) => {
    const chosen = sample ? sampleOf(objects, options.samplePerPhase) : objects;
    const started = performance.now();
    let requests = 0;
    let minimal = 0;
    for (const object of chosen) {
      const outcome = await read(object);
      requests += outcome.pages;
      minimal += outcome.minimal;
    }
    phases.push({
      name,
      objects: objects.length,
      sampledObjects: chosen.length,
      requests,
      minimalRequests: minimal,
      wallMs: performance.now() - started,
    });
  };

  await phase(
    'organization',
    [0],
    async () => {
      const organizations = await client.listOrganizations();
      await client.getOrganization(organizations[0]._id);
      return { pages: 2, minimal: 2 };
    },
    false,
  );

  // Lists, one after the other, one page at a time.
  const lists: Record<string, unknown[]> = {};
  const listSpecs: Array<[string, ListSpec<any>]> = [
    ['systems', systemsSpec()],
    ['users', systemUsersSpec()],
    ['admins', adminsSpec()],
    ['applications', applicationsSpec()],
    ['authnPolicies', authnPoliciesSpec()],
    ['appleMdms', appleMdmsSpec()],
    ['userGroups', userGroupsSpec()],
    ['systemGroups', systemGroupsSpec()],
    ['policies', policiesSpec()],
  ];
  await phase(
    'lists',
    listSpecs,
    async ([name, spec]) => {
      const read = await readAll(spec);
      lists[name] = read.items;
      return read;
    },
    false,
  );
  const ids = (name: string, key: '_id' | 'id') =>
    (lists[name] as Array<Record<string, string>>).map(item => item[key]);
  const systems = lists.systems as Array<{
    _id: string;
    systemInsights?: { state?: string } | null;
  }>;

  // Group sizes vary too much ("All Users") to extrapolate: read them all.
  await phase(
    'group members (per group)',
    ids('userGroups', 'id'),
    id => readAll(groupMembersSpec('usergroups', id)),
    false,
  );
  await phase(
    'device group members (per group)',
    ids('systemGroups', 'id'),
    id => readAll(groupMembersSpec('systemgroups', id)),
    false,
  );
  await phase('device access (per user)', ids('users', '_id'), id =>
    readAll(v2(`/api/v2/users/${id}/systems`)),
  );
  await phase('policy results (per device)', ids('systems', '_id'), id =>
    readAll(v2(`/api/v2/systems/${id}/policystatuses`)),
  );
  const insightsTargets = systems
    .filter(system => system.systemInsights?.state === 'enabled')
    .flatMap(system =>
      SYSTEM_INSIGHTS_TABLES.map(table => ({ table, systemId: system._id })),
    );
  await phase('System Insights (per device and table)', insightsTargets, t =>
    readAll(
      v2(`/api/v2/systeminsights/${t.table}`, {
        filter: `system_id:eq:${t.systemId}`,
      }),
    ),
  );
  const days = options.directoryInsightsDays ?? 30;
  await phase(
    'Directory Insights',
    [0],
    async () => {
      const reader = client.directoryEventPages({
        startTime: new Date(Date.now() - days * 86_400_000).toISOString(),
      });
      let step = await reader.next();
      while (!step.done) step = await reader.next();
      return {
        pages: step.value.pages,
        minimal: 1 + Math.ceil(step.value.total / 10_000),
      };
    },
    false,
  );

  const scale = (result: PhaseResult, value: number) =>
    result.sampledObjects === 0
      ? 0
      : (value * result.objects) / result.sampledObjects;
  const sum = (pick: (result: PhaseResult) => number) =>
    phases.reduce((total, result) => total + pick(result), 0);
  return {
    sampled: phases.some(result => result.sampledObjects < result.objects),
    phases,
    requests: sum(p => p.requests),
    wallMs: sum(p => p.wallMs),
    estimatedRequests: Math.round(sum(p => scale(p, p.requests))),
    estimatedMinimalRequests: Math.round(sum(p => scale(p, p.minimalRequests))),
    estimatedWallMs: sum(p => scale(p, p.wallMs)),
  };
}
