import type { Page } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';

export function nowIso(): string {
  return new Date().toISOString();
}

/** SQLite returns 0/1 for booleans; PostgreSQL true/false. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function toNullableBool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : toBool(value);
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || value === '') {
    return fallback;
  }
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** The number of a `count(*)` row, whatever the driver returns. */
export function countOf(row: unknown): number {
  if (!row || typeof row !== 'object') {
    return 0;
  }
  const value = Object.values(row as Record<string, unknown>)[0];
  return Number(value ?? 0);
}

/** Which page of a listing, in which order. */
export interface PageRequest {
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** A page's rows and the number the filter matches (the route adds limit and offset). */
export type PageItems<Item> = Pick<Page<Item>, 'items' | 'totalCount'>;

/**
 * One page of a time-ordered table (runs, history): ordered by `started_at`,
 * the id breaking ties so that paging is stable when two start together.
 */
export async function pageByStartTime<Row extends {}, Item>(
  filtered: Knex.QueryBuilder<Row>,
  page: PageRequest,
  fromRow: (row: Row) => Item,
): Promise<PageItems<Item>> {
  const [countRow] = await filtered.clone().count({ count: '*' });
  const rows: Row[] = await filtered
    .clone()
    .orderBy([
      { column: 'started_at', order: page.order },
      { column: 'id', order: page.order },
    ])
    .limit(page.limit)
    .offset(page.offset);
  return { items: rows.map(fromRow), totalCount: countOf(countRow) };
}

/** True when the error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}

/** Case-insensitive LIKE pattern with escaped wildcards. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/** `lower(column) LIKE pattern ESCAPE '\'` for SQLite and PostgreSQL. */
export function whereLike(
  query: Knex.QueryBuilder,
  columns: string[],
  text: string,
): Knex.QueryBuilder {
  const pattern = likePattern(text);
  return query.where(builder => {
    for (const column of columns) {
      builder.orWhereRaw(`lower(??) like ? escape '\\'`, [column, pattern]);
    }
  });
}
