import type { JcSystemUser } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { userCheck } from '../checkBuilders';
import {
  fail,
  isActiveUser,
  matchAny,
  notApplicable,
  pass,
  refs,
  unknown,
  userName,
} from '../helpers';
import type { BuiltInCheckContext } from '../types';
import type { SnapshotIndex } from '../snapshotIndex';

export const noUncheckedSudo = userCheck({
  meta: {
    id: 'USR-06',
    title: 'No global or passwordless sudo',
    severity: 'high',
    description:
      'No user holds global sudo (admin on every bound device), and none holds passwordless sudo, globally or on a device through a user group or the device binding. Accepted cases are recorded as exceptions.',
    remediation:
      'Remove global sudo from the user; grant admin per device or per device group with a password prompt.',
    fields: [
      'systemusers.sudo',
      'systemusers.passwordless_sudo',
      'systems/{id}/users.sudo',
    ],
    frameworks: refs(['CC6.3'], ['A.8.2'], ['5.4'], ['AC-6(5)']),
  },
  decide(user, ctx) {
    // Sudo granted on the access path (user group attribute or binding).
    const passwordlessOn = ctx.index
      .bindingsOfUser(user._id)
      .filter(b => b.sudo?.enabled === true && b.sudo.withoutPassword === true)
      .map(b => b.systemId);
    const evidence = {
      sudo: user.sudo ?? null,
      passwordless_sudo: user.passwordless_sudo ?? null,
      passwordlessSudoOn: passwordlessOn.slice(0, 20),
    };
    if (user.passwordless_sudo)
      return fail('The user has passwordless sudo', evidence);
    if (user.sudo)
      return fail('The user has global sudo on every bound device', evidence);
    if (passwordlessOn.length)
      return fail(
        `The user has passwordless sudo on ${passwordlessOn.length} device(s) through a group or the device binding`,
        evidence,
      );
    if (user.sudo === undefined && user.passwordless_sudo === undefined)
      return unknown('Sudo flags are not reported');
    return pass('No global or passwordless sudo', evidence);
  },
});

const groupNameCache = new WeakMap<SnapshotIndex, Map<string, string>>();

function groupNames(ctx: BuiltInCheckContext) {
  let names = groupNameCache.get(ctx.index);
  if (!names) {
    names = new Map(ctx.snapshot.userGroups.map(g => [g.id, g.name]));
    groupNameCache.set(ctx.index, names);
  }
  return names;
}

export const accessViaGroups = userCheck({
  meta: {
    id: 'USR-09',
    title: 'Access granted via groups',
    severity: 'low',
    description:
      'Every active user belongs to at least one user group besides "All Users", so access follows roles rather than one-off grants.',
    remediation: 'Add the user to the groups of their role.',
    fields: ['usergroups/{id}/members', 'usergroups.name'],
    frameworks: refs(['CC6.3'], ['A.5.15'], ['6.8'], ['AC-2', 'AC-6']),
  },
  decide(user, ctx) {
    const names = groupNames(ctx);
    const groups = (ctx.index.userGroupsByUser.get(user._id) ?? [])
      .map(id => names.get(id) ?? id)
      .filter(n => n.toLowerCase() !== 'all users');
    return groups.length
      ? pass(`Member of ${groups.length} group(s)`, { groups })
      : fail('The user belongs to no user group', { groups });
  },
});

const duplicateCache = new WeakMap<
  SnapshotIndex,
  { emails: Map<string, number>; employeeIds: Map<string, number> }
>();

function identityCounts(ctx: BuiltInCheckContext) {
  let counts = duplicateCache.get(ctx.index);
  if (!counts) {
    counts = { emails: new Map(), employeeIds: new Map() };
    // Every user of the org, not only those of the chunk being evaluated.
    for (const user of ctx.index.usersById.values()) {
      if (!isActiveUser(user)) continue;
      const email = user.email?.toLowerCase();
      if (email) counts.emails.set(email, (counts.emails.get(email) ?? 0) + 1);
      if (user.employeeIdentifier)
        counts.employeeIds.set(
          user.employeeIdentifier,
          (counts.employeeIds.get(user.employeeIdentifier) ?? 0) + 1,
        );
    }
    duplicateCache.set(ctx.index, counts);
  }
  return counts;
}

