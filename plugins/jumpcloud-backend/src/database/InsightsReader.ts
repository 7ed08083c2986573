import type {
  JcSystemInsightsRow,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';

type SystemInsights = OrgSnapshot['systemInsights'];

interface InsightRow {
  seq: number;
  table_name: keyof SystemInsights;
  raw: string;
}

/**
 * Reads one run's stored System Insights rows back, per table and in the
 * order they were fetched (`seq`), for evaluation a chunk of devices at a
 * time: the whole org's rows are never parsed at once.
 */
export class InsightsReader {
  constructor(
    private readonly knex: Knex,
    private readonly pageSize = 10_000,
  ) {}

  /** Rows of the given devices, or of every device for `null`. */
  async load(
    runId: string,
    systemIds: string[] | null,
  ): Promise<SystemInsights> {
    const insights: SystemInsights = {};
    if (systemIds?.length === 0) return insights;
    let after = 0;
    for (;;) {
      const query = this.knex<InsightRow>('jc_insights')
        .select('seq', 'table_name', 'raw')
        .where('run_id', runId)
        .andWhere('seq', '>', after)
        .orderBy('seq')
        .limit(this.pageSize);
      if (systemIds) query.whereIn('system_id', systemIds);
      const rows: InsightRow[] = await query;
      for (const row of rows) {
        const parsed = JSON.parse(row.raw) as JcSystemInsightsRow;
        (insights[row.table_name] ??= []).push(parsed);
      }
      if (rows.length < this.pageSize) return insights;
      after = rows[rows.length - 1].seq;
    }
  }
}
