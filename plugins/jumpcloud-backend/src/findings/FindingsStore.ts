import type {
  CheckEntityKind,
  Finding,
  FindingStatus,
  Page,
  Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { CountCache } from '../database/CountCache';
import { lastSeenPageIds, latestSeals, type LatestSeals } from './lastSeen';
import { toFinding, type FindingRow } from './findingRow';
import { countFromStore, countableFromStore } from './FindingCounts';
import {
  SORT_INDEXES,
  SORT_MATCHES_AT_MOST,
  TIE_BREAKS,
  filteredBeyondText,
  trigramPhrase,
  walkCheaperThanSort,
} from './FindingsStoreSearch';

export const FINDING_SORTS = {
  severity: 'severity_rank',
  firstSeenAt: 'first_seen_at',
  lastSeenAt: 'last_seen_at',
  checkId: 'check_id',
  entityName: 'entity_name',
  connectionName: 'connection_name',
  status: 'status',
} as const;
export type FindingSort = keyof typeof FINDING_SORTS;
export type SortColumn = (typeof FINDING_SORTS)[FindingSort];

export interface FindingQuery {
  severity?: Severity[];
  status?: FindingStatus[];
  checkId?: string[];
  connectionId?: string;
  entityKind?: CheckEntityKind;
  entityId?: string[];
  /** Check ids mapped to the requested framework (resolved by the service). */
  frameworkCheckIds?: string[];
  q?: string;
  sort?: FindingSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Reads of jc_findings: filters, search, sort and server-side pages. */
export class FindingsStore {
  readonly #counts = new CountCache();

  constructor(private readonly knex: Knex) {}

  /**
   * The findings a query matches. On SQLite, its text is found by the
   * trigram index, or by testing each finding's text (`scan`: when a sort's
   * index is walked and the page fills before many are tested).
   */
  private filtered(
    query: Omit<FindingQuery, 'limit' | 'offset'>,
    now: string,
    searchBy: 'indexed' | 'scan' = 'indexed',
  ) {
    const q = this.knex<FindingRow>('jc_findings');
    if (query.connectionId) q.where('connection_id', query.connectionId);
    if (query.severity?.length) q.whereIn('severity', query.severity);
    if (query.checkId?.length) q.whereIn('check_id', query.checkId);
    if (query.frameworkCheckIds) q.whereIn('check_id', query.frameworkCheckIds);
    if (query.entityKind) q.where('entity_kind', query.entityKind);
    if (query.entityId?.length) q.whereIn('entity_id', query.entityId);
    if (query.status?.length) {
      const statuses = query.status;
      q.where(w => {
        if (statuses.includes('resolved')) w.orWhere('status', 'resolved');
        if (statuses.includes('excepted'))
          w.orWhere(x =>
            x.where('status', 'open').where('excepted_until', '>', now),
          );
        if (statuses.includes('open')) {
          w.orWhere(x =>
            x
              .where('status', 'open')
              .where(y =>
                y
                  .whereNull('excepted_until')
                  .orWhere('excepted_until', '<=', now),
              ),
          );
        }
      });
    }
    if (query.q) {
      const text = query.q.toLowerCase();
      const phrase = trigramPhrase(text);
      if (this.knex.client.dialect === 'postgresql') {
        // Served by the trigram index when pg_trgm is there (20261208_5).
        const escaped = text.replace(/[\\%_]/g, c => `\\${c}`);
        q.whereRaw(`search_text like ? escape '\\'`, [`%${escaped}%`]);
      } else if (phrase && searchBy === 'indexed') {
        // The trigram index (20261208_5) finds the same rows as instr():
        // both sides are lower case and its trigrams keep case.
        q.whereRaw(
          'rowid in (select rowid from jc_findings_search where jc_findings_search match ?)',
          [phrase],
        );
      } else {
        // Too short for trigrams: the same rows as the LIKE (search_text
        // and the text are lower case, and SQLite's LIKE folds ASCII case
        // only), in about two thirds of the time per finding.
        q.whereRaw('instr(search_text, ?) > 0', [text]);
      }
    }
    return q;
  }

  async list(query: FindingQuery, now: string): Promise<Page<Finding>> {
    const base = this.filtered(query, now);
    const column = FINDING_SORTS[query.sort ?? 'severity'];
    const order = query.order ?? (query.sort ? 'asc' : 'desc');
    let count: number;
    let rows: FindingRow[];
    const seals = await latestSeals(
      this.knex,
      query.connectionId ? [query.connectionId] : undefined,
    );
    const counted = this.#count(query, base, now, seals);
    if (column === 'last_seen_at') {
      // A common search term is tested finding by finding along the
      // branches' indexes, as #idsPage does.
      const walk =
        Boolean(query.q) &&
        this.knex.client.dialect !== 'postgresql' &&
        (await counted) > SORT_MATCHES_AT_MOST;
      const filtered = walk ? this.filtered(query, now, 'scan') : base;
      [count, rows] = await Promise.all([
        counted,
        this.#lastSeenPage(filtered, query, order, seals, walk),
      ]);
    } else if (query.q) {
      // The text search is counted from its index first: how many rows
      // match decides how the page is read.
      count = await counted;
      rows = await this.#idsPage(
        base,
        query,
        now,
        count > SORT_MATCHES_AT_MOST,
      );
    } else if (await this.#walkFilters(query, counted)) {
      count = await counted;
      rows = await this.#idsPage(base, query, now, true);
    } else {
      // Count and page in parallel: two pool connections on PostgreSQL.
      // The tie-breaker follows the main order so one index serves both.
      const page = base
        .clone()
        .orderBy(
          [column, ...TIE_BREAKS[column]].map(c => ({ column: c, order })),
        )
        .limit(query.limit)
        .offset(query.offset);
      [count, rows] = await Promise.all([counted, page]);
    }
    return {
      items: rows.map(r => toFinding(r, now, seals)),
      totalCount: count,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** A page sorted by when findings were last seen (see lastSeenPageIds). */
  async #lastSeenPage(
    base: Knex.QueryBuilder,
    query: FindingQuery,
    order: 'asc' | 'desc',
    seals: LatestSeals,
    walkIndexes: boolean,
  ): Promise<FindingRow[]> {
    const page = lastSeenPageIds(
      this.knex,
      base,
      seals,
      { order, limit: query.limit, offset: query.offset },
      walkIndexes,
    ).as('p');
    return this.knex('jc_findings as f')
      .join(page, 'f.id', 'p.id')
      .select('f.*')
      .orderBy([
        { column: 'p.sort_key', order },
        { column: 'f.id', order },
      ]);
  }

  /** The total: from the stored counts when the filters are theirs. */
  async #count(
    query: FindingQuery,
    base: Knex.QueryBuilder,
    now: string,
    seals: LatestSeals,
  ) {
    const counted = async (q: Knex.QueryBuilder) =>
      Number((await q.count({ count: '*' }))[0].count);
    if (!countableFromStore(query)) {
      const counting = this.#searchOnlyCount(query) ?? base.clone();
      // Findings change when their connection is sealed, but whether one
      // is excepted changes with the time and the exceptions: only counts
      // without a status are remembered.
      if (query.status?.length) return counted(counting);
      return this.#counts.count(JSON.stringify([...seals]), counting);
    }
    return countFromStore(this.knex, query, () =>
      counted(this.filtered({ ...query, status: ['excepted'] }, now)),
    );
  }

  /** A SQLite text search alone, counted from its index only (through
   * jc_findings each match read the wide row: 370 ms for 50k at L). */
  #searchOnlyCount(query: FindingQuery) {
    const phrase = query.q && trigramPhrase(query.q.toLowerCase());
    if (!phrase || this.knex.client.dialect === 'postgresql') return undefined;
    if (filteredBeyondText(query)) return undefined;
    return this.knex('jc_findings_search').whereRaw(
      'jc_findings_search match ?',
      [phrase],
    );
  }

  /**
   * Whether a filtered page (no text search) is read on SQLite by walking
   * its sort's index: its planner would rather read a filter's index and
   * sort every match (a framework's 106k of 200k findings: 290 ms).
   */
  async #walkFilters(
    query: FindingQuery,
    counted: Promise<number>,
  ): Promise<boolean> {
    if (this.knex.client.dialect === 'postgresql') return false;
    if (!filteredBeyondText(query)) return false;
    const [matches, findings] = await Promise.all([
      counted,
      countFromStore(this.knex, {}, async () => 0),
    ]);
    return walkCheaperThanSort(matches, findings);
  }

  /**
   * A page of a text search or of filters. Few matches are sorted on their
   * own (found by a filter's or the search's index); when many match, the
   * sort's index is walked in order instead, testing each finding until
   * the page is full (sorting tens of thousands of wide rows took 250 ms
   * at L). The sort and the offset run over the ids only; the page's full
   * rows are read afterwards.
   */
  async #idsPage(
    base: Knex.QueryBuilder,
    query: FindingQuery,
    now: string,
    walkIndex: boolean,
  ): Promise<FindingRow[]> {
    const column = FINDING_SORTS[query.sort ?? 'severity'];
    const order = query.order ?? (query.sort ? 'asc' : 'desc');
    const sqlite = this.knex.client.dialect !== 'postgresql';
    // `(column) || ''` keeps the planner off the column's index.
    const ties = TIE_BREAKS[column].map(c => `, ${c} ${order}`).join('');
    const orderOf = (table: string, indexed: boolean) =>
      `${indexed ? table + column : `(${table}${column}) || ''`} ${order}${
        table ? ties.replace(/, /g, `, ${table}`) : ties
      }`;
    // SQLite's planner would rather sort the search index's rows.
    const ids: Knex.QueryBuilder =
      walkIndex && sqlite ? this.filtered(query, now, 'scan') : base.clone();
    if (walkIndex && sqlite)
      ids.from(
        this.knex.raw('?? indexed by ??', [
          'jc_findings',
          SORT_INDEXES[column],
        ]),
      );
    const page = ids
      .select('id')
      .orderByRaw(orderOf('', walkIndex))
      .limit(query.limit)
      .offset(query.offset)
      .as('p');
    // The page's rows are sorted again outside the index's order, or the
    // planner walks every finding in that order to join the page's ids.
    return this.knex('jc_findings as f')
      .join(page, 'f.id', 'p.id')
      .select('f.*')
      .orderByRaw(orderOf('f.', false));
  }

  /** Every matching finding, page by page (CSV export). */
  async *iterate(
    query: Omit<FindingQuery, 'limit' | 'offset'>,
    now: string,
    pageSize = 2000,
  ): AsyncGenerator<Finding> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.list({ ...query, limit: pageSize, offset }, now);
      yield* page.items;
      if (page.items.length < pageSize) return;
    }
  }

  async get(id: string, now: string): Promise<Finding | undefined> {
    const row: FindingRow | undefined = await this.knex('jc_findings')
      .where({ id })
      .first();
    if (!row) return undefined;
    return toFinding(
      row,
      now,
      await latestSeals(this.knex, [row.connection_id]),
    );
  }

  /** The open findings of some checks (their keys, not their evidence). */
  async openOnChecks(
    connectionId: string,
    checkIds: string[],
  ): Promise<
    Array<{
      checkId: string;
      severity: Severity;
      entityKind: CheckEntityKind;
      entityId: string;
      entityName: string;
    }>
  > {
    if (checkIds.length === 0) return [];
    return this.knex('jc_findings')
      .where({ connection_id: connectionId, status: 'open' })
      .whereIn('check_id', checkIds)
      .select({
        checkId: 'check_id',
        severity: 'severity',
        entityKind: 'entity_kind',
        entityId: 'entity_id',
        entityName: 'entity_name',
      });
  }

  /**
   * Open (not excepted) findings per severity: the findings with status
   * 'open' (counted in jc_open_findings as they change, by triggers) less
   * those an exception covers now (read here: exceptions expire by
   * themselves, and few findings are excepted).
   */
  async openBySeverity(
    connectionId: string | undefined,
    now: string,
  ): Promise<Record<Severity, number>> {
    const stored = this.knex('jc_open_findings')
      .select('severity')
      .sum({ count: 'open_count' })
      .groupBy('severity');
    const excepted = this.knex('jc_findings')
      .where('status', 'open')
      .where('excepted_until', '>', now)
      .select('severity')
      .count({ count: '*' })
      .groupBy('severity');
    if (connectionId) {
      stored.where('connection_id', connectionId);
      excepted.where('connection_id', connectionId);
    }
    type Row = { severity: Severity; count: string | number | null };
    const [open, covered] = (await Promise.all([stored, excepted])) as Row[][];
    const result: Record<Severity, number> = {
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
      info: 0,
    };
    for (const row of open)
      result[row.severity] =
        (result[row.severity] ?? 0) + Number(row.count ?? 0);
    for (const row of covered)
      result[row.severity] =
        (result[row.severity] ?? 0) - Number(row.count ?? 0);
    return result;
  }
}
