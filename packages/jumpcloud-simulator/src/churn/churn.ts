import type { OrgIndex } from '../data/orgIndex';
import type { SiTable } from '../data/systemInsights';
import type { JsonObject } from '../types';
import { arriveEvents } from './events';
import type { ChurnOptions } from './options';
import { ChurnedTable } from './systemInsights';
import { churnUsers } from './users';

/**
 * The churn of a running simulator. Routes report each page they served that
 * a client will follow with another (the read is not over); a step then
 * changes the data the next page sees. After a read's last page nothing
 * moves, so the data a client ends on is the data JumpCloud then holds.
 * Steps are counted per org and route and seeded, so runs repeat.
 */
export class Churn {
  private steps = new Map<string, number>();
  private tables = new Map<string, ChurnedTable>();

  constructor(
    private readonly seed: number,
    private readonly nowMs: number,
    private options: ChurnOptions | null,
  ) {}

  get settings(): ChurnOptions | null {
    return this.options;
  }

  configure(options: ChurnOptions | null): void {
    this.options = options;
    this.reset();
  }

  reset(): void {
    this.steps.clear();
    this.tables.clear();
  }

  private next(key: string): number {
    const step = (this.steps.get(key) ?? 0) + 1;
    this.steps.set(key, step);
    return step;
  }

  afterUsersPage(org: OrgIndex): void {
    const created = this.options?.usersCreatedPerPage ?? 0;
    const deleted = this.options?.usersDeletedPerPage ?? 0;
    if (created + deleted === 0) return;
    const step = this.next(`users:${org.data.id}`);
    churnUsers(org, this.seed, this.nowMs, step, created, deleted);
  }

  private table(org: OrgIndex, table: SiTable): ChurnedTable {
    const key = `${org.data.id}:${table}`;
    let churned = this.tables.get(key);
    if (!churned) {
      churned = new ChurnedTable(this.seed, this.nowMs, org.data.id, table);
      this.tables.set(key, churned);
    }
    return churned;
  }

  /** A System Insights table as it stands after the steps so far. */
  systemInsightsRows(org: OrgIndex, table: SiTable): JsonObject[] {
    const base = org.systemInsights.rows(table);
    const churned = this.tables.get(`${org.data.id}:${table}`);
    return churned ? churned.rows(base) : base;
  }

  afterSystemInsightsPage(org: OrgIndex, table: SiTable): void {
    const devices = this.options?.systemInsightsDevicesPerPage ?? 0;
    if (devices === 0) return;
    this.table(org, table).advance(org.systemInsights.rows(table), devices);
  }

  afterEventsPage(
    orgs: OrgIndex[],
    window: { fromMs: number; toMs: number },
  ): void {
    const count = this.options?.eventsPerPage ?? 0;
    if (count === 0 || window.toMs < window.fromMs) return;
    for (const org of orgs) {
      const step = this.next(`events:${org.data.id}`);
      arriveEvents(org, this.seed, step, count, window);
    }
  }
}
