import type {
  JcPolicyResult,
  JcSystemInsightsRow,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import type { DeviceRows } from '../checks/snapshotIndex';

type SystemInsights = DeviceRows['systemInsights'];

interface StoredRow {
  seq: number;
  raw: string;
}

/**
 * Reads one run's stored System Insights rows and policy statuses back for
 * evaluation a chunk of devices at a time: the whole org's rows are never
 * parsed at once.
 */
export class DeviceRowsReader {
  constructor(
    private readonly knex: Knex,
    private readonly pageSize = 10_000,
  ) {}

  /** Rows of the given devices, or of every device for `null`. */
  async load(runId: string, systemIds: string[] | null): Promise<DeviceRows> {
    const systemInsights: SystemInsights = {};
    const policyStatuses: JcPolicyResult[] = [];
    if (systemIds?.length === 0) return { systemInsights, policyStatuses };
    // Per table, in the order they were fetched.
    await this.#pages<StoredRow & { table_name: keyof SystemInsights }>(
      'jc_insights',
      runId,
      systemIds,
      ['table_name'],
      row =>
        (systemInsights[row.table_name] ??= []).push(
          JSON.parse(row.raw) as JcSystemInsightsRow,
        ),
    );
    // Policy by policy (as listed, by id), each in the order fetched: the
    // order an in-memory snapshot holds them in.
    await this.#pages<StoredRow & { policy_id: string }>(
      'jc_policy_results',
      runId,
      systemIds,
      ['policy_id'],
      row => policyStatuses.push(JSON.parse(row.raw) as JcPolicyResult),
    );
    policyStatuses.sort((a, b) => compareIds(a.policyID, b.policyID));
    return { systemInsights, policyStatuses };
  }

  async #pages<Row extends StoredRow>(
    table: string,
    runId: string,
    systemIds: string[] | null,
    columns: string[],
    onRow: (row: Row) => void,
  ) {
    let after = 0;
    for (;;) {
      const query = this.knex(table)
        .select('seq', 'raw', ...columns)
        .where('run_id', runId)
        .andWhere('seq', '>', after)
        .orderBy('seq')
        .limit(this.pageSize);
      if (systemIds) query.whereIn('system_id', systemIds);
      const rows: Row[] = await query;
      rows.forEach(onRow);
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }
}

/** Code-unit order, as JumpCloud sorts ids (not the locale's). */
function compareIds(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
