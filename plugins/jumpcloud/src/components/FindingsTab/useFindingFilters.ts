import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FindingsQuery } from '../../api';

export const FILTER_KEYS = [
  'severity',
  'status',
  'checkId',
  'connectionId',
  'framework',
  // One id or several, comma-separated: a notification links the owner of
  // devices and users to the findings on them.
  'entityId',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FindingFilters = Pick<FindingsQuery, FilterKey>;

/** The findings filters in a URL's query. */
export function filtersOf(params: URLSearchParams): FindingFilters {
  const result: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) result[key] = value;
  }
  return result as FindingFilters;
}

/**
 * The findings filters live in the URL so a filtered view can be linked to
 * (from the Overview) and survives a reload.
 */
export function useFindingFilters(): [
  FindingFilters,
  (key: FilterKey, value: string | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined) => {
      setParams(
        current => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, setFilter];
}
