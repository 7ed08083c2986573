import type { JcSystem } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { deviceCheck } from '../checkBuilders';
import {
  compareVersions,
  dayOf,
  daysSince,
  fail,
  isActiveUser,
  notApplicable,
  osFamilyOf,
  pass,
  refs,
  unknown,
} from '../helpers';
import type { BuiltInCheckContext } from '../types';

/** Users with access to a device (bindings plus the primary user), resolved to user objects. */
function boundUsers(system: JcSystem, ctx: BuiltInCheckContext) {
  const ids = new Set(
    ctx.index.bindingsOfSystem(system._id).map(b => b.userId),
  );
  if (system.primarySystemUser?.id) ids.add(system.primarySystemUser.id);
  return [...ids].map(id => ({ id, user: ctx.index.usersById.get(id) }));
}

export const recentCheckIn = deviceCheck({
  fresh: false,
  meta: {
    id: 'DEV-10',
    title: 'Device checked in recently',
    severity: 'low',
    description:
      'The JumpCloud agent has checked in within jumpcloud.checks.checkInDays. Devices past jumpcloud.checks.staleDays count as unknown in every other device check, and are reported here.',
    remediation:
      'Bring the device online, or remove it from JumpCloud if it was retired.',
    fields: ['systems.lastContact', 'systems.active'],
    frameworks: refs(['CC6.1'], ['A.5.9', 'A.8.1'], ['1.1'], ['CM-8']),
  },
  decide(system, ctx) {
    if (system.active === true)
      return pass('The agent is connected now', { active: true });
    const days = daysSince(system.lastContact, ctx.at);
    const evidence = {
      lastContact: system.lastContact ?? null,
      active: system.active ?? null,
      limitDays: ctx.thresholds.checkInDays,
    };
    if (days === null)
      return system.lastContact === null
        ? fail('The agent has never checked in', evidence)
        : unknown('No check-in time is reported', evidence);
    const limit = ctx.thresholds.checkInDays;
    const on = dayOf(system.lastContact!);
    return days <= limit
      ? pass(`Last check-in on ${on}, within the ${limit}-day window`, evidence)
      : fail(`Last check-in on ${on}, past the ${limit}-day window`, evidence);
  },
});

export const deviceHasOwner = deviceCheck({
  fresh: false,
  meta: {
    id: 'DEV-11',
    title: 'Device has an owner',
    severity: 'medium',
    description:
      "At least one active user is bound to the device, or a custom attribute value of the device marks it as shared/server (jumpcloud.checks.sharedDeviceTags), so every device has someone accountable. JumpCloud's legacy `tags` hold tag ids, so a tag matches only where an org stores names there.",
    remediation:
      'Bind the device to its user in JumpCloud (Device → User Access), or give it a custom attribute such as `usage: shared`.',
    fields: [
      'systems.primarySystemUser.id',
      'systems.attributes',
      'systems.tags',
      'systems/{id}/users',
      'systemusers.state',
    ],
    frameworks: refs(['CC6.1'], ['A.5.9'], ['1.1'], ['CM-8(4)']),
  },
  decide(system, ctx) {
    // Custom attributes: `{name, value}[]` (not in the typed subset).
    const attributes = Array.isArray(system.attributes)
      ? (system.attributes as Array<{ value?: unknown } | null>)
      : [];
    const marks = [...attributes.map(a => a?.value), ...(system.tags ?? [])];
    const shared = marks.find(mark =>
      ctx.thresholds.sharedDeviceTags.some(
        t => t.toLowerCase() === String(mark ?? '').toLowerCase(),
      ),
    );
    if (shared) return pass(`Marked as ${shared}`, { mark: shared });
    const users = boundUsers(system, ctx);
    const active = users.filter(u => u.user && isActiveUser(u.user));
    const evidence = { boundUsers: users.map(u => u.user?.username ?? u.id) };
    if (active.length > 0)
      return pass(
        `Bound to ${active.map(u => u.user!.username ?? u.id).join(', ')}`,
        evidence,
      );
    return fail(
      users.length === 0
        ? 'No user is bound to the device'
        : 'No active user is bound to the device',
      evidence,
    );
  },
});