export const uniqueCorporateIdentity = userCheck({
  meta: {
    id: 'USR-10',
    title: 'Unique, corporate identities',
    severity: 'medium',
    description:
      'Active users have a unique e-mail and employee id, on a corporate domain when jumpcloud.checks.corporateDomains is set.',
    remediation:
      'Merge duplicate accounts and move personal addresses to the corporate domain.',
    fields: ['systemusers.email', 'systemusers.employeeIdentifier'],
    frameworks: refs(['CC6.1'], ['A.5.16'], ['5.1'], ['IA-4']),
  },
  decide(user, ctx) {
    if (!user.email) return unknown('The user has no e-mail address');
    const counts = identityCounts(ctx);
    const email = user.email.toLowerCase();
    const problems: string[] = [];
    if ((counts.emails.get(email) ?? 0) > 1)
      problems.push('e-mail shared with another active user');
    if (
      user.employeeIdentifier &&
      (counts.employeeIds.get(user.employeeIdentifier) ?? 0) > 1
    )
      problems.push('employee id shared with another active user');
    const domains = ctx.thresholds.corporateDomains;
    const domain = email.split('@')[1] ?? '';
    if (domains.length && !domains.some(d => d.toLowerCase() === domain))
      problems.push(`non-corporate domain ${domain}`);
    const evidence = {
      email: user.email,
      employeeIdentifier: user.employeeIdentifier ?? null,
    };
    return problems.length
      ? fail(problems.join('; '), evidence)
      : pass('Unique corporate identity', evidence);
  },
});

/** Service, bind and integration accounts. */
export function isServiceAccount(user: JcSystemUser): boolean {
  return (
    user.ldap_binding_user === true ||
    user.samba_service_user === true ||
    /service|system|bot/i.test(user.employeeType ?? '')
  );
}

export const serviceAccountsInventoried = userCheck({
  meta: {
    id: 'USR-11',
    title: 'Service and bind accounts inventoried',
    severity: 'low',
    description:
      'Service accounts (LDAP bind, Samba, employeeType service) name an active owner (manager, the id of another user) and do not combine an MFA exclusion with interactive device access.',
    remediation:
      'Set the manager of the account to its owner; remove device bindings or the MFA exclusion.',
    fields: [
      'systemusers.ldap_binding_user',
      'systemusers.samba_service_user',
      'systemusers.employeeType',
      'systemusers.manager',
      'systemusers.mfa.exclusion',
      'systems/{id}/users',
    ],
    frameworks: refs(['CC6.1'], ['A.5.16', 'A.8.2'], ['5.5'], ['AC-2', 'IA-4']),
  },
  decide(user, ctx) {
    if (!isServiceAccount(user)) return notApplicable('Not a service account');
    const interactive = ctx.index.bindingsOfUser(user._id).length > 0;
    const evidence = {
      manager: user.manager ?? null,
      'mfa.exclusion': user.mfa?.exclusion ?? null,
      deviceBindings: interactive,
    };
    if (!user.manager)
      return fail('The service account names no owner (manager)', evidence);
    // `manager` is the id of another system user: an owner who left is no owner.
    const owner = ctx.index.usersById.get(user.manager);
    if (!owner || !isActiveUser(owner))
      return fail(
        owner
          ? `The owner (manager) ${userName(owner)} is ${
              owner.suspended ? 'suspended' : owner.state ?? 'not active'
            }`
          : 'The owner (manager) is not a user of the organisation',
        evidence,
      );
    if (user.mfa?.exclusion && interactive)
      return fail(
        'The service account is excluded from MFA and can log in to devices',
        evidence,
      );
    return pass('Owned and non-interactive or MFA-protected', evidence);
  },
});

export const userHasManagedDevice = userCheck({
  meta: {
    id: 'USR-12',
    title: 'Active user has a managed device',
    severity: 'medium',
    description:
      'Every active employee is bound to at least one JumpCloud-managed device (employee types on jumpcloud.checks.deviceExemptEmployeeTypes and service accounts are exempt).',
    remediation:
      "Enrol the user's computer in JumpCloud and bind it to the user.",
    fields: ['systems/{id}/users', 'systemusers.employeeType'],
    frameworks: refs(['CC6.1', 'CC6.8'], ['A.8.1'], ['1.1'], ['CM-8']),
  },
  decide(user, ctx) {
    if (
      isServiceAccount(user) ||
      matchAny(user.employeeType, ctx.thresholds.deviceExemptEmployeeTypes)
    ) {
      return notApplicable(
        `Exempt employee type ${user.employeeType || 'service account'}`,
      );
    }
    const devices = ctx.index
      .bindingsOfUser(user._id)
      .map(b => b.systemId)
      .filter(id => ctx.index.hasSystem(id));
    return devices.length
      ? pass(`Bound to ${devices.length} device(s)`, { devices })
      : fail('The user has no managed device', { devices });
  },
});
