import type { JsonObject } from '../types';
import { generateDataset, type SimulatorDataset } from './dataset';
import { CURRENT_AGENT_VERSION } from './generateOrganization';
import { POLICY_TEMPLATES } from './generatePolicies';
import { osFamilyOf } from './generateSystems';
import { EDR_PRODUCTS, PASSWORD_MANAGERS, PROHIBITED_SOFTWARE } from './names';
import type { OrgIndex } from './orgIndex';
import { DAY_MS } from './random';
import { SIZES } from './sizes';
import type { SiTable } from './systemInsights';

type Verdict = 'pass' | 'fail' | null;
type Check = (org: OrgIndex, now: number) => Verdict[];

const NOW = Date.parse('2026-11-23T00:00:00Z');
const any = (x: unknown) => x as any;

function rowsBySystem(
  org: OrgIndex,
  table: SiTable,
): Map<string, JsonObject[]> {
  const map = new Map<string, JsonObject[]>();
  for (const row of org.systemInsights.rows(table)) {
    const list = map.get(row.system_id as string) ?? [];
    list.push(row);
    map.set(row.system_id as string, list);
  }
  return map;
}

const perSystem =
  (
    table: SiTable,
    verdict: (rows: JsonObject[], s: JsonObject) => Verdict,
  ): Check =>
  org => {
    const rows = rowsBySystem(org, table);
    return org.data.systems.map(s =>
      rows.has(s._id as string) ? verdict(rows.get(s._id as string)!, s) : null,
    );
  };
const perUser =
  (verdict: (u: JsonObject, org: OrgIndex, now: number) => Verdict): Check =>
  (org, now) =>
    org.data.users.map(u => verdict(u, org, now));
const perAdmin =
  (verdict: (a: JsonObject, now: number) => Verdict): Check =>
  (org, now) =>
    org.data.admins.map(a => verdict(a, now));
const perOrg =
  (verdict: (settings: any, org: OrgIndex, now: number) => Verdict): Check =>
  (org, now) =>
    [verdict(org.data.organization.settings, org, now)];
const ok = (cond: boolean): Verdict => (cond ? 'pass' : 'fail');
const names = (list: ReadonlyArray<readonly [string, string]>) =>
  list.map(([n]) => n);

/**
 * Simplified versions of the compliance-anchors §3 checks: enough to prove
 * that the generated data makes every check pass somewhere and fail somewhere.
 */
