import type { JsonObject, SizeSpec } from '../types';
import { generateAdmins, type AdminSeed } from './generateAdmins';
import { generateEvents } from './generateEvents';
import { generateGroups, generateUserBindings } from './generateGroups';
import { generateOrganization } from './generateOrganization';
import {
  generateApplications,
  generateAppleMdms,
  generateAuthnPolicies,
} from './generateOrgObjects';
import { generatePolicies } from './generatePolicies';
import { generateSystems, osFamilyOf } from './generateSystems';
import { generateUsers } from './generateUsers';
import type { OrgData } from './model';
import { ORG_NAMES } from './names';
import { OrgIndex } from './orgIndex';
import { DAY_MS, Random } from './random';
import { scaleSize, softwareProfile } from './sizes';

/** Admins that own the simulator's built-in keys (ids are deterministic per seed). */
export interface KeyOwnerSeeds {
  /** Owners listed in every org (the multi-tenant admin) or only the primary org. */
  primary: AdminSeed[];
  everyOrg: AdminSeed[];
}

export interface SimulatorDataset {
  seed: number;
  spec: SizeSpec;
  nowMs: number;
  orgs: OrgData[];
  /** Indexes per org id (rebuilt after mutations). */
  index: Map<string, OrgIndex>;
  primaryOrgId: string;
}

/** Start of the current UTC day: data stays identical across restarts on one day. */
export function defaultNow(): number {
  const now = Date.now();
  return now - (now % DAY_MS);
}

function domainOf(name: string): string {
  return `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '')}.example`;
}

export interface OrgIdentity {
  index: number;
  id: string;
  name: string;
  domain: string;
  createdMs: number;
}

/**
 * An organisation's id, name and age, known without generating it. The first
 * orgs keep their long-standing values; MSP tenants past the list of names
 * are numbered ("Initech Labs 3") and were created within the last few years.
 */
export function orgIdentity(
  seed: number,
  index: number,
  nowMs: number,
): OrgIdentity {
  const base = ORG_NAMES[(seed + index) % ORG_NAMES.length];
  const tenant = index >= ORG_NAMES.length;
  const ageDays = tenant ? 200 + ((index * 37) % 1200) : 1500 + index * 100;
  const createdMs = nowMs - ageDays * DAY_MS;
  const n = Math.floor(index / ORG_NAMES.length) + 1;
  return {
    index,
    id: Random.derive(seed, `org${index}:id`).objectId(createdMs),
    name: tenant ? `${base} ${n}` : base,
    domain: tenant
      ? domainOf(base).replace(/\.example$/, `${n}.example`)
      : domainOf(base),
    createdMs,
  };
}

/** What a list of organisations and of console admins shows, without the rest of the org. */
export interface OrgHeader {
  identity: OrgIdentity;
  organization: JsonObject;
  admins: JsonObject[];
}

export function orgHeader(
  seed: number,
  index: number,
  spec: SizeSpec,
  nowMs: number,
  owners: AdminSeed[],
): OrgHeader {
  const r = (label: string) => Random.derive(seed, `org${index}:${label}`);
  const identity = orgIdentity(seed, index, nowMs);
  const { id, name, domain, createdMs } = identity;
  const organization = generateOrganization(
    r('organization'),
    index,
    id,
    name,
    createdMs,
  );
  const strict = index % 3 === 1;
  const admins = generateAdmins(
    r('admins'),
    id,
    domain,
    owners,
    spec.admins,
    strict,
    nowMs,
  );
  return { identity, organization, admins };
}