export const notHeldByDepartedUser = deviceCheck({
  meta: {
    id: 'DEV-12',
    title: 'Device not held by a departed user',
    severity: 'high',
    description:
      'A device still checking in whose every bound user is suspended (departed) is a device nobody should hold. Termination dates from an HR source are not collected; JumpCloud suspension is the signal.',
    remediation:
      'Recover the device, wipe or reassign it, and bind it to its new user.',
    fields: [
      'systems/{id}/users',
      'systems.primarySystemUser.id',
      'systemusers.state',
      'systemusers.suspended',
      'systems.lastContact',
    ],
    frameworks: refs(['CC6.2'], ['A.5.11', 'A.6.5'], ['6.2'], ['PS-4']),
  },
  decide(system, ctx) {
    const users = boundUsers(system, ctx).filter(u => u.user);
    if (users.length === 0)
      return notApplicable('No user is bound to the device (see DEV-11)');
    const evidence = {
      boundUsers: users.map(u => ({
        username: u.user!.username,
        state: u.user!.state,
        suspended: u.user!.suspended ?? null,
      })),
    };
    const departed = users.filter(
      u => u.user!.suspended === true || u.user!.state === 'SUSPENDED',
    );
    return departed.length === users.length
      ? fail('Every user bound to this active device is suspended', evidence)
      : pass('The device is bound to a user who is not suspended', evidence);
  },
});

export const mdmEnrolled = deviceCheck({
  fresh: false,
  os: ['macos', 'windows', 'ios', 'android'],
  meta: {
    id: 'DEV-13',
    title: 'MDM enrolled',
    severity: 'medium',
    description:
      'The device is enrolled in an MDM (JumpCloud or another vendor); macOS also needs user-approved or Automated Device Enrollment so MDM payloads apply.',
    remediation:
      "Enrol the device in JumpCloud MDM (or the organisation's MDM); on macOS approve the MDM profile or use ADE.",
    fields: [
      'systems.mdm.vendor',
      'systems.mdm.userApproved',
      'systems.mdm.dep',
      'systems.mdm.enrollmentType',
    ],
    frameworks: refs(
      ['CC6.1', 'CC6.8'],
      ['A.8.1', 'A.8.9'],
      ['4.1', '4.11'],
      ['CM-2', 'AC-19'],
    ),
  },
  decide(system) {
    const mdm = system.mdm;
    if (!mdm || !mdm.vendor)
      return unknown('JumpCloud did not report the MDM state');
    const evidence = {
      vendor: mdm.vendor,
      userApproved: mdm.userApproved ?? null,
      dep: mdm.dep ?? null,
      enrollmentType: mdm.enrollmentType ?? null,
    };
    // `unknown` is JumpCloud not knowing (the agent has not reported), not "none".
    if (mdm.vendor === 'unknown')
      return unknown('JumpCloud reports the MDM vendor as unknown', evidence);
    const automated =
      mdm.dep === true || mdm.enrollmentType === 'automated device';
    if (mdm.vendor !== 'internal' && mdm.vendor !== 'external')
      return fail(
        `The device is not enrolled in an MDM (vendor: ${mdm.vendor})`,
        evidence,
      );
    if (osFamilyOf(system) === 'macos' && !mdm.userApproved && !automated)
      return fail(
        'The MDM enrollment is neither user-approved nor ADE',
        evidence,
      );
    return pass(
      `Enrolled in ${
        mdm.vendor === 'internal' ? 'JumpCloud' : 'an external'
      } MDM`,
      evidence,
    );
  },
});

export const telemetryComplete = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-14',
    title: 'Telemetry complete and agent current',
    severity: 'low',
    description:
      "System Insights is enabled, the agent is at least the organisation's agent version, and on macOS the agent has full disk access. Without this, other device checks can only be unknown.",
    remediation:
      'Enable System Insights for the device, update the JumpCloud agent, and grant it Full Disk Access (PPPC profile) on macOS.',
    fields: [
      'systems.systemInsights.state',
      'systems.agentVersion',
      'organization.settings.agentVersion',
      'systems.agentHasFullDiskAccess',
    ],
    frameworks: refs(['CC7.2'], ['A.8.16'], ['2.2'], ['SI-4', 'CA-7']),
  },
  decide(system, ctx) {
    const state = system.systemInsights?.state;
    const expected = ctx.snapshot.organization?.settings?.agentVersion;
    const evidence = {
      'systemInsights.state': state ?? null,
      agentVersion: system.agentVersion ?? null,
      orgAgentVersion: expected ?? null,
      agentHasFullDiskAccess: system.agentHasFullDiskAccess ?? null,
    };
    if (!state)
      return unknown('The System Insights state is not reported', evidence);
    if (state !== 'enabled')
      return fail(`System Insights is ${state}`, evidence);
    if (!system.agentVersion)
      return unknown('The agent version is not reported', evidence);
    if (expected && compareVersions(system.agentVersion, expected) < 0)
      return fail(
        `Agent ${system.agentVersion} is older than ${expected}`,
        evidence,
      );
    if (
      osFamilyOf(system) === 'macos' &&
      system.agentHasFullDiskAccess === false
    )
      return fail('The agent lacks Full Disk Access', evidence);
    return pass('System Insights on and agent current', evidence);
  },
});
