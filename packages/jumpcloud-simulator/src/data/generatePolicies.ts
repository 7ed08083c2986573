import type { JsonObject } from '../types';
import type { GraphEdge } from './model';
import type { OsFamily } from './generateSystems';
import { osFamilyOf } from './generateSystems';
import { DAY_MS, iso, Random } from './random';

/** Policy templates the simulator uses; `kind` is what the baseline checks look for. */
export const POLICY_TEMPLATES = [
  {
    name: 'disk_encryption_darwin',
    displayName: 'FileVault 2 (FDE)',
    osMetaFamily: 'darwin',
    kind: 'fde',
  },
  {
    name: 'bitlocker_windows',
    displayName: 'BitLocker Full Disk Encryption',
    osMetaFamily: 'windows',
    kind: 'fde',
  },
  {
    name: 'disk_encryption_linux',
    displayName: 'Linux Disk Encryption (LUKS) Check',
    osMetaFamily: 'linux',
    kind: 'fde',
  },
  {
    name: 'lock_screen_darwin',
    displayName: 'Lock Screen',
    osMetaFamily: 'darwin',
    kind: 'lock_screen',
  },
  {
    name: 'lock_screen_windows',
    displayName: 'Lock Screen',
    osMetaFamily: 'windows',
    kind: 'lock_screen',
  },
  {
    name: 'lock_screen_linux',
    displayName: 'Lock Screen',
    osMetaFamily: 'linux',
    kind: 'lock_screen',
  },
  {
    name: 'application_firewall_darwin',
    displayName: 'Application Firewall',
    osMetaFamily: 'darwin',
    kind: 'firewall',
  },
  {
    name: 'windows_firewall',
    displayName: 'Windows Firewall',
    osMetaFamily: 'windows',
    kind: 'firewall',
  },
  {
    name: 'firewall_linux',
    displayName: 'Linux Firewall (ufw)',
    osMetaFamily: 'linux',
    kind: 'firewall',
  },
  {
    name: 'software_update_darwin',
    displayName: 'macOS Software Updates',
    osMetaFamily: 'darwin',
    kind: 'updates',
  },
  {
    name: 'windows_updates',
    displayName: 'Windows Automatic Updates',
    osMetaFamily: 'windows',
    kind: 'updates',
  },
  {
    name: 'automatic_updates_linux',
    displayName: 'Linux Unattended Upgrades',
    osMetaFamily: 'linux',
    kind: 'updates',
  },
  {
    name: 'usb_storage_windows',
    displayName: 'Disable USB Storage',
    osMetaFamily: 'windows',
    kind: 'other',
  },
  {
    name: 'gatekeeper_darwin',
    displayName: 'Gatekeeper',
    osMetaFamily: 'darwin',
    kind: 'other',
  },
] as const;

const FAMILY_OF_META: Record<string, OsFamily> = {
  darwin: 'macOS',
  windows: 'windows',
  linux: 'linux',
};

const FAMILY_LABEL: Record<string, string> = {
  darwin: ' (macOS)',
  windows: ' (Windows)',
  linux: ' (Linux)',
};

export interface PoliciesResult {
  policies: JsonObject[];
  edges: GraphEdge[];
  results: JsonObject[];
}

/**
 * Policies: the per-OS baselines (FDE, lock screen, firewall, updates) bound
 * to the baseline device groups, where the Linux baseline deliberately lacks
 * its lock-screen policy, plus extra policies bound to single devices and
 * team groups. Results exist for every bound device that ever checked in.
 */