/** One organisation; `header` when its record and admins were made already (lazy MSP tenants). */
export function generateOrg(
  seed: number,
  index: number,
  spec: SizeSpec,
  nowMs: number,
  owners: AdminSeed[],
  header: OrgHeader = orgHeader(seed, index, spec, nowMs, owners),
): OrgData {
  const r = (label: string) => Random.derive(seed, `org${index}:${label}`);
  const { organization, admins } = header;
  const { id, name, domain, createdMs: orgCreated } = header.identity;
  // Legacy tags (JumpCloud's predecessor of groups): records carry tag ids.
  const tagsRandom = r('tags');
  const tagIds = Array.from({ length: 4 }, () =>
    tagsRandom.objectId(orgCreated + tagsRandom.int(30, 400) * DAY_MS),
  );
  const users = generateUsers(
    r('users'),
    id,
    domain,
    spec.users,
    nowMs,
    tagIds,
  );
  const activeUserIds = users
    .filter(u => u.state === 'ACTIVATED')
    .map(u => u._id as string);
  const systems = generateSystems(
    r('systems'),
    id,
    spec.devices,
    spec.systemInsightsShare,
    nowMs,
    activeUserIds,
  );
  for (const s of systems) {
    if (tagsRandom.chance(0.15))
      s.tags = tagsRandom.sample(tagIds, tagsRandom.int(1, 2));
  }
  // Make a few devices belong only to suspended users (DEV-12).
  const suspended = users.filter(u => u.state === 'SUSPENDED');
  const ownersRandom = r('owners');
  for (const s of systems) {
    if (suspended.length > 0 && ownersRandom.chance(0.03))
      s.primarySystemUser = { id: ownersRandom.pick(suspended)._id };
  }
  // At least one recently seen device held only by a departed user.
  const heldByLeaver = systems.find(
    s =>
      s.lastContact !== null &&
      Date.parse(s.lastContact as string) > nowMs - 14 * DAY_MS,
  );
  if (heldByLeaver && suspended.length > 0)
    heldByLeaver.primarySystemUser = { id: suspended[0]._id };
  const userBindings = generateUserBindings(
    r('bindings'),
    users,
    systems,
    nowMs,
  );
  const groups = generateGroups(
    r('groups'),
    id,
    users,
    systems,
    spec.groups,
    nowMs,
  );
  const apps = generateApplications(
    r('applications'),
    id,
    groups.userGroups,
    nowMs,
  );
  const edges = [...groups.edges, ...userBindings, ...apps.edges];
  // An empty user group that still grants an application (GRP-01).
  const withMembers = new Set(
    groups.edges.filter(e => e.kind === 'member').map(e => e.from.id),
  );
  const emptyGroup = groups.userGroups.find(
    g => !withMembers.has(g.id as string),
  );
  const lastApp = apps.applications[apps.applications.length - 1];
  if (emptyGroup && lastApp) {
    edges.push({
      kind: 'association',
      from: { type: 'application', id: lastApp._id as string },
      to: { type: 'user_group', id: emptyGroup.id as string },
      attributes: null,
    });
  }

  const memberIndex = new Map<string, string[]>();
  for (const e of groups.edges) {
    if (e.kind === 'member' && e.to.type === 'system') {
      const list = memberIndex.get(e.from.id) ?? [];
      list.push(e.to.id);
      memberIndex.set(e.from.id, list);
    }
  }
  const policies = generatePolicies(
    r('policies'),
    systems,
    groups.systemGroups,
    gid => memberIndex.get(gid) ?? [],
    groups.baselineGroups,
    spec.policies,
    nowMs,
  );
  edges.push(...policies.edges);

  // Local accounts the agent reports (DEV-15): the owner is admin on some,
  // and some devices keep a local admin account besides. System Insights'
  // `users` rows follow these.
  const usernames = new Map(
    users.map(u => [u._id as string, u.username as string]),
  );
  const suspendedIds = new Set(suspended.map(u => u._id as string));
  const metrics = r('userMetrics');
  for (const s of systems) {
    const owner = (s.primarySystemUser as { id: string | null }).id;
    if (!owner || osFamilyOf(s) === 'linux') continue;
    const mac = osFamilyOf(s) === 'macOS';
    const ownerName = usernames.get(owner) ?? '';
    const ownerSuspended = suspendedIds.has(owner);
    s.userMetrics = [
      {
        userName: ownerName,
        admin: metrics.chance(0.4),
        managed: true,
        suspended: ownerSuspended,
        secureTokenEnabled: mac && metrics.chance(0.9),
      },
      ...(metrics.chance(0.2)
        ? [
            {
              userName: 'localadmin',
              admin: true,
              managed: false,
              suspended: false,
              secureTokenEnabled: mac,
            },
          ]
        : []),
    ];
  }

  const authnPolicies = generateAuthnPolicies(
    r('authn'),
    index,
    groups.userGroups[0].id as string,
    nowMs,
  );
  const appleMdms = generateAppleMdms(r('applemdms'), index, nowMs).map(m => ({
    ...m,
    organization: id,
  }));
  const directoryInsights = (
    (organization.settings as JsonObject).features as JsonObject
  ).directoryInsights as { enabled: boolean };
  const events = directoryInsights.enabled
    ? generateEvents(
        r('events'),
        {
          orgId: id,
          users,
          admins,
          systems,
          applications: apps.applications,
          userGroups: groups.userGroups,
        },
        spec.events,
        nowMs,
        index === 0,
      )
    : [];

  return {
    id,
    name,
    spec,
    organization,
    systems,
    users,
    admins,
    userGroups: groups.userGroups,
    systemGroups: groups.systemGroups,
    edges,
    policies: policies.policies,
    policyResults: policies.results,
    applications: apps.applications,
    authnPolicies,
    appleMdms,
    events,
  };
}

export function generateDataset(
  seed: number,
  spec: SizeSpec,
  nowMs: number,
  owners: KeyOwnerSeeds,
): SimulatorDataset {
  const orgs: OrgData[] = [];
  orgs.push(
    generateOrg(seed, 0, spec, nowMs, [...owners.primary, ...owners.everyOrg]),
  );
  const extraSpec = scaleSize(spec, spec.extraOrgScale);
  for (let i = 1; i <= spec.extraOrgs; i++)
    orgs.push(generateOrg(seed, i, extraSpec, nowMs, owners.everyOrg));
  // Decided by the primary org's size, so the extra orgs of a benchmark size stay light too.
  const software = softwareProfile(spec);
  const index = new Map(
    orgs.map(o => [o.id, new OrgIndex(o, seed, nowMs, software)]),
  );
  return { seed, spec, nowMs, orgs, index, primaryOrgId: orgs[0].id };
}
