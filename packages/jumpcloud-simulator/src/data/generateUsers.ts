import type { JsonObject } from '../types';
import {
  CHINESE_NAMES,
  DEPARTMENTS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  LOCATIONS,
} from './names';
import { DAY_MS, iso, Random } from './random';

const MFA_STATUSES = [
  'NOT_ENROLLED',
  'DISABLED',
  'PENDING_ACTIVATION',
  'ENROLLMENT_EXPIRED',
  'IN_ENROLLMENT',
  'PRE_ENROLLMENT',
  'ENROLLED',
] as const;

/** Creation times spread over four years, ascending so ids sort by creation. */
export function creationTimes(
  random: Random,
  count: number,
  nowMs: number,
): number[] {
  const start = nowMs - 4 * 365 * DAY_MS;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(start + Math.floor(random.next() * (nowMs - DAY_MS - start)));
  }
  return times.sort((a, b) => a - b);
}

function slug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

interface Anchor {
  state: 'ACTIVATED' | 'SUSPENDED' | 'STAGED';
  service?: boolean;
  owner?: boolean;
  terminated?: boolean;
  exclusionRoll?: number;
  neverExpires?: boolean;
}

/**
 * Users at fixed positions with a known posture, so that every user check
 * passes and fails in every org whatever the seed (negative keys count from
 * the end: -1 is the newest user).
 */
const ANCHORS: Record<number, Anchor> = {
  1: { state: 'SUSPENDED', terminated: true },
  2: { state: 'STAGED' },
  7: { state: 'ACTIVATED', terminated: true },
  8: { state: 'ACTIVATED', exclusionRoll: 0.05 },
  9: { state: 'ACTIVATED', exclusionRoll: 0.01 },
  10: { state: 'ACTIVATED', service: true, owner: true },
  11: { state: 'ACTIVATED', service: true, owner: false },
  12: { state: 'ACTIVATED', neverExpires: true },
  [-1]: { state: 'STAGED' },
};

/**
 * A username JumpCloud accepts: letters, digits and single `.`, `-` or `_`
 * between them, at most USERNAME_MAX characters.
 */
export const USERNAME_MAX = 40;

/** `first.last` from the latin parts of a name, or `user<n>` when none is left. */
function usernameFor(first: string, last: string, fallback: string): string {
  const parts = [slug(first).slice(0, 12), slug(last).slice(0, 16)].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join('.') : fallback;
}

/**
 * `tagIds`: legacy tag ids of the org; service accounts carry one of them
 * (JumpCloud's `tags` hold tag ids, not names).
 */