export function generatePolicies(
  random: Random,
  systems: JsonObject[],
  systemGroups: JsonObject[],
  memberSystems: (groupId: string) => string[],
  baselineGroups: Record<OsFamily, string>,
  count: number,
  nowMs: number,
): PoliciesResult {
  const policies: JsonObject[] = [];
  const edges: GraphEdge[] = [];
  const make = (
    template: (typeof POLICY_TEMPLATES)[number],
    name: string,
  ): JsonObject => {
    const id = random.objectId(nowMs - random.int(10, 900) * DAY_MS);
    const idle =
      template.kind === 'lock_screen'
        ? random.pick([300, 600, 900, 1800])
        : null;
    const policy: JsonObject = {
      id,
      name,
      template: {
        id: random.objectId(nowMs - 2000 * DAY_MS),
        name: template.name,
        displayName: template.displayName,
        description: `${template.displayName} policy`,
        osMetaFamily: template.osMetaFamily,
        deliveryTypes: ['agent'],
        activation: 'Applied when the device checks in',
        behavior: 'Enforced',
        state: '',
        alert: '',
        reference: '',
        osRestrictions: [],
      },
      values:
        idle === null
          ? []
          : [
              {
                configFieldID: random.objectId(nowMs - 2000 * DAY_MS),
                value: idle,
                sensitive: false,
              },
            ],
      notes: '',
    };
    policies.push(policy);
    return policy;
  };

  // Baselines.
  for (const template of POLICY_TEMPLATES) {
    if (template.kind === 'other') continue;
    if (template.name === 'lock_screen_linux') continue; // Linux baseline is incomplete on purpose.
    const p = make(
      template,
      `Baseline: ${template.displayName}${FAMILY_LABEL[template.osMetaFamily]}`,
    );
    edges.push({
      kind: 'association',
      from: { type: 'policy', id: p.id as string },
      to: {
        type: 'system_group',
        id: baselineGroups[FAMILY_OF_META[template.osMetaFamily]],
      },
      attributes: null,
    });
  }

  const teamGroups = systemGroups.slice(3);
  while (policies.length < count) {
    const template = random.pick(POLICY_TEMPLATES);
    const p = make(
      template,
      `${template.displayName} – ${random.pick([
        'Engineering',
        'Finance',
        'Kiosks',
        'Pilot',
        'Servers',
        'Test',
      ])} ${policies.length}`,
    );
    const roll = random.next();
    if (roll < 0.5 && teamGroups.length > 0) {
      edges.push({
        kind: 'association',
        from: { type: 'policy', id: p.id as string },
        to: { type: 'system_group', id: random.pick(teamGroups).id as string },
        attributes: null,
      });
    } else if (roll < 0.9) {
      for (const s of random.sample(systems, random.int(1, 5))) {
        edges.push({
          kind: 'association',
          from: { type: 'policy', id: p.id as string },
          to: { type: 'system', id: s._id as string },
          attributes: null,
        });
      }
    } // else: bound to nothing.
  }

  const byId = new Map(systems.map(s => [s._id as string, s]));
  const results: JsonObject[] = [];
  const policyById = new Map(policies.map(p => [p.id as string, p]));
  // Devices already given a result, per policy (a device can be bound twice).
  const seen = new Map<string, Set<string>>();
  for (const edge of edges) {
    const policy = policyById.get(edge.from.id)!;
    const done = seen.get(edge.from.id) ?? new Set<string>();
    seen.set(edge.from.id, done);
    const family =
      FAMILY_OF_META[(policy.template as JsonObject).osMetaFamily as string];
    const targets =
      edge.to.type === 'system' ? [edge.to.id] : memberSystems(edge.to.id);
    for (const systemId of targets) {
      const system = byId.get(systemId);
      if (!system || done.has(systemId)) continue;
      done.add(systemId);
      const stats = system.policyStats as Record<string, number>;
      system.isPolicyBound = true;
      if (osFamilyOf(system) !== family) {
        stats.unsupportedOs++;
        stats.total++;
        continue;
      }
      stats.total++;
      if (system.lastContact === null) {
        stats.pending++;
        continue;
      }
      const state = random.weighted([
        ['success', 88],
        ['failed', 8],
        ['pending', 4],
      ] as const);
      stats[state]++;
      const lastContact = Date.parse(system.lastContact as string);
      const started =
        state === 'pending' && random.chance(0.5)
          ? nowMs - random.int(8, 40) * DAY_MS
          : lastContact - random.int(1, 3600) * 1000;
      results.push({
        id: random.objectId(started),
        policyID: policy.id,
        systemID: systemId,
        userObjectId: '',
        startedAt: iso(started),
        ...(state === 'pending'
          ? {}
          : { endedAt: iso(started + random.int(1, 90) * 1000) }),
        success: state === 'success',
        state,
        exitStatus: state === 'failed' ? random.pick([1, 2, 127]) : 0,
        stdOut: '',
        stdErr:
          state === 'failed'
            ? 'Error: the setting could not be applied (MDM profile missing)'
            : '',
        detail: state === 'failed' ? 'The policy failed to apply' : '',
      });
    }
  }
  return { policies, edges, results };
}