const CHECKS: Record<string, Check> = {
  'DEV-01': org =>
    org.data.systems.map(s =>
      osFamilyOf(s) === 'linux' ? null : ok(any(s.fde).active),
    ),
  'DEV-02': org =>
    org.data.systems.map(s =>
      any(s.fde).active ? ok(any(s.fde).keyPresent) : null,
    ),
  'DEV-03': perSystem('managed_policies', rows => {
    const idle = rows.find(r => r.name === 'idleTime');
    const ask = rows.find(r => r.name === 'askForPassword');
    return idle && ask
      ? ok(Number(idle.value) <= 900 && ask.value === '1')
      : null;
  }),
  'DEV-04': (org, now) => [
    ...perSystem('alf', rows => ok((rows[0].global_state as number) >= 1))(
      org,
      now,
    ),
    ...perSystem('windows_security_center', rows =>
      ok(rows[0].firewall === 'Good'),
    )(org, now),
  ],
  'DEV-05': (org, now) => [
    ...perSystem('windows_security_products', rows =>
      ok(
        rows.some(
          r =>
            r.type === 'Antivirus' &&
            r.state === 'On' &&
            r.signatures_up_to_date === 1,
        ),
      ),
    )(org, now),
    ...perSystem('apps', rows =>
      ok(
        rows.some(r =>
          names(EDR_PRODUCTS.mac).includes(r.bundle_name as string),
        ),
      ),
    )(org, now),
  ],
  'DEV-06': org =>
    org.data.systems.map(s => {
      const d = any(s.osVersionDetail);
      if (s.os === 'Mac OS X') return ok(d.majorNumber >= 13);
      if (s.os === 'Windows') return ok(String(s.version).startsWith('11'));
      return ok(!(s.os === 'Ubuntu' && d.majorNumber < 20));
    }),
  'DEV-07': perSystem('patches', (rows, _s) => {
    const newest = Math.max(
      ...rows.map(r => Date.parse(r.installed_on as string)),
    );
    return ok(NOW - newest <= 35 * DAY_MS);
  }),
  'DEV-08': (org, now) => [
    ...perSystem('windows_security_center', rows =>
      ok(rows[0].autoupdate === 'Good'),
    )(org, now),
    ...perSystem('managed_policies', rows => {
      const auto = rows.find(r => r.name === 'AutomaticCheckEnabled');
      return auto ? ok(auto.value === '1') : null;
    })(org, now),
  ],
  'DEV-09': (org, now) => [
    ...perSystem('apps', rows =>
      ok(
        rows.some(r =>
          names(PASSWORD_MANAGERS.mac).includes(r.bundle_name as string),
        ),
      ),
    )(org, now),
    ...perSystem('programs', rows =>
      ok(
        rows.some(r =>
          names(PASSWORD_MANAGERS.windows).includes(r.name as string),
        ),
      ),
    )(org, now),
  ],
  'DEV-10': (org, now) =>
    org.data.systems.map(s => {
      if (s.lastContact === null) return 'fail';
      const age = now - Date.parse(s.lastContact as string);
      if (age <= 14 * DAY_MS) return 'pass';
      return age > 30 * DAY_MS ? 'fail' : null;
    }),
  'DEV-11': org =>
    org.data.systems.map(s =>
      ok(
        org
          .systemUsers(s._id as string)
          .some(u => org.userById.get(u.id)?.state === 'ACTIVATED'),
      ),
    ),
  'DEV-12': (org, now) =>
    org.data.systems.map(s => {
      if (
        s.lastContact === null ||
        now - Date.parse(s.lastContact as string) > 30 * DAY_MS
      )
        return null;
      const users = org
        .systemUsers(s._id as string)
        .map(u => org.userById.get(u.id)!);
      if (users.length === 0) return null;
      return ok(users.some(u => u.state !== 'SUSPENDED'));
    }),
  'DEV-13': org =>
    org.data.systems.map(s => {
      if (osFamilyOf(s) === 'linux') return null;
      const mdm = any(s.mdm);
      const enrolled = mdm.vendor === 'internal' || mdm.vendor === 'external';
      return ok(
        enrolled &&
          (osFamilyOf(s) !== 'macOS' ||
            mdm.userApproved ||
            mdm.dep ||
            mdm.vendor === 'external'),
      );
    }),
  'DEV-14': org =>
    org.data.systems.map(s =>
      ok(
        any(s.systemInsights).state === 'enabled' &&
          s.agentVersion === CURRENT_AGENT_VERSION &&
          (osFamilyOf(s) !== 'macOS' || s.agentHasFullDiskAccess === true),
      ),
    ),
  'DEV-15': perSystem('users', rows => {
    const owner = rows.find(r => r.managed === true);
    return owner ? ok(owner.admin !== true) : null;
  }),
  'DEV-16': org =>
    org.data.systems.map(s =>
      osFamilyOf(s) === 'windows'
        ? null
        : ok(!s.allowSshRootLogin && !s.allowSshPasswordAuthentication),
    ),
  'DEV-17': org =>
    org.data.systems.map(s => ok(s.allowMultiFactorAuthentication === true)),
  'DEV-18': (org, now) => [
    // osquery: `sip` 1 when on; every `allow_*` row 1 when that protection is relaxed.
    ...perSystem('sip_config', rows =>
      ok(
        rows.find(r => r.config_flag === 'sip')?.enabled === 1 &&
          rows.every(
            r => !String(r.config_flag).startsWith('allow_') || r.enabled === 0,
          ),
      ),
    )(org, now),
    ...perSystem('secureboot', rows => ok(rows[0].secure_boot === 1))(org, now),
  ],
  'DEV-19': org => {
    const required = ['fde', 'lock_screen', 'firewall', 'updates'];
    return org.data.systems.map(s => {
      const meta = { macOS: 'darwin', windows: 'windows', linux: 'linux' }[
        osFamilyOf(s)
      ];
      const bound = new Set<string>();
      const groupIds = new Set(org.memberOf(s._id as string).map(g => g.id));
      for (const e of org.data.edges) {
        if (e.kind !== 'association' || e.from.type !== 'policy') continue;
        if (e.to.id !== s._id && !groupIds.has(e.to.id)) continue;
        const template = any(org.policyById.get(e.from.id)?.template);
        const kind = POLICY_TEMPLATES.find(
          t => t.name === template?.name,
        )?.kind;
        if (kind && template.osMetaFamily === meta) bound.add(kind);
      }
      return ok(required.every(k => bound.has(k)));
    });
  },
  'DEV-20': org =>
    org.data.systems.map(s => {
      const results = org.resultsBySystem.get(s._id as string) ?? [];
      return results.length === 0
        ? null
        : ok(results.every(r => r.state !== 'failed'));
    }),
  'DEV-21': (org, now) => [
    ...perSystem('apps', rows =>
      ok(
        !rows.some(r =>
          names(PROHIBITED_SOFTWARE.mac).includes(r.bundle_name as string),
        ),
      ),
    )(org, now),
    ...perSystem('programs', rows =>
      ok(
        !rows.some(r =>
          names(PROHIBITED_SOFTWARE.windows).includes(r.name as string),
        ),
      ),
    )(org, now),
  ],
  'USR-01': perUser(u =>
    u.state === 'ACTIVATED'
      ? ok(any(u.mfaEnrollment).overallStatus === 'ENROLLED')
      : null,
  ),
  'USR-02': perUser((u, _o, now) => {
    const mfa = any(u.mfa);
    if (!mfa.exclusion) return null;
    if (!mfa.exclusionUntil) return 'fail';
    const until = Date.parse(mfa.exclusionUntil);
    return ok(until > now && until - now <= 14 * DAY_MS);
  }),
  'USR-03': perUser((u, _o, now) => {
    const end = any(u.attributes).find(
      (a: any) => a.name === 'terminationDate',
    );
    if (!end || Date.parse(end.value) > now) return null;
    return ok(u.state !== 'ACTIVATED');
  }),
  'USR-04': org => {
    const seen = new Set(
      org.data.events
        .filter(e => e.success && any(e.initiated_by)?.type === 'user')
        .map(e => any(e.initiated_by).id),
    );
    if (org.data.events.length === 0) return [];
    return org.data.users.map(u =>
      u.state === 'ACTIVATED' ? ok(seen.has(u._id)) : null,
    );
  },
  'USR-05': perAdmin(a =>
    a.suspended
      ? null
      : ok(a.enableMultiFactor === true || a.totpEnrolled === true),
  ),
  'USR-06': perUser(u => ok(!u.sudo && !u.passwordless_sudo)),
  'USR-07': perUser(u =>
    u.ldap_binding_user ? null : ok(!u.password_never_expires),
  ),
  'USR-08': perUser((u, _o, now) =>
    u.state === 'STAGED'
      ? ok(now - Date.parse(u.created as string) <= 30 * DAY_MS)
      : null,
  ),
  'USR-09': perUser((u, org) =>
    u.state === 'ACTIVATED'
      ? ok(
          org
            .memberOf(u._id as string)
            .some(g => org.groupById.get(g.id)?.name !== 'All Users'),
        )
      : null,
  ),
  'USR-10': org => {
    const counts = new Map<string, number>();
    for (const u of org.data.users)
      counts.set(u.email as string, (counts.get(u.email as string) ?? 0) + 1);
    return org.data.users.map(u =>
      u.state === 'ACTIVATED'
        ? ok(
            counts.get(u.email as string) === 1 &&
              !(u.email as string).endsWith('@gmail.com'),
          )
        : null,
    );
  },
  // The owner is `manager`: the id of another user, who must be active.
  'USR-11': perUser((u, org) =>
    u.ldap_binding_user || u.samba_service_user
      ? ok(
          org.data.users.some(
            owner => owner._id === u.manager && owner.state === 'ACTIVATED',
          ),
        )
      : null,
  ),
  'USR-12': perUser((u, org) =>
    u.state === 'ACTIVATED'
      ? ok(org.userSystems(u._id as string).length > 0)
      : null,
  ),
  'USR-13': perAdmin((a, now) => {
    if (!a.apiKeySet) return null;
    const hash = any(a.apiKeyHash);
    return ok(
      now - Date.parse(hash.createdAt) <= 365 * DAY_MS && !!hash.expireAt,
    );
  }),
  'USR-14': org => {
    const billing = org.data.admins.filter(
      a => a.roleName === 'Administrator with Billing' && !a.suspended,
    ).length;
    return [ok(billing >= 2 && billing <= 3)];
  },
  'GRP-01': org =>
    [...org.data.userGroups, ...org.data.systemGroups].map(g => {
      const members = (org.membersOf.get(g.id as string) ?? []).length;
      const grants = (org.associations.get(g.id as string) ?? []).some(
        n => n.node.type === 'application' || n.node.type === 'policy',
      );
      if (!grants) return null;
      return ok(members > 0);
    }),
  'GRP-02': org =>
    [...org.data.userGroups, ...org.data.systemGroups].map(g =>
      ok(any(g.memberQueryErrorFlags).length === 0),
    ),
  'GRP-03': org => [
    ok(
      !org.data.events.some(
        e =>
          ['admin_update', 'user_update'].includes(e.event_type as string) ||
          (e.event_type === 'group_update' &&
            JSON.stringify(e.changes).includes('sudo')),
      ),
    ),
  ],
  'ORG-01': perOrg(s => ok(s.requireAdminMFA)),
  'ORG-02': perOrg(s =>
    ok(s.passwordPolicy.enableMinLength && s.passwordPolicy.minLength >= 12),
  ),
  'ORG-03': perOrg(s =>
    ok(
      s.passwordPolicy.disallowCommonlyUsedPasswords &&
        !s.passwordPolicy.allowUsernameSubstring &&
        s.passwordPolicy.maxHistory >= 5,
    ),
  ),
  'ORG-04': perOrg(s =>
    ok(
      s.passwordPolicy.enableMaxLoginAttempts &&
        s.passwordPolicy.maxLoginAttempts <= 10,
    ),
  ),
  'ORG-05': perOrg(s =>
    ok(
      s.passwordPolicy.enablePasswordExpirationInDays &&
        s.passwordPolicy.passwordExpirationInDays <= 90,
    ),
  ),
  'ORG-06': perOrg(s => ok(s.userPortal.idleSessionDurationMinutes <= 60)),
  'ORG-07': perOrg((_s, org) => {
    const enabled = org.data.authnPolicies.filter(p => !p.disabled);
    const mfa = (type: string) =>
      enabled.some(
        p => p.type === type && any(p.effect).obligations?.mfa?.required,
      );
    const bypass = enabled.some(p => !any(p.effect).obligations?.mfa?.required);
    return ok(mfa('user_portal') && mfa('application') && !bypass);
  }),
  // `missing`: no Automated Device Enrollment, not a fault.
  'ORG-08': perOrg((_s, org, now) =>
    ok(
      org.data.appleMdms.every(
        m =>
          Date.parse(m.apnsCertExpiry as string) - now > 30 * DAY_MS &&
          ['valid', 'missing'].includes(m.depServerTokenState as string),
      ),
    ),
  ),
  'ORG-09': perOrg(s => ok(s.features.directoryInsights.enabled)),
};

function verdicts(dataset: SimulatorDataset): Record<string, Set<Verdict>> {
  const out: Record<string, Set<Verdict>> = {};
  for (const [id, check] of Object.entries(CHECKS)) {
    out[id] = new Set(
      dataset.orgs.flatMap(o => check(dataset.index.get(o.id)!, dataset.nowMs)),
    );
  }
  return out;
}

const owners = { primary: [], everyOrg: [] };

describe('misconfiguration spread (compliance-anchors §3)', () => {
  it('covers all 47 checks', () => {
    expect(Object.keys(CHECKS)).toHaveLength(47);
  });

  it.each([1, 2, 42])(
    'makes every check pass somewhere and fail somewhere (seed %i, size S)',
    seed => {
      const result = verdicts(generateDataset(seed, SIZES.S, NOW, owners));
      const missing = Object.entries(result)
        .filter(([, v]) => !v.has('pass') || !v.has('fail'))
        .map(([id, v]) => `${id}: ${[...v].join(',')}`);
      expect(missing).toEqual([]);
    },
  );
});
