import type { SnapshotReadType } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { countOf, parseJson, toNullableBool } from '../database/util';

interface Source {
  table: string;
  key: 'id' | 'seq';
  where?: Record<string, string>;
  /** The columns toItem reads (besides the key): never the wide row. */
  columns: string[];
  toItem: (row: Record<string, any>) => unknown;
  /**
   * The item as JSON text, when the row holds it already: served as stored
   * rather than parsed and serialised again.
   */
  toJson?: (row: Record<string, any>) => string;
}

const raw = (row: Record<string, any>) => parseJson(row.raw, {});
/** The stored JSON.stringify output; `{}` where parseJson would give {}. */
const rawJson = (row: Record<string, any>): string =>
  typeof row.raw === 'string' && row.raw !== '' ? row.raw : '{}';
const member = (row: Record<string, any>) => ({
  groupId: row.group_id,
  memberId: row.member_id,
  memberType: row.member_type,
});

const RAW = ['raw'];
const MEMBER = ['group_id', 'member_id', 'member_type'];

const SOURCES: Record<SnapshotReadType, Source> = {
  systems: {
    table: 'jc_devices',
    key: 'id',
    columns: RAW,
    toItem: raw,
    toJson: rawJson,
  },
  users: {
    table: 'jc_users',
    key: 'id',
    columns: RAW,
    toItem: raw,
    toJson: rawJson,
  },
  userGroups: {
    table: 'jc_groups',
    key: 'id',
    where: { type: 'user_group' },
    columns: RAW,
    toItem: raw,
    toJson: rawJson,
  },
  systemGroups: {
    table: 'jc_groups',
    key: 'id',
    where: { type: 'system_group' },
    columns: RAW,
    toItem: raw,
    toJson: rawJson,
  },
  userGroupMembers: {
    table: 'jc_group_members',
    key: 'seq',
    where: { group_type: 'user_group' },
    columns: MEMBER,
    toItem: member,
  },
  systemGroupMembers: {
    table: 'jc_group_members',
    key: 'seq',
    where: { group_type: 'system_group' },
    columns: MEMBER,
    toItem: member,
  },
  userSystemBindings: {
    table: 'jc_bindings',
    key: 'seq',
    columns: [
      'user_id',
      'system_id',
      'via_group',
      'sudo_enabled',
      'sudo_without_password',
    ],
    toItem: row => {
      const sudoEnabled = toNullableBool(row.sudo_enabled);
      const withoutPassword = toNullableBool(row.sudo_without_password);
      return {
        userId: row.user_id,
        systemId: row.system_id,
        viaGroup: Boolean(toNullableBool(row.via_group)),
        ...(sudoEnabled === null && withoutPassword === null
          ? {}
          : {
              sudo: {
                ...(sudoEnabled === null ? {} : { enabled: sudoEnabled }),
                ...(withoutPassword === null ? {} : { withoutPassword }),
              },
            }),
      };
    },
  },
};

export const SNAPSHOT_READ_TYPES = Object.keys(SOURCES) as SnapshotReadType[];

/**
 * Cursor of a snapshot read: pins the run so pages never mix two runs, and
 * carries the type's total so it is counted once per read, not per page (a
 * count over 640k bindings costs more than the page itself). A run's
 * snapshot never changes, so the first page's count holds for the rest.
 * `direct` marks a read of direct user-device bindings only (its total is
 * not the total of all bindings).
 */
export interface SnapshotCursor {
  runId: string;
  after: string | number;
  type?: SnapshotReadType;
  totalCount?: number;
  direct?: boolean;
}

const DIRECT = 'direct';

export function encodeCursor(cursor: SnapshotCursor): string {
  const value: unknown[] = [cursor.runId, cursor.after];
  if (cursor.type !== undefined && cursor.totalCount !== undefined) {
    value.push(cursor.type, cursor.totalCount);
    if (cursor.direct) value.push(DIRECT);
  }
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The decoded cursor, or undefined when it is not one of ours. */
export function decodeCursor(text: string): SnapshotCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      !Array.isArray(value) ||
      typeof value[0] !== 'string' ||
      !(typeof value[1] === 'string' || Number.isInteger(value[1]))
    )
      return undefined;
    if (value.length === 2) return { runId: value[0], after: value[1] };
    if (
      (value.length === 4 || (value.length === 5 && value[4] === DIRECT)) &&
      (SNAPSHOT_READ_TYPES as unknown[]).includes(value[2]) &&
      Number.isInteger(value[3]) &&
      value[3] >= 0
    )
      return {
        runId: value[0],
        after: value[1],
        type: value[2],
        totalCount: value[3],
        ...(value.length === 5 ? { direct: true } : {}),
      };
  } catch {
    // fall through
  }
  return undefined;
}

export interface SnapshotReadOptions {
  runId: string;
  type: SnapshotReadType;
  after?: string | number;
  limit: number;
  /** The type's total from an earlier page of the same read, if known. */
  totalCount?: number;
  /**
   * userSystemBindings only: just the direct bindings (not via a group),
   * all the catalog needs to pick a device's owner; about 3 % of them in a
   * large org. Served by the partial index jc_bindings_direct_idx.
   */
  direct?: boolean;
}

/**
 * Keyset-paged reads of a run's raw objects for the catalog module. Each
 * page selects only the key and the columns its items are made of.
 */
export class CatalogSnapshotReader {
  constructor(private readonly knex: Knex) {}

  /** One page, its items parsed. */
  async read(options: SnapshotReadOptions): Promise<{
    items: unknown[];
    next: string | number | null;
    totalCount: number;
  }> {
    const { source, rows, next, totalCount } = await this.#page(options);
    return { items: rows.map(source.toItem), next, totalCount };
  }

  /**
   * One page, its items as the text of a JSON array: raw objects as stored,
   * without parsing and serialising tens of MB per read again.
   */
  async readJson(options: SnapshotReadOptions): Promise<{
    itemsJson: string;
    next: string | number | null;
    totalCount: number;
  }> {
    const { source, rows, next, totalCount } = await this.#page(options);
    const toJson = source.toJson;
    const itemsJson = toJson
      ? `[${rows.map(row => toJson(row)).join(',')}]`
      : JSON.stringify(rows.map(source.toItem));
    return { itemsJson, next, totalCount };
  }

  async #page(options: SnapshotReadOptions) {
    const source = SOURCES[options.type];
    if (options.direct && options.type !== 'userSystemBindings') {
      throw new Error(
        `direct applies to userSystemBindings, not ${options.type}`,
      );
    }
    const base = this.knex(source.table)
      .where({
        run_id: options.runId,
        ...(source.where ?? {}),
      })
      .modify(q => {
        // A literal, not a parameter: it must match the partial index's
        // predicate for the planner to use it.
        if (options.direct) q.whereRaw('?? = false', ['via_group']);
      });
    const totalCount =
      options.totalCount ??
      countOf((await base.clone().count({ count: '*' }))[0]);
    const rows: Record<string, any>[] = await base
      .clone()
      .select(source.key, ...source.columns)
      .modify(q => {
        if (options.after !== undefined)
          q.where(source.key, '>', options.after);
      })
      .orderBy(source.key, 'asc')
      .limit(options.limit + 1);
    const more = rows.length > options.limit;
    if (more) rows.length = options.limit;
    return {
      source,
      rows,
      next: more ? keyOf(rows[rows.length - 1][source.key]) : null,
      totalCount,
    };
  }
}

/** Keyset value: integers stay numbers (seq), ids are strings. */
function keyOf(value: unknown): string | number {
  return typeof value === 'number' ? value : String(value);
}
