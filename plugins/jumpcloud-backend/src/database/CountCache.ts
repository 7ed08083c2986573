import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { countOf } from './util';

/**
 * Totals of list queries, remembered for as long as the rows they count
 * are the same: each is keyed by a version of those rows that changes in
 * the same transaction as they do (the runs a snapshot's rows came from,
 * the latest seal of each connection's findings) and by the query itself.
 * Counting a text search reads every match (37 ms for 50k findings on
 * PostgreSQL at L); paging through its results, or a second reader,
 * counts nothing again until the next sync. Concurrent requests for the
 * same total share one count.
 */
export class CountCache {
  readonly #totals = new LRUCache<string, Promise<number>>({ max: 2000 });

  async count(version: string, query: Knex.QueryBuilder): Promise<number> {
    const counted = query.clone().count({ count: '*' });
    const { sql, bindings } = counted.toSQL();
    const key = JSON.stringify([version, sql, bindings]);
    const known = this.#totals.get(key);
    if (known) return known;
    const total = counted.then(([row]) => countOf(row));
    this.#totals.set(key, total);
    // A failed count is not remembered.
    total.catch(() => this.#totals.delete(key));
    return total;
  }
}