export function generateUsers(
  random: Random,
  orgId: string,
  domain: string,
  count: number,
  nowMs: number,
  tagIds: readonly string[] = [],
): JsonObject[] {
  const users: JsonObject[] = [];
  const usernames = new Set<string>();
  const times = creationTimes(random, count, nowMs);
  // The newest user is a new hire created two days ago.
  if (count > 0)
    times[count - 1] = Math.max(times[count - 1], nowMs - 2 * DAY_MS);
  for (let i = 0; i < count; i++) {
    const created = times[i];
    const id = random.objectId(created);
    let firstname: string = random.pick(FIRST_NAMES);
    let lastname: string = random.pick(LAST_NAMES);
    // Usernames are made of latin letters: names in other scripts use their romanisation.
    let latinFirst = firstname;
    let latinLast = lastname;
    if (random.chance(0.03)) {
      const [f, l, pinyinFirst, pinyinLast] = random.pick(CHINESE_NAMES);
      firstname = f;
      lastname = l;
      latinFirst = pinyinFirst;
      latinLast = pinyinLast;
    }
    if (i === 3) {
      // One over-long name, as bulk imports produce.
      lastname = `${lastname}-${'Vandenberghe-'.repeat(30)}Smith`;
    }
    let username = usernameFor(latinFirst, latinLast, `user${i}`);
    if (usernames.has(username)) username = `${username}${i}`;
    usernames.add(username);

    const anchor = ANCHORS[i - count] ?? ANCHORS[i];
    const rolled = random.weighted([
      ['ACTIVATED', 85],
      ['SUSPENDED', 8],
      ['STAGED', 7],
    ] as const);
    const state = anchor?.state ?? rolled;
    const service =
      anchor?.service ?? (state === 'ACTIVATED' && random.chance(0.03));
    let email = `${username}@${domain}`;
    if (random.chance(0.02)) email = `${username}@gmail.com`;
    if (i > 10 && random.chance(0.01)) email = users[i - 7].email as string;

    const enrolled =
      !service && random.chance(state === 'ACTIVATED' ? 0.72 : 0.4);
    const factor = random.pick([
      'totpStatus',
      'webAuthnStatus',
      'pushStatus',
    ] as const);
    const mfaEnrollment: Record<string, string> = {
      totpStatus: 'NOT_ENROLLED',
      webAuthnStatus: 'NOT_ENROLLED',
      pushStatus: 'NOT_ENROLLED',
      smsStatus: 'NOT_ENROLLED',
      jcGoStatus: 'NOT_ENROLLED',
      overallStatus: enrolled
        ? 'ENROLLED'
        : random.pick(MFA_STATUSES.slice(0, 6)),
    };
    if (enrolled) mfaEnrollment[factor] = 'ENROLLED';

    const exclusionRoll = anchor?.exclusionRoll ?? random.next();
    const mfa: JsonObject = { configured: enrolled, exclusion: false };
    if (exclusionRoll < 0.04) {
      mfa.exclusion = true; // no end date: USR-02 fails
    } else if (exclusionRoll < 0.07) {
      mfa.exclusion = true;
      mfa.exclusionDays = 7;
      mfa.exclusionUntil = iso(nowMs + 7 * DAY_MS);
    } else if (exclusionRoll < 0.09) {
      mfa.exclusion = true;
      mfa.exclusionDays = 30;
      mfa.exclusionUntil = iso(nowMs - 10 * DAY_MS);
    }

    const passwordDate = nowMs - random.int(1, 400) * DAY_MS;
    const neverExpires = service || anchor?.neverExpires || random.chance(0.08);
    const department = random.chance(0.3) ? '' : random.pick(DEPARTMENTS);
    const attributes: JsonObject[] = [];
    if (anchor?.terminated || (state === 'ACTIVATED' && random.chance(0.03))) {
      attributes.push({
        name: 'terminationDate',
        value: iso(nowMs - random.int(3, 60) * DAY_MS).slice(0, 10),
      });
    }
    if (anchor?.terminated || (state === 'SUSPENDED' && random.chance(0.5))) {
      attributes.push({
        name: 'terminationDate',
        value: iso(nowMs - random.int(3, 200) * DAY_MS).slice(0, 10),
      });
    }
    // A service account's owner is JumpCloud's `manager` field: the id of
    // another user (USR-11). About half name one, as real directories do.
    const serviceOwner =
      service && (anchor?.owner ?? random.chance(0.5))
        ? users.find(
            u => u.state === 'ACTIVATED' && u.employeeType !== 'Service',
          )
        : undefined;

    // Some users have an empty display name, as real imports leave them.
    const displayname = random.chance(0.1) ? '' : `${firstname} ${lastname}`;
    const employeeIdentifier =
      service || random.chance(0.1) ? null : `E${(10000 + i).toString()}`;
    users.push({
      _id: id,
      id,
      organization: orgId,
      username: service ? `svc-${username.split('.')[0]}-${i}` : username,
      email,
      alternateEmail: '',
      firstname: service ? '' : firstname,
      middlename: '',
      lastname: service ? '' : lastname,
      displayname: service ? `Service account ${i}` : displayname,
      department,
      jobTitle: department === '' ? '' : random.pick(JOB_TITLES),
      employeeType: service
        ? 'Service'
        : random.pick(['', 'Full-time', 'Full-time', 'Contractor']),
      company: '',
      costCenter: '',
      location: random.chance(0.4) ? '' : random.pick(LOCATIONS),
      description: service ? 'Bind account for the LDAP integration' : '',
      employeeIdentifier:
        i > 20 && employeeIdentifier && random.chance(0.01)
          ? (users[i - 13].employeeIdentifier as string | null)
          : employeeIdentifier,
      // Drawn for every user so that the rest of the data stays the same.
      manager: ((drawn: unknown) =>
        service ? serviceOwner?._id ?? '' : drawn)(
        i > 5 && random.chance(0.6) ? users[random.int(0, i - 1)]._id : '',
      ),
      state,
      activated: state !== 'STAGED',
      suspended: state === 'SUSPENDED',
      account_locked: random.chance(0.02),
      account_locked_date: null,
      badLoginAttempts: random.chance(0.1) ? random.int(1, 4) : 0,
      password_expired: !neverExpires && random.chance(0.05),
      password_never_expires: neverExpires,
      password_date: state === 'STAGED' ? null : iso(passwordDate),
      password_expiration_date:
        neverExpires || state === 'STAGED'
          ? null
          : iso(passwordDate + 90 * DAY_MS),
      external_password_expiration_date: '',
      sudo: random.chance(0.1),
      passwordless_sudo: random.chance(0.03),
      mfa,
      mfaEnrollment,
      totp_enabled: enrolled && factor === 'totpStatus',
      enable_user_portal_multifactor: enrolled,
      ldap_binding_user: service,
      samba_service_user: service && random.chance(0.3),
      allow_public_key: true,
      public_key: '',
      ssh_keys: [],
      unix_uid: 5001 + i,
      unix_guid: 5001 + i,
      enable_managed_uid: false,
      externally_managed: false,
      external_dn: '',
      external_source_type: '',
      creationSource: random.pick(['manual', 'manual', 'csv', 'scim']),
      addresses: [],
      phoneNumbers: [],
      attributes,
      relationships: [],
      restrictedFields: [],
      tags:
        service && random.chance(0.5) && tagIds.length > 0 ? [tagIds[0]] : [],
      disableDeviceMaxLoginAttempts: false,
      systemUsername: service ? '' : username,
      managedAppleId: '',
      recoveryEmail: { address: '', verified: false },
      created: iso(created),
    });
  }
  return users;
}
