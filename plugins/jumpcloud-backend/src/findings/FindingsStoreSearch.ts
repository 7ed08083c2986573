// How FindingsStore searches and sorts: which index serves each sort, what
// breaks its ties, and when a text search walks a sort's index.
import type { FindingQuery, SortColumn } from './FindingsStore';

/** The index of each sort column and its tie-breaker id (SQLite names). */
export const SORT_INDEXES: Record<SortColumn, string> = {
  // (severity_rank, id, search_text): the text is tested from the index.
  severity_rank: 'jc_findings_severity_search_idx',
  first_seen_at: 'jc_findings_first_seen_at_sort_idx',
  last_seen_at: 'jc_findings_last_seen_id_idx',
  check_id: 'jc_findings_check_id_sort_idx',
  entity_name: 'jc_findings_entity_name_idx',
  connection_name: 'jc_findings_connection_name_sort_idx',
  status: 'jc_findings_status_severity_idx',
};

/**
 * What breaks ties of each sort, in its direction: the id, and for the
 * status the severity first, so that the status index of the open findings
 * (most severe first) serves it.
 */
export const TIE_BREAKS = Object.fromEntries(
  (Object.keys(SORT_INDEXES) as SortColumn[]).map(c => [
    c,
    c === 'status' ? ['severity_rank', 'id'] : ['id'],
  ]),
) as Record<SortColumn, string[]>;

/**
 * Up to how many search matches are sorted on their own; past it, the
 * sort's index is walked (a match in every 40 findings or more fills a
 * page of 50 within 2,000 index entries).
 */
export const SORT_MATCHES_AT_MOST = 3000;

/**
 * Whether walking a sort's index, testing each finding against the
 * filters, is sure to be cheaper than sorting every match. The walk stops
 * when the page is full but may, at worst, read every finding (the matches
 * can all sit at the index's end: a check's findings share one severity);
 * sorting reads every match's wide row, about 16 times a walked finding's
 * cost (200k findings at XL on SQLite: 33 ms to walk them all, 290 ms to
 * sort 106k). Past a tenth of the findings, walking wins.
 */
export function walkCheaperThanSort(
  matches: number,
  findings: number,
): boolean {
  return matches * 10 >= findings && matches > 0;
}

/** An FTS5 phrase of the text, if it is long enough to have trigrams. */
export function trigramPhrase(text: string): string | undefined {
  return [...text].length >= 3 ? `"${text.replace(/"/g, '""')}"` : undefined;
}

/** The filters of a query other than its text search. */
const FILTERS = [
  'severity',
  'status',
  'checkId',
  'connectionId',
  'entityKind',
  'entityId',
  'frameworkCheckIds',
] as const;

/** Whether a query filters on more than its text. */
export function filteredBeyondText(query: FindingQuery): boolean {
  return FILTERS.some(f => {
    const value = query[f];
    // An empty framework list matches nothing; other empty lists, all.
    if (Array.isArray(value))
      return value.length > 0 || f === 'frameworkCheckIds';
    return Boolean(value);
  });
}
