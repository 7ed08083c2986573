import type { JsonObject } from '../types';
import { DAY_MS, iso, Random } from './random';

const GEO = [
  {
    country_code: 'US',
    region_code: 'CO',
    region_name: 'Colorado',
    timezone: 'America/Denver',
    continent_code: 'NA',
    latitude: 39.7,
    longitude: -104.9,
  },
  {
    country_code: 'DE',
    region_code: 'BE',
    region_name: 'Berlin',
    timezone: 'Europe/Berlin',
    continent_code: 'EU',
    latitude: 52.5,
    longitude: 13.4,
  },
  {
    country_code: 'IN',
    region_code: 'KA',
    region_name: 'Karnataka',
    timezone: 'Asia/Kolkata',
    continent_code: 'AS',
    latitude: 12.97,
    longitude: 77.59,
  },
];

const AGENTS = [
  {
    name: 'Chrome',
    major: '131',
    minor: '0',
    patch: '0',
    os: 'Mac OS X',
    os_name: 'Mac OS X',
    os_major: '10',
    os_minor: '15',
    device: 'Other',
  },
  {
    name: 'Edge',
    major: '131',
    minor: '0',
    patch: '0',
    os: 'Windows',
    os_name: 'Windows',
    os_major: '10',
    os_minor: '',
    device: 'Other',
  },
  {
    name: 'Firefox',
    major: '133',
    minor: '0',
    patch: '',
    os: 'Ubuntu',
    os_name: 'Ubuntu',
    os_major: '',
    os_minor: '',
    device: 'Other',
  },
];

interface EventContext {
  orgId: string;
  users: JsonObject[];
  admins: JsonObject[];
  systems: JsonObject[];
  applications: JsonObject[];
  userGroups: JsonObject[];
}

/**
 * Directory Insights events over the last 90 days (ascending). Only ~70% of
 * active users ever log in, so USR-04 (dormant accounts) fails for the rest.
 */
