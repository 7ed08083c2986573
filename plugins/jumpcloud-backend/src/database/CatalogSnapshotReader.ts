import type { SnapshotReadType } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { countOf, parseJson, toNullableBool } from './util';

interface Source {
  table: string;
  key: 'id' | 'seq';
  where?: Record<string, string>;
  toItem: (row: Record<string, any>) => unknown;
}

const raw = (row: Record<string, any>) => parseJson(row.raw, {});
const member = (row: Record<string, any>) => ({
  groupId: row.group_id,
  memberId: row.member_id,
  memberType: row.member_type,
});

const SOURCES: Record<SnapshotReadType, Source> = {
  systems: { table: 'jc_devices', key: 'id', toItem: raw },
  users: { table: 'jc_users', key: 'id', toItem: raw },
  userGroups: {
    table: 'jc_groups',
    key: 'id',
    where: { type: 'user_group' },
    toItem: raw,
  },
  systemGroups: {
    table: 'jc_groups',
    key: 'id',
    where: { type: 'system_group' },
    toItem: raw,
  },
  userGroupMembers: {
    table: 'jc_group_members',
    key: 'seq',
    where: { group_type: 'user_group' },
    toItem: member,
  },
  systemGroupMembers: {
    table: 'jc_group_members',
    key: 'seq',
    where: { group_type: 'system_group' },
    toItem: member,
  },
  userSystemBindings: {
    table: 'jc_bindings',
    key: 'seq',
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
 */
export interface SnapshotCursor {
  runId: string;
  after: string | number;
  type?: SnapshotReadType;
  totalCount?: number;
}

export function encodeCursor(cursor: SnapshotCursor): string {
  const value: unknown[] = [cursor.runId, cursor.after];
  if (cursor.type !== undefined && cursor.totalCount !== undefined)
    value.push(cursor.type, cursor.totalCount);
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
      value.length === 4 &&
      (SNAPSHOT_READ_TYPES as unknown[]).includes(value[2]) &&
      Number.isInteger(value[3]) &&
      value[3] >= 0
    )
      return {
        runId: value[0],
        after: value[1],
        type: value[2],
        totalCount: value[3],
      };
  } catch {
    // fall through
  }
  return undefined;
}

/** Keyset-paged reads of a run's raw objects for the catalog module. */
export class CatalogSnapshotReader {
  constructor(private readonly knex: Knex) {}

  async hasRun(runId: string): Promise<boolean> {
    const row = await this.knex('jc_devices')
      .where({ run_id: runId })
      .first('run_id');
    if (row) return true;
    const user = await this.knex('jc_users')
      .where({ run_id: runId })
      .first('run_id');
    return Boolean(user);
  }

  async read(options: {
    runId: string;
    type: SnapshotReadType;
    after?: string | number;
    limit: number;
    /** The type's total from an earlier page of the same read, if known. */
    totalCount?: number;
  }): Promise<{
    items: unknown[];
    next: string | number | null;
    totalCount: number;
  }> {
    const source = SOURCES[options.type];
    const base = this.knex(source.table).where({
      run_id: options.runId,
      ...(source.where ?? {}),
    });
    const totalCount =
      options.totalCount ??
      countOf((await base.clone().count({ count: '*' }))[0]);
    const rows = await base
      .clone()
      .modify(q => {
        if (options.after !== undefined)
          q.where(source.key, '>', options.after);
      })
      .orderBy(source.key, 'asc')
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    const last = rows.length > options.limit ? page[page.length - 1] : null;
    return {
      items: page.map(source.toItem),
      next: last === null ? null : keyOf(last[source.key]),
      totalCount,
    };
  }
}

/** Keyset value: integers stay numbers (seq), ids are strings. */
function keyOf(value: unknown): string | number {
  return typeof value === 'number' ? value : String(value);
}
