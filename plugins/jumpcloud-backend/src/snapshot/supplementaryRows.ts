import type { SnapshotDataType } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';

/** Where a supplementary data type's rows of a run are stored. */
interface RowsOf {
  table: string;
  /** Copied columns but `run_id` (never an auto-increment `seq`). */
  columns: string[];
  /** For tables shared by several types: the type's own rows. */
  where?: Record<string, string>;
}

const orgObjects = (type: SnapshotDataType): RowsOf => ({
  table: 'jc_org_objects',
  columns: ['type', 'id', 'raw'],
  where: { type },
});

/**
 * The stored rows of each supplementary data type. Essential types are not
 * here: a run missing one of them is never applied.
 */
const SUPPLEMENTARY_ROWS: Partial<Record<SnapshotDataType, RowsOf>> = {
  admins: {
    table: 'jc_admins',
    columns: ['id', 'email', 'role', 'mfa_enabled', 'raw'],
  },
  policies: {
    table: 'jc_policies',
    columns: ['id', 'name', 'template_name', 'os_family', 'raw'],
  },
  policyStatuses: {
    table: 'jc_policy_results',
    columns: ['policy_id', 'system_id', 'success', 'ended_at', 'raw'],
  },
  systemInsights: {
    table: 'jc_insights',
    columns: ['table_name', 'system_id', 'raw'],
  },
  organization: orgObjects('organization'),
  applications: orgObjects('applications'),
  authnPolicies: orgObjects('authnPolicies'),
  appleMdms: orgObjects('appleMdms'),
  directoryEvents: orgObjects('directoryEvents'),
};

/** True for the data types whose last complete rows a run can keep. */
export function canKeepRows(type: string): boolean {
  return type in SUPPLEMENTARY_ROWS;
}

/**
 * Replaces what a run read of a data type it could not read completely with
 * the rows of an earlier run that had it (or had kept it), if any: what
 * readers show for that type stays its last complete value. Pages stored
 * while fetching are removed first; nothing of a partly read type is mixed
 * in. Returns the rows kept.
 */
export async function keepRowsFrom(
  knex: Knex,
  type: SnapshotDataType,
  toRunId: string,
  fromRunId: string | null,
): Promise<number> {
  const rows = SUPPLEMENTARY_ROWS[type];
  if (!rows) return 0;
  await knex(rows.table)
    .where({ run_id: toRunId, ...rows.where })
    .delete();
  if (!fromRunId) return 0;
  const columns = rows.columns.map(c => knex.ref(c));
  const copy = knex(rows.table)
    .where({ run_id: fromRunId, ...rows.where })
    .select(knex.raw('?', [toRunId]), ...columns);
  await knex
    .into(knex.raw('?? (??)', [rows.table, ['run_id', ...rows.columns]]))
    .insert(copy);
  const [{ count }] = await knex(rows.table)
    .where({ run_id: toRunId, ...rows.where })
    .count({ count: '*' });
  return Number(count);
}
