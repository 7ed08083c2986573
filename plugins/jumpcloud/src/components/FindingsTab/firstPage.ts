import type { FindingsQuery } from '../../api';
import { filtersOf } from './useFindingFilters';

/** Rows per page when the Findings tab opens. */
export const FIRST_PAGE_SIZE = 25;

/**
 * The query of the page of findings the Findings tab shows first at a URL
 * (its filters are in the URL's query), as the table will ask for it.
 */
export function firstPageQuery(search: string): FindingsQuery {
  return {
    ...filtersOf(new URLSearchParams(search)),
    limit: FIRST_PAGE_SIZE,
    offset: 0,
  };
}
