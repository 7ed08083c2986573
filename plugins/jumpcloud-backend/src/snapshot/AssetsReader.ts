import type {
  DeviceAsset,
  DeviceAssetDetail,
  GroupAsset,
  UserAsset,
  UserAssetDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { CountCache } from '../database/CountCache';
import { countOf, likePattern, whereLike } from '../database/util';
import { readDeviceDetail, readUserDetail } from './assetDetails';
import { nameOf, toDevice, toUser } from './assetRows';

/** The latest complete run of each connection in scope of a query. */
export interface SnapshotScope {
  connectionId: string;
  connectionName: string;
  /** The label its rows carry. */
  runId: string;
  /** The connection's latest complete run: its rows change only with it. */
  appliedRunId: string;
}

export interface AssetQuery {
  q?: string;
  sort?: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Sortable fields of each asset list: API name → SQL expression. */
export const DEVICE_SORTS: Record<string, string> = {
  hostname: 'd.hostname',
  displayName: 'd.display_name',
  os: 'd.os',
  osFamily: 'd.os_family',
  osVersion: 'd.os_version',
  lastContact: 'd.last_contact',
  active: 'd.active',
  agentVersion: 'd.agent_version',
  connectionName: 'd.connection_id',
  failingChecks: 'd.failing_checks',
};
export const USER_SORTS: Record<string, string> = {
  username: 'u.username',
  email: 'u.email',
  displayName: 'u.display_name',
  state: 'u.state',
  mfaEnrolled: 'u.mfa_enrolled',
  isAdmin: 'u.is_admin',
  deviceCount: 'u.device_count',
  connectionName: 'u.connection_id',
  failingChecks: 'u.failing_checks',
};
export const GROUP_SORTS: Record<string, string> = {
  name: 'g.name',
  type: 'g.type',
  memberCount: 'member_count',
  connectionName: 'g.connection_id',
};

type Page<T> = { items: T[]; totalCount: number };

/** Joins searched columns (a control character: never in a search text). */
const SEPARATOR = '\u0001';

/** Reads devices, users and groups of the latest complete snapshots. */
export class AssetsReader {
  readonly #counts = new CountCache();

  constructor(private readonly knex: Knex) {}

  async devices(
    scope: SnapshotScope[],
    query: AssetQuery & { osFamily?: string },
  ): Promise<Page<DeviceAsset>> {
    const base = this.knex('jc_devices as d')
      .whereIn(
        'd.run_id',
        scope.map(s => s.runId),
      )
      .modify(b => {
        if (query.osFamily) b.where('d.os_family', query.osFamily);
        if (query.q)
          this.#whereAnyContains(
            b,
            ['d.hostname', 'd.display_name', 'd.serial_number', 'd.os'],
            query.q,
          );
      });
    // In parallel: two pool connections on PostgreSQL.
    const [total, rows] = await Promise.all([
      this.#counts.count(versionOf(scope), base),
      this.#page(base, {
        table: 'jc_devices as d',
        keys: ['d.run_id', 'd.id'],
        computed: {},
        sort: DEVICE_SORTS[query.sort ?? 'hostname'] ?? 'd.hostname',
        query,
      }),
    ]);
    return {
      items: rows.map((r: Record<string, any>) => toDevice(r, scope)),
      totalCount: total,
    };
  }

  async users(
    scope: SnapshotScope[],
    query: AssetQuery,
  ): Promise<Page<UserAsset>> {
    const base = this.knex('jc_users as u')
      .whereIn(
        'u.run_id',
        scope.map(s => s.runId),
      )
      .modify(b => {
        if (query.q)
          this.#whereAnyContains(
            b,
            ['u.username', 'u.email', 'u.display_name'],
            query.q,
          );
      });
    // In parallel: two pool connections on PostgreSQL.
    const [total, rows] = await Promise.all([
      this.#counts.count(versionOf(scope), base),
      this.#page(base, {
        table: 'jc_users as u',
        keys: ['u.run_id', 'u.id'],
        computed: {},
        sort: USER_SORTS[query.sort ?? 'username'] ?? 'u.username',
        query,
      }),
    ]);
    return {
      items: rows.map((r: Record<string, any>) => toUser(r, scope)),
      totalCount: total,
    };
  }

  async groups(
    scope: SnapshotScope[],
    query: AssetQuery & { type?: string },
  ): Promise<Page<GroupAsset>> {
    const base = this.knex('jc_groups as g')
      .whereIn(
        'g.run_id',
        scope.map(s => s.runId),
      )
      .modify(b => {
        if (query.type) b.where('g.type', query.type);
        if (query.q) whereLike(b, ['g.name'], query.q);
      });
    // In parallel: two pool connections on PostgreSQL.
    const [total, rows] = await Promise.all([
      this.#counts.count(versionOf(scope), base),
      this.#page(base, {
        table: 'jc_groups as g',
        keys: ['g.run_id', 'g.type', 'g.id'],
        computed: {
          member_count: () =>
            this.knex('jc_group_members as m')
              .count('*')
              .whereRaw(
                'm.run_id = g.run_id and m.group_id = g.id and m.group_type = g.type',
              )
              .as('member_count'),
        },
        sort: GROUP_SORTS[query.sort ?? 'name'] ?? 'g.name',
        query,
      }),
    ]);
    return {
      items: rows.map((r: Record<string, any>) => ({
        id: r.id,
        connectionId: r.connection_id,
        connectionName: nameOf(scope, r.connection_id),
        name: r.name,
        type: r.type,
        memberCount: Number(r.member_count ?? 0),
        entityRef: null,
      })),
      totalCount: total,
    };
  }

  async device(
    scope: SnapshotScope,
    id: string,
  ): Promise<DeviceAssetDetail | undefined> {
    return readDeviceDetail(this.knex, scope, id);
  }

  async user(
    scope: SnapshotScope,
    id: string,
  ): Promise<UserAssetDetail | undefined> {
    return readUserDetail(this.knex, scope, id);
  }

  /**
   * One page of an asset list. The sort and the offset run over the row keys
   * (and the computed count, if the sort is one) only; the page's full rows
   * and their counts are joined back afterwards. Sorting whole rows (raw
   * JSON included) and counting for every row of the run made deep pages
   * and count sorts slow at 20k rows.
   */
  async #page(
    base: Knex.QueryBuilder,
    options: {
      table: string;
      keys: string[];
      computed: Record<string, () => Knex.QueryBuilder>;
      sort: string;
      query: AssetQuery;
    },
  ): Promise<Record<string, any>[]> {
    const { table, keys, computed, sort, query } = options;
    const alias = table.split(' as ')[1];
    const tieBreak = `${alias}.id`;
    const orderBy = [
      { column: sort, order: query.order },
      { column: tieBreak, order: query.order },
    ];
    const keyPage = base.clone().select(...keys);
    if (computed[sort]) keyPage.select(computed[sort]());
    keyPage.orderBy(orderBy).limit(query.limit).offset(query.offset).as('p');
    return this.knex(table)
      .join(keyPage, join => {
        for (const key of keys)
          join.on(key, '=', `p.${key.slice(alias.length + 1)}`);
      })
      .select(
        `${alias}.*`,
        ...Object.values(computed).map(subquery => subquery()),
      )
      .orderBy(orderBy);
  }

  /**
   * Rows where one of the columns contains the text, case-insensitively:
   * the same rows as `whereLike` (one `lower(column) LIKE` per column), in
   * one LIKE over the columns joined by a control character, which a
   * search text cannot hold (searchSchema), so no match spans two columns.
   * SQLite's LIKE ignores ASCII case as its lower() folds it (ASCII only),
   * so lower() is left out there; the search indexes of migration
   * 20261201_1_stored_counts cover these columns.
   */
  #whereAnyContains(b: Knex.QueryBuilder, columns: string[], text: string) {
    if (/\p{Cc}/u.test(text)) return whereLike(b, columns, text);
    const joined = columns
      .map(() => `coalesce(??, '')`)
      .join(` || '${SEPARATOR}' || `);
    const expression =
      this.knex.client.dialect === 'postgresql' ? `lower(${joined})` : joined;
    return b.whereRaw(`${expression} like ? escape '\\'`, [
      ...columns,
      likePattern(text),
    ]);
  }

  async countsByRun(
    runId: string,
  ): Promise<{ devices: number; users: number }> {
    const [[devices], [users]] = await Promise.all([
      this.knex('jc_devices').where({ run_id: runId }).count({ count: '*' }),
      this.knex('jc_users').where({ run_id: runId }).count({ count: '*' }),
    ]);
    return { devices: countOf(devices), users: countOf(users) };
  }
}

/** What a snapshot's rows are as of: its connections' latest complete runs. */
function versionOf(scope: SnapshotScope[]): string {
  return scope.map(s => `${s.connectionId}:${s.appliedRunId}`).join(',');
}
