import type { AdminRole, JsonObject } from '../types';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { DAY_MS, iso, Random } from './random';

export interface AdminSeed {
  id: string;
  role: AdminRole;
  email: string;
  /** Has an API key (the simulator's key owners do). */
  apiKey: boolean;
}

const ROLE_IDS: Record<AdminRole, string> = {
  'Administrator with Billing': '5c3536e7c9d9da9e5ef0ab11',
  Administrator: '5c3536e7c9d9da9e5ef0ab12',
  Manager: '5c3536e7c9d9da9e5ef0ab13',
  'Help Desk': '5c3536e7c9d9da9e5ef0ab14',
  'Read Only': '5c3536e7c9d9da9e5ef0ab15',
  'Command Runner': '5c3536e7c9d9da9e5ef0ab16',
  'Command Runner with Billing': '5c3536e7c9d9da9e5ef0ab17',
};

export function adminRecord(
  random: Random,
  orgId: string,
  seed: AdminSeed,
  firstname: string,
  lastname: string,
  mfa: boolean,
  nowMs: number,
  keyAgeDays: number,
  keyTtl: boolean,
): JsonObject {
  // ObjectIds embed their creation time.
  const created = parseInt(seed.id.slice(0, 8), 16) * 1000;
  const keyCreated = nowMs - keyAgeDays * DAY_MS;
  const record: JsonObject = {
    _id: seed.id,
    email: seed.email,
    firstname,
    lastname,
    organization: orgId,
    provider: null,
    role: ROLE_IDS[seed.role],
    roleName: seed.role,
    roles: [ROLE_IDS[seed.role]],
    roleNames: [seed.role],
    enableMultiFactor: mfa,
    totpEnrolled: mfa && random.chance(0.8),
    totpUpdatedAt: mfa ? iso(created + DAY_MS) : null,
    suspended: false,
    apiKeyAllowed: seed.apiKey,
    apiKeySet: seed.apiKey,
    apiKeyHash: seed.apiKey
      ? {
          prefix: `jca_${random.hex(4)}`,
          createdAt: iso(keyCreated),
          expireAt: keyTtl ? iso(keyCreated + 365 * DAY_MS) : null,
        }
      : null,
    apiKeyUpdatedAt: seed.apiKey ? iso(keyCreated) : null,
    passwordUpdatedAt: iso(nowMs - random.int(5, 300) * DAY_MS),
    created: iso(created),
    sessionCount: random.int(0, 3),
    usersTimeZone: random.pick([
      'America/Denver',
      'Europe/Berlin',
      'Asia/Kolkata',
      '',
    ]),
    isEnterprise: false,
  };
  // Unset fields are absent on this route (the documented schema has no nulls).
  for (const [key, value] of Object.entries(record))
    if (value === null) delete record[key];
  const hash = record.apiKeyHash as JsonObject | undefined;
  if (hash && hash.expireAt === null) delete hash.expireAt;
  return record;
}

/** API key age in days: strict orgs rotate, the others have some year-old keys. */
function keyAge(strict: boolean, i: number): number {
  if (strict) return 30;
  return i % 2 === 0 ? 500 : 40;
}

/**
 * Console admins of one org: the key owners first, then generated admins.
 * `strict` orgs pass USR-05/13/14; the others fail them somewhere.
 */
export function generateAdmins(
  random: Random,
  orgId: string,
  domain: string,
  keyOwners: AdminSeed[],
  count: number,
  strict: boolean,
  nowMs: number,
): JsonObject[] {
  const admins: JsonObject[] = keyOwners.map((seed, i) =>
    adminRecord(
      random,
      orgId,
      seed,
      'Integration',
      `Key ${i + 1}`,
      true,
      nowMs,
      20 + i * 5,
      true,
    ),
  );
  const roles: AdminRole[] = strict
    ? [
        'Administrator with Billing',
        'Administrator with Billing',
        'Administrator',
        'Help Desk',
        'Read Only',
        'Manager',
      ]
    : [
        'Administrator with Billing',
        'Administrator with Billing',
        'Administrator with Billing',
        'Administrator with Billing',
        'Administrator',
        'Read Only',
        'Help Desk',
        'Manager',
        'Command Runner',
      ];
  for (let i = 0; i < count; i++) {
    const role = roles[i % roles.length];
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const id = random.objectId(nowMs - random.int(60, 1500) * DAY_MS);
    const apiKey = strict ? i === 0 : i % 3 === 0;
    const mfa = strict || i % 4 !== 1;
    const admin = adminRecord(
      random,
      orgId,
      { id, role, email: `admin${i + 1}@${domain}`, apiKey },
      first,
      last,
      mfa,
      nowMs,
      keyAge(strict, i),
      strict || i % 2 === 1,
    );
    if (!strict && i === count - 1) admin.suspended = true;
    admins.push(admin);
  }
  return admins;
}
