import type {
  Finding,
  Page,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { linkFindingsToEntities } from './findingEntities';
import type { SortField } from './findingsColumns';
import { FIRST_PAGE_SIZE } from './firstPage';
import type { FindingFilters } from './useFindingFilters';

export const PAGE_SIZES = [FIRST_PAGE_SIZE, 50, 100];
const SEARCH_DEBOUNCE_MS = 400;

/** Waits until the value has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The page of findings the table shows: its search, sort, page and page
 * size, and the request for it (the API's search, sort and paging).
 */
export function useFindingsPage(filters: FindingFilters, reloadKey: number) {
  const api = useApi(jumpcloudApiRef);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<{
    field: SortField;
    order: 'asc' | 'desc';
  }>();

  // New filters, search, sort or page size start again at the first page.
  const queryKey = JSON.stringify([filters, q, sort, pageSize]);
  const [paging, setPaging] = useState({ key: queryKey, page: 0 });
  const page = paging.key === queryKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ key: queryKey, page: next });

  const { value, loading, error } = useAsync(
    // The API client answers with the first page if it was prefetched.
    () =>
      api.listFindings({
        ...filters,
        limit: pageSize,
        offset: page * pageSize,
        q: q || undefined,
        sort: sort?.field,
        order: sort?.order,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, page, reloadKey],
  );
  // A page past the end (e.g. after a filter narrowed the list) shows the last one.
  const lastPage = value
    ? Math.max(0, Math.ceil(value.totalCount / pageSize) - 1)
    : 0;
  useEffect(() => {
    if (value && page > lastPage) setPaging({ key: queryKey, page: lastPage });
  }, [value, page, lastPage, queryKey]);

  const linked = useLinkedEntities(value);

  const toggleSort = (field: SortField) =>
    // asc → desc → the server's default order
    setSort(current => {
      if (current?.field !== field) return { field, order: 'asc' };
      return current.order === 'asc' ? { field, order: 'desc' } : undefined;
    });

  return {
    value: linked,
    loading,
    error,
    search,
    setSearch,
    sort,
    toggleSort,
    page,
    lastPage,
    setPage,
    pageSize,
    setPageSize,
  };
}

/**
 * The page with its device and user findings linked to their catalog
 * entities. The rows show at once; the links follow the catalog's answer.
 */
function useLinkedEntities(page: Page<Finding> | undefined) {
  const catalogApi = useApi(catalogApiRef);
  const [linked, setLinked] = useState<{
    from: Page<Finding>;
    items: Finding[];
  }>();
  useEffect(() => {
    if (!page) return undefined;
    let current = true;
    linkFindingsToEntities(catalogApi, page.items).then(items => {
      if (current) setLinked({ from: page, items });
    });
    return () => {
      current = false;
    };
  }, [catalogApi, page]);
  return page && linked?.from === page
    ? { ...page, items: linked.items }
    : page;
}
