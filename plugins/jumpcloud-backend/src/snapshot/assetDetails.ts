import type {
  AssetBinding,
  DeviceAssetDetail,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { parseJson, toBool, toNullableBool } from '../database/util';
import type { SnapshotScope } from './AssetsReader';
import { toDevice, toUser } from './assetRows';
import { failingChecks } from './failingChecks';

// One device or user of a run with what surrounds it (bindings, groups,
// policy results, System Insights rows): the detail pages read these, the
// lists never do.

/**
 * Bindings rows as the API gives them, with the names of the groups that
 * grant them (one query for all the groups of a detail page; a group the
 * run did not read keeps its id as its name).
 */
async function withGroupNames<
  Row extends {
    via_group: unknown;
    via_group_ids?: string | null;
    sudo_enabled: unknown;
    sudo_without_password: unknown;
  },
>(
  knex: Knex,
  scope: SnapshotScope,
  rows: Row[],
): Promise<Array<{ row: Row; binding: AssetBinding }>> {
  const groupIdsOf = (row: Row) => parseJson<string[]>(row.via_group_ids, []);
  const ids = [...new Set(rows.flatMap(groupIdsOf))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const groups = await knex('jc_groups')
      .where({ run_id: scope.runId })
      .whereIn('id', ids)
      .select('id', 'name');
    for (const group of groups) names.set(group.id, group.name);
  }
  return rows.map(row => ({
    row,
    binding: {
      viaGroup: toBool(row.via_group),
      viaGroups: groupIdsOf(row).map(groupId => ({
        id: groupId,
        name: names.get(groupId) ?? groupId,
      })),
      sudo: toNullableBool(row.sudo_enabled),
      sudoWithoutPassword: toNullableBool(row.sudo_without_password),
    },
  }));
}

/** A device with its bound users, groups, policy results and System Insights rows. */
export async function readDeviceDetail(
  knex: Knex,
  scope: SnapshotScope,
  id: string,
): Promise<DeviceAssetDetail | undefined> {
  const row = await knex('jc_devices as d')
    .where({ 'd.run_id': scope.runId, 'd.id': id })
    .select(
      'd.*',
      ...Object.values(failingChecks(knex, 'd').computed).map(c => c()),
    )
    .first();
  if (!row) return undefined;
  const [bindings, groups, policies, insights] = await Promise.all([
    knex('jc_bindings as b')
      .leftJoin('jc_users as u', join =>
        join.on('u.run_id', '=', 'b.run_id').andOn('u.id', '=', 'b.user_id'),
      )
      .where({ 'b.run_id': scope.runId, 'b.system_id': id })
      .select('b.*', 'u.display_name as name'),
    knex('jc_group_members')
      .where({
        run_id: scope.runId,
        member_id: id,
        group_type: 'system_group',
      })
      .select('group_id'),
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
    boundUsers: (await withGroupNames(knex, scope, bindings)).map(b => ({
      userId: b.row.user_id,
      userName: b.row.name ?? null,
      ...b.binding,
    })),
    groupIds: groups.map(g => g.group_id),
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
  const row = await knex('jc_users as u')
    .where({ 'u.run_id': scope.runId, 'u.id': id })
    .select(
      'u.*',
      ...Object.values(failingChecks(knex, 'u').computed).map(c => c()),
    )
    .first();
  if (!row) return undefined;
  const [bindings, groups] = await Promise.all([
    knex('jc_bindings as b')
      .leftJoin('jc_devices as d', join =>
        join.on('d.run_id', '=', 'b.run_id').andOn('d.id', '=', 'b.system_id'),
      )
      .where({ 'b.run_id': scope.runId, 'b.user_id': id })
      .select('b.*', 'd.display_name as name'),
    knex('jc_group_members')
      .where({ run_id: scope.runId, member_id: id, group_type: 'user_group' })
      .select('group_id'),
  ]);
  return {
    ...toUser(row, [scope]),
    raw: parseJson(row.raw, {}),
    boundDevices: (await withGroupNames(knex, scope, bindings)).map(b => ({
      deviceId: b.row.system_id,
      deviceName: b.row.name ?? null,
      ...b.binding,
    })),
    groupIds: groups.map(g => g.group_id),
  };
}
