import type {
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
    knex('jc_bindings')
      .where({ run_id: scope.runId, system_id: id })
      .select('user_id', 'via_group', 'sudo_enabled', 'sudo_without_password'),
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
    boundUsers: bindings.map(b => ({
      userId: b.user_id,
      viaGroup: toBool(b.via_group),
      sudo: toNullableBool(b.sudo_enabled),
      sudoWithoutPassword: toNullableBool(b.sudo_without_password),
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
    knex('jc_bindings')
      .where({ run_id: scope.runId, user_id: id })
      .select(
        'system_id',
        'via_group',
        'sudo_enabled',
        'sudo_without_password',
      ),
    knex('jc_group_members')
      .where({ run_id: scope.runId, member_id: id, group_type: 'user_group' })
      .select('group_id'),
  ]);
  return {
    ...toUser(row, [scope]),
    raw: parseJson(row.raw, {}),
    boundDevices: bindings.map(b => ({
      deviceId: b.system_id,
      viaGroup: toBool(b.via_group),
      sudo: toNullableBool(b.sudo_enabled),
      sudoWithoutPassword: toNullableBool(b.sudo_without_password),
    })),
    groupIds: groups.map(g => g.group_id),
  };
}
