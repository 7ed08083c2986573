import type {
  AssetBinding,
  DeviceAssetDetail,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { parseJson, toBool, toNullableBool } from '../database/util';
import type { SnapshotScope } from './AssetsReader';
import { toDevice, toUser } from './assetRows';

// One device or user of a run with what surrounds it (bindings, groups,
// policy results, System Insights rows): the detail pages read these, the
// lists never do.

/** How a device or a user is stored, and what its bindings join to. */
const SIDES = {
  device: {
    table: 'jc_devices',
    bindingKey: 'system_id',
    other: { table: 'jc_users', key: 'user_id' },
    groupType: 'system_group',
  },
  user: {
    table: 'jc_users',
    bindingKey: 'user_id',
    other: { table: 'jc_devices', key: 'system_id' },
    groupType: 'user_group',
  },
} as const;

type Side = keyof typeof SIDES;

/** The row of one device or user of the run, with its failing checks. */
function assetRow(knex: Knex, side: Side, scope: SnapshotScope, id: string) {
  return knex(`${SIDES[side].table} as a`)
    .where({ 'a.run_id': scope.runId, 'a.id': id })
    .select('a.*')
    .first();
}

/**
 * A device's or user's bindings as the API gives them: the other side's id
 * and display name (null when the run lacks it), with the names of the
 * groups that grant them (one query for all the groups; a group the run did
 * not read keeps its id as its name), and the ids of its own groups.
 */
async function bindingsAndGroups(
  knex: Knex,
  side: Side,
  scope: SnapshotScope,
  id: string,
) {
  const { bindingKey, other, groupType } = SIDES[side];
  const [rows, groups] = await Promise.all([
    knex('jc_bindings as b')
      .leftJoin(`${other.table} as o`, join =>
        join
          .on('o.run_id', '=', 'b.run_id')
          .andOn('o.id', '=', `b.${other.key}`),
      )
      .where({ 'b.run_id': scope.runId, [`b.${bindingKey}`]: id })
      .select('b.*', 'o.display_name as name')
      .orderBy('b.seq'),
    knex('jc_group_members')
      .where({ run_id: scope.runId, member_id: id, group_type: groupType })
      .select('group_id'),
  ]);
  const groupIdsOf = (row: { via_group_ids?: string | null }) =>
    parseJson<string[]>(row.via_group_ids, []);
  const names = new Map<string, string>();
  const viaIds = [...new Set(rows.flatMap(groupIdsOf))];
  if (viaIds.length > 0) {
    const viaGroups = await knex('jc_groups')
      .where({ run_id: scope.runId })
      .whereIn('id', viaIds)
      .select('id', 'name');
    for (const group of viaGroups) names.set(group.id, group.name);
  }
  const bindings = rows.map(
    (row): AssetBinding & { otherId: string; otherName: string | null } => ({
      otherId: row[other.key],
      otherName: row.name ?? null,
      viaGroup: toBool(row.via_group),
      viaGroups: groupIdsOf(row).map(groupId => ({
        id: groupId,
        name: names.get(groupId) ?? groupId,
      })),
      sudo: toNullableBool(row.sudo_enabled),
      sudoWithoutPassword: toNullableBool(row.sudo_without_password),
    }),
  );
  return { bindings, groupIds: groups.map(g => g.group_id as string) };
}

/** A device with its bound users, groups, policy results and System Insights rows. */
export async function readDeviceDetail(
  knex: Knex,
  scope: SnapshotScope,
  id: string,
): Promise<DeviceAssetDetail | undefined> {
  const row = await assetRow(knex, 'device', scope, id);
  if (!row) return undefined;
  const [{ bindings, groupIds }, policies, insights] = await Promise.all([
    bindingsAndGroups(knex, 'device', scope, id),
    knex('jc_policy_results as r')
      .leftJoin('jc_policies as p', join =>
        join.on('p.run_id', '=', 'r.run_id').andOn('p.id', '=', 'r.policy_id'),
      )
      .where({ 'r.run_id': scope.runId, 'r.system_id': id })
      .select('r.policy_id', 'p.name', 'r.success', 'r.ended_at'),
    knex('jc_insights')
      .where({ run_id: scope.runId, system_id: id })
      .select('table_name', 'raw'),
  ]);
  const systemInsights: Record<string, unknown[]> = {};
  for (const insight of insights) {
    (systemInsights[insight.table_name] ??= []).push(
      parseJson(insight.raw, {}),
    );
  }
  return {
    ...toDevice(row, [scope]),
    raw: parseJson(row.raw, {}),
    boundUsers: bindings.map(({ otherId, otherName, ...binding }) => ({
      userId: otherId,
      userName: otherName,
      ...binding,
    })),
    groupIds,
    policies: policies.map(p => ({
      policyId: p.policy_id,
      name: p.name ?? p.policy_id,
      success: toNullableBool(p.success),
      endedAt: p.ended_at,
    })),
    systemInsights,
  };
}

/** A user with the devices bound to it and its groups. */
export async function readUserDetail(
  knex: Knex,
  scope: SnapshotScope,
  id: string,
): Promise<UserAssetDetail | undefined> {
  const row = await assetRow(knex, 'user', scope, id);
  if (!row) return undefined;
  const { bindings, groupIds } = await bindingsAndGroups(
    knex,
    'user',
    scope,
    id,
  );
  return {
    ...toUser(row, [scope]),
    raw: parseJson(row.raw, {}),
    boundDevices: bindings.map(({ otherId, otherName, ...binding }) => ({
      deviceId: otherId,
      deviceName: otherName,
      ...binding,
    })),
    groupIds,
  };
}
