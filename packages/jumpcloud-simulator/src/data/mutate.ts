import type { JsonObject } from '../types';
import { CURRENT_AGENT_VERSION } from './generateOrganization';
import { generateSystems } from './generateSystems';
import { generateUsers } from './generateUsers';
import type { OrgIndex } from './orgIndex';
import { DAY_MS, iso, Random } from './random';

export interface MutationSummary {
  orgId: string;
  percent: number;
  systemsChanged: number;
  usersChanged: number;
  systemsAdded: number;
  usersAdded: number;
  systemsDeleted: number;
  usersDeleted: number;
}

/**
 * Changes `percent`% of an org's devices and users the way a day of real
 * activity does: check-ins, encryption and agent updates, suspensions and MFA
 * enrolments, a few new records and a few deletions (whose graph edges are
 * left dangling, like JumpCloud leaves them). Deterministic per round.
 */
export function mutateOrg(
  index: OrgIndex,
  seed: number,
  round: number,
  percent: number,
  nowMs: number,
): MutationSummary {
  const data = index.data;
  const r = Random.derive(seed, `mutation:${data.id}:${round}`);
  const share = Math.max(0, Math.min(100, percent)) / 100;
  const pickCount = (n: number) => Math.round(n * share);

  const systems = r.sample(data.systems, pickCount(data.systems.length));
  for (const s of systems) {
    const roll = r.next();
    if (roll < 0.4) {
      s.lastContact = iso(nowMs - r.int(0, 3600) * 1000);
      s.active = r.chance(0.6);
    } else if (roll < 0.6) {
      const fde = s.fde as { active: boolean; keyPresent: boolean };
      s.fde = { active: !fde.active, keyPresent: !fde.active && r.chance(0.9) };
    } else if (roll < 0.8) {
      s.agentVersion =
        s.agentVersion === CURRENT_AGENT_VERSION
          ? '2.12.3'
          : CURRENT_AGENT_VERSION;
    } else {
      s.lastContact = iso(nowMs - r.int(31, 120) * DAY_MS);
      s.active = false;
    }
    index.systemInsights.touch(s._id as string);
  }

  const users = r.sample(data.users, pickCount(data.users.length));
  for (const u of users) {
    const roll = r.next();
    if (roll < 0.4) {
      const enrolled =
        (u.mfaEnrollment as JsonObject).overallStatus === 'ENROLLED';
      u.mfaEnrollment = {
        ...(u.mfaEnrollment as JsonObject),
        overallStatus: enrolled ? 'NOT_ENROLLED' : 'ENROLLED',
        totpStatus: enrolled ? 'NOT_ENROLLED' : 'ENROLLED',
      };
      u.mfa = { ...(u.mfa as JsonObject), configured: !enrolled };
      u.totp_enabled = !enrolled;
    } else if (roll < 0.7) {
      const suspend = u.state === 'ACTIVATED';
      u.state = suspend ? 'SUSPENDED' : 'ACTIVATED';
      u.suspended = suspend;
      u.activated = true;
    } else {
      u.department = u.department === '' ? 'Engineering' : '';
    }
  }

  // A few new users/devices (appended: ids are newer) and a few deletions.
  const addUsers = Math.ceil(pickCount(data.users.length) / 10);
  const addSystems = Math.ceil(pickCount(data.systems.length) / 10);
  const addedUsers: JsonObject[] = generateUsers(
    r,
    data.id,
    'new-hires.example',
    addUsers,
    nowMs,
  ).map((u, i) => ({
    ...u,
    created: iso(nowMs - 1000 + i),
  }));
  for (const u of addedUsers) {
    const id = r.objectId(nowMs);
    u._id = id;
    u.id = id;
    u.username = `${u.username as string}.${round}`;
  }
  const addedSystems = generateSystems(
    r,
    data.id,
    addSystems,
    0.8,
    nowMs,
    addedUsers.map(u => u._id as string),
  );
  for (const s of addedSystems) {
    const id = r.objectId(nowMs);
    s._id = id;
    s.id = id;
    s.created = iso(nowMs - 1000);
  }
  const deleteUsers = Math.floor(addUsers / 2);
  const deleteSystems = Math.floor(addSystems / 2);
  const deletedUsers = new Set(
    r.sample(data.users, deleteUsers).map(u => u._id),
  );
  const deletedSystems = new Set(
    r.sample(data.systems, deleteSystems).map(s => s._id),
  );
  data.users = [
    ...data.users.filter(u => !deletedUsers.has(u._id)),
    ...addedUsers,
  ];
  data.systems = [
    ...data.systems.filter(s => !deletedSystems.has(s._id)),
    ...addedSystems,
  ];
  data.policyResults = data.policyResults.filter(
    p => !deletedSystems.has(p.systemID),
  );
  for (const s of addedSystems) index.systemInsights.touch(s._id as string);
  index.rebuild();

  return {
    orgId: data.id,
    percent,
    systemsChanged: systems.length,
    usersChanged: users.length,
    systemsAdded: addedSystems.length,
    usersAdded: addedUsers.length,
    systemsDeleted: deletedSystems.size,
    usersDeleted: deletedUsers.size,
  };
}
