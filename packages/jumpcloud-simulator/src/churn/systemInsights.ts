import type { SiTable } from '../data/systemInsights';
import { iso, Random } from '../data/random';
import type { JsonObject } from '../types';

/**
 * A System Insights table as agents rewrite it: at each step the rows of a
 * few devices are deleted, and come back at the next step with a newer
 * `collection_time` at the end of the table's natural order (a database
 * appends re-inserted rows). So between two pages the total shrinks or grows
 * and rows change position.
 */
export class ChurnedTable {
  private step = 0;
  /** Devices whose rows are deleted right now. */
  private hidden = new Set<string>();
  /** Devices re-added, oldest first, with their new collection time. */
  private readonly moved = new Map<string, string>();
  private cache: { base: JsonObject[]; rows: JsonObject[] } | null = null;

  constructor(
    private readonly seed: number,
    private readonly nowMs: number,
    private readonly orgId: string,
    private readonly table: SiTable,
  ) {}

  /** The table as it stands; `base` is the generated table. */
  rows(base: JsonObject[]): JsonObject[] {
    if (this.step === 0) return base;
    if (this.cache?.base === base) return this.cache.rows;
    const rewritten = new Map<string, JsonObject[]>();
    const rows: JsonObject[] = [];
    for (const row of base) {
      const id = row.system_id as string;
      if (this.hidden.has(id)) continue;
      if (!this.moved.has(id)) {
        rows.push(row);
        continue;
      }
      const list = rewritten.get(id) ?? [];
      list.push({ ...row, collection_time: this.moved.get(id) });
      rewritten.set(id, list);
    }
    for (const id of this.moved.keys()) rows.push(...(rewritten.get(id) ?? []));
    this.cache = { base, rows };
    return rows;
  }

  /** Devices deleted last step come back; `devices` others are deleted. */
  advance(base: JsonObject[], devices: number): void {
    this.step++;
    const at = iso(this.nowMs + this.step * 1000);
    for (const id of this.hidden) {
      this.moved.delete(id); // re-inserted: to the end
      this.moved.set(id, at);
    }
    const candidates = [
      ...new Set(base.map(r => r.system_id as string)),
    ].filter(id => !this.hidden.has(id));
    const r = Random.derive(
      this.seed,
      `churn:si:${this.orgId}:${this.table}:${this.step}`,
    );
    this.hidden = new Set(r.sample(candidates, devices));
    this.cache = null;
  }
}
