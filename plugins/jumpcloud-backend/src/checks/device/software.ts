import type { JcSystem } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Decision } from '../helpers';
import { deviceCheck } from '../checkBuilders';
import {
  fail,
  insights,
  matchAny,
  osFamilyOf,
  pass,
  refs,
  unknown,
} from '../helpers';
import type { BuiltInCheckContext } from '../types';

/** Installed software names (macOS apps, Windows programs), or the reason they are unreadable. */
function installedSoftware(
  system: JcSystem,
  ctx: BuiltInCheckContext,
): { names: string[] } | { gap: Decision } {
  const family = osFamilyOf(system);
  if (family === 'linux')
    return { gap: unknown('Linux package inventory is not collected') };
  const data = insights(
    system,
    family === 'windows' ? 'programs' : 'apps',
    ctx,
  );
  if ('gap' in data) return data;
  return {
    names: data.rows
      .map(r => String(r.name ?? r.bundle_name ?? r.display_name ?? ''))
      .filter(Boolean),
  };
}

export const passwordManager = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-09',
    title: 'Password manager installed',
    severity: 'low',
    description:
      'An allow-listed password manager (jumpcloud.checks.passwordManagerAllowList) is installed as a desktop app. Browser-extension-only installs are not visible in the collected tables.',
    remediation:
      "Install the organisation's password manager, or add the product in use to the allow-list.",
    fields: ['systeminsights.apps.name', 'systeminsights.programs.name'],
    frameworks: refs(['CC6.1'], ['A.5.17'], ['5.2'], ['IA-5']),
  },
  decide(system, ctx) {
    const software = installedSoftware(system, ctx);
    if ('gap' in software) return software.gap;
    const found = software.names.find(n =>
      matchAny(n, ctx.thresholds.passwordManagerAllowList),
    );
    return found
      ? pass(`Password manager installed: ${found}`, { product: found })
      : fail('No allow-listed password manager is installed', {
          allowList: ctx.thresholds.passwordManagerAllowList,
        });
  },
});

export const noProhibitedSoftware = deviceCheck({
  os: ['macos', 'windows', 'linux'],
  meta: {
    id: 'DEV-21',
    title: 'No prohibited software',
    severity: 'medium',
    description:
      'None of the software on jumpcloud.checks.prohibitedSoftware is installed.',
    remediation:
      'Uninstall the prohibited software (or use a JumpCloud command to remove it fleet-wide).',
    fields: ['systeminsights.apps.name', 'systeminsights.programs.name'],
    frameworks: refs(['CC6.8'], ['A.8.19'], ['2.3'], ['CM-7(4)', 'CM-11']),
  },
  decide(system, ctx) {
    const software = installedSoftware(system, ctx);
    if ('gap' in software) return software.gap;
    const found = software.names.filter(n =>
      matchAny(n, ctx.thresholds.prohibitedSoftware),
    );
    return found.length
      ? fail(`Prohibited software installed: ${found.join(', ')}`, { found })
      : pass('No prohibited software found', {
          inspected: software.names.length,
        });
  },
});
