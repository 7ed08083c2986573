import { deviceCheck } from '../checkBuilders';
import {
  fail,
  insights,
  isOn,
  notApplicable,
  pass,
  refs,
  unknown,
} from '../helpers';

export const localAdminLimited = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-15',
    title: 'Local admin rights limited',
    severity: 'medium',
    description:
      "No everyday account holds local administrator rights (from the agent's local-account metrics, System Insights users, or sudo on the user binding); break-glass accounts go on jumpcloud.checks.localAdminAllowList.",
    remediation:
      "Remove admin/sudo from the user's binding or local account; grant elevation on request instead.",
    fields: [
      'systems.userMetrics.userName',
      'systems.userMetrics.admin',
      'systems.userMetrics.suspended',
      'systeminsights.users.admin',
      'systeminsights.users.real_user',
      'systems/{id}/users.sudo',
    ],
    frameworks: refs(['CC6.3'], ['A.8.2'], ['5.4'], ['AC-6(5)']),
  },
  decide(system, ctx) {
    const allowed = new Set(
      ctx.thresholds.localAdminAllowList.map(n => n.toLowerCase()),
    );
    const isExempt = (name: string) =>
      allowed.has(name.toLowerCase()) || name.startsWith('_');
    let accounts: Array<{ name: string; admin: boolean }> | undefined;
    if (system.userMetrics && system.userMetrics.length > 0) {
      accounts = system.userMetrics
        .filter(m => !m.suspended)
        .map(m => ({ name: m.userName ?? '', admin: m.admin === true }));
    } else {
      // JumpCloud's users table marks system accounts (root, Administrator)
      // real_user false: they are admins by design, not everyday accounts.
      const data = insights(system, 'users', ctx);
      if (!('gap' in data))
        accounts = data.rows
          .filter(r => isOn(r.real_user ?? true))
          .filter(r => !isOn(r.suspended))
          .map(r => ({
            name: String(r.username ?? ''),
            admin: isOn(r.admin),
          }));
    }
    const sudoBindings = ctx.index
      .bindingsOfSystem(system._id)
      .filter(b => b.sudo?.enabled);
    const bindingAdmins = sudoBindings.map(
      b => ctx.index.usersById.get(b.userId)?.username ?? b.userId,
    );
    if (!accounts && sudoBindings.length === 0)
      return unknown(
        'Local accounts are not reported (no user metrics or System Insights users)',
      );
    const admins = [
      ...(accounts ?? []).filter(a => a.admin).map(a => a.name),
      ...bindingAdmins,
    ].filter(n => n && !isExempt(n));
    const unique = [...new Set(admins)];
    return unique.length === 0
      ? pass('No non-exempt account has local admin rights')
      : fail(`Local admin rights held by ${unique.join(', ')}`, {
          admins: unique,
        });
  },
});

export const sshHardened = deviceCheck({
  os: ['macos', 'linux'],
  meta: {
    id: 'DEV-16',
    title: 'SSH hardened (no root login, no password auth)',
    severity: 'medium',
    description:
      "SSH does not allow root login or password authentication, per the device's JumpCloud SSH settings and sshd parameters.",
    remediation:
      'In the device\'s JumpCloud settings turn off "Allow SSH root login" and "Allow SSH password authentication" (public keys only).',
    fields: [
      'systems.allowSshRootLogin',
      'systems.sshRootEnabled',
      'systems.allowSshPasswordAuthentication',
      'systems.sshdParams',
    ],
    frameworks: refs(
      ['CC6.1', 'CC6.6'],
      ['A.8.5', 'A.8.9'],
      ['4.1', '4.7'],
      ['CM-6', 'IA-2'],
    ),
  },
  decide(system) {
    const param = (name: string) =>
      system.sshdParams
        ?.find(p => p.name.toLowerCase() === name.toLowerCase())
        ?.value?.toLowerCase();
    const rootParam = param('PermitRootLogin');
    const passwordParam = param('PasswordAuthentication');
    const evidence = {
      allowSshRootLogin: system.allowSshRootLogin ?? null,
      sshRootEnabled: system.sshRootEnabled ?? null,
      allowSshPasswordAuthentication:
        system.allowSshPasswordAuthentication ?? null,
      PermitRootLogin: rootParam ?? null,
      PasswordAuthentication: passwordParam ?? null,
    };
    const known = Object.values(evidence).some(v => v !== null);
    if (!known) return unknown('No SSH settings are reported for the device');
    const problems: string[] = [];
    // PermitRootLogin prohibit-password (without-password) and
    // forced-commands-only still let root log in with a key.
    if (
      system.allowSshRootLogin === true ||
      system.sshRootEnabled === true ||
      (rootParam !== undefined && rootParam !== 'no')
    )
      problems.push('root login allowed');
    if (
      system.allowSshPasswordAuthentication === true ||
      passwordParam === 'yes'
    )
      problems.push('password authentication on');
    return problems.length
      ? fail(`SSH ${problems.join(' and ')}`, evidence)
      : pass('SSH root login and password authentication are off', evidence);
  },
});

export const deviceLoginMfa = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-17',
    title: 'Device-login MFA enabled',
    severity: 'low',
    description:
      'Logging in to the device requires a second factor (JumpCloud device MFA or secure login) where the OS supports it.',
    remediation: 'Enable "Require MFA on login" for the device in JumpCloud.',
    fields: [
      'systems.allowMultiFactorAuthentication',
      'systems.secureLogin.supported',
      'systems.secureLogin.enabled',
    ],
    frameworks: refs(['CC6.1'], ['A.8.5'], ['6.5~'], ['IA-2(1)']),
  },
  decide(system) {
    const evidence = {
      allowMultiFactorAuthentication:
        system.allowMultiFactorAuthentication ?? null,
      secureLogin: system.secureLogin ?? null,
    };
    if (
      system.allowMultiFactorAuthentication === true ||
      system.secureLogin?.enabled === true
    )
      return pass('Login MFA is on', evidence);
    if (
      system.secureLogin?.supported === false &&
      system.allowMultiFactorAuthentication !== false
    )
      return notApplicable('The device does not support login MFA', evidence);
    if (
      system.allowMultiFactorAuthentication === false ||
      system.secureLogin?.enabled === false
    )
      return fail('Login MFA is off', evidence);
    return unknown('Login MFA state is not reported', evidence);
  },
});