export function generateEvents(
  random: Random,
  ctx: EventContext,
  count: number,
  nowMs: number,
  privilegedChanges: boolean,
): JsonObject[] {
  const events: JsonObject[] = [];
  const loggers = ctx.users.filter(
    u => u.state === 'ACTIVATED' && random.chance(0.7),
  );
  const base = (
    type: string,
    service: string,
    ts: number,
    success = true,
  ): JsonObject => ({
    id: random.chance(0.5) ? random.objectId(ts) : random.uuid(),
    event_type: type,
    service,
    timestamp: iso(ts),
    organization: ctx.orgId,
    provider: null,
    success,
    client_ip: `198.51.100.${random.int(1, 254)}`,
    geoip: random.pick(GEO),
    useragent: random.pick(AGENTS),
    '@version': '1',
  });
  const userRef = (u: JsonObject) => ({
    id: u._id,
    type: 'user',
    username: u.username,
    email: u.email,
  });
  const groupRef = (g: JsonObject | undefined) => ({
    id: g?.id,
    type: 'user_group',
    name: g?.name,
  });
  const adminRef = (a: JsonObject) => ({
    id: a._id,
    type: 'admin',
    email: a.email,
  });

  for (let i = 0; i < count; i++) {
    const ts = nowMs - Math.floor(random.next() * 89 * DAY_MS) - 60_000;
    const roll = random.next();
    let event: JsonObject;
    if (roll < 0.35 && loggers.length > 0) {
      const u = random.pick(loggers);
      const ok = random.chance(0.93);
      event = {
        ...base('user_login_attempt', 'directory', ts, ok),
        initiated_by: userRef(u),
        resource: userRef(u),
        mfa: ok && random.chance(0.7),
        mfa_meta: { type: 'push' },
        auth_context: { auth_methods: { password: { success: ok } } },
      };
    } else if (
      roll < 0.5 &&
      loggers.length > 0 &&
      ctx.applications.length > 0
    ) {
      const u = random.pick(loggers);
      const app = random.pick(ctx.applications);
      event = {
        ...base('sso_auth', 'sso', ts),
        initiated_by: userRef(u),
        resource: { id: app._id, type: 'application', name: app.name },
        application: { id: app._id, name: app.name },
        mfa: random.chance(0.8),
      };
    } else if (roll < 0.65 && loggers.length > 0 && ctx.systems.length > 0) {
      const u = random.pick(loggers);
      const s = random.pick(ctx.systems);
      event = {
        ...base('login_attempt', 'systems', ts, random.chance(0.95)),
        initiated_by: userRef(u),
        system: { id: s._id, hostname: s.hostname, displayName: s.displayName },
        process_name: 'loginwindow',
        username: u.username,
        src_ip: '',
      };
    } else if (roll < 0.75 && ctx.admins.length > 0) {
      const a = random.pick(ctx.admins);
      event = {
        ...base('admin_login_attempt', 'directory', ts, random.chance(0.95)),
        initiated_by: adminRef(a),
        resource: adminRef(a),
        mfa: a.enableMultiFactor === true,
      };
    } else if (roll < 0.8 && ctx.systems.length > 0) {
      const s = random.pick(ctx.systems);
      event = {
        ...base(
          random.chance(0.5) ? 'os_minor_upgrade' : 'system_fde_key_update',
          'systems',
          ts,
        ),
        system: { id: s._id, hostname: s.hostname, displayName: s.displayName },
        resource: { id: s._id, type: 'system' },
      };
    } else if (roll < 0.86 && loggers.length > 0) {
      const u = random.pick(loggers);
      event = {
        ...base(
          random.pick([
            'user_password_change',
            'user_lockout',
            'totp_finish_enrollment',
          ]),
          'directory',
          ts,
        ),
        initiated_by: userRef(u),
        resource: userRef(u),
      };
    } else if (
      roll < 0.93 &&
      privilegedChanges &&
      ctx.admins.length > 0 &&
      ctx.users.length > 0
    ) {
      const a = random.pick(ctx.admins);
      const u = random.pick(ctx.users);
      event = {
        ...base('user_update', 'directory', ts),
        initiated_by: adminRef(a),
        resource: userRef(u),
        // `changes` is usually an array; some real events carry an object.
        changes: random.chance(0.8)
          ? [{ field: 'sudo', from: false, to: true }]
          : { field: 'passwordless_sudo', from: false, to: true },
      };
    } else if (roll < 0.97 && privilegedChanges && ctx.admins.length > 0) {
      const a = random.pick(ctx.admins);
      event = random.chance(0.5)
        ? {
            ...base('admin_update', 'directory', ts),
            initiated_by: adminRef(a),
            resource: adminRef(random.pick(ctx.admins)),
            changes: [
              {
                field: 'roleName',
                from: 'Manager',
                to: 'Administrator with Billing',
              },
            ],
          }
        : {
            // Documented group events are group_create/_update/_delete.
            ...base('group_update', 'directory', ts),
            initiated_by: adminRef(a),
            resource: groupRef(
              ctx.userGroups[Math.min(1, ctx.userGroups.length - 1)],
            ),
            changes: [
              { field: 'attributes.sudo.enabled', from: false, to: true },
            ],
          };
    } else if (
      roll >= 0.97 &&
      roll < 0.985 &&
      ctx.admins.length > 0 &&
      ctx.userGroups.length > 1
    ) {
      // Everyday group housekeeping, nothing privileged.
      const a = random.pick(ctx.admins);
      const g = random.pick(ctx.userGroups.slice(1));
      const type = random.pick([
        'group_create',
        'group_update',
        'group_delete',
      ]);
      event = {
        ...base(type, 'directory', ts),
        initiated_by: adminRef(a),
        resource: groupRef(g),
        ...(type === 'group_update'
          ? {
              changes: [
                {
                  field: 'description',
                  from: '',
                  to: `Team ${String(g.name)}`,
                },
              ],
            }
          : {}),
      };
    } else if (ctx.admins.length > 0) {
      const a = random.pick(ctx.admins);
      event = {
        ...base('admin_old_api_key_attempt', 'directory', ts, false),
        initiated_by: adminRef(a),
        resource: adminRef(a),
      };
    } else {
      event = base('organization_update', 'directory', ts);
    }
    events.push(event);
  }
  return events.sort(
    (a, b) =>
      (a.timestamp as string).localeCompare(b.timestamp as string) ||
      (a.id as string).localeCompare(b.id as string),
  );
}
