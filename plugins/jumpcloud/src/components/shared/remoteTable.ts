import type { Page } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { ListQuery } from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** The part of material-table's remote query the JumpCloud tables use. */
export interface RemoteTableQuery {
  page: number;
  pageSize: number;
  search: string;
  orderBy?: { field?: unknown };
  orderDirection: 'asc' | 'desc' | '';
}

/** material-table's paging/sorting/search → the REST list query. */
export function toListQuery(query: RemoteTableQuery): ListQuery {
  const sort =
    typeof query.orderBy?.field === 'string' ? query.orderBy.field : undefined;
  return {
    limit: query.pageSize,
    offset: query.page * query.pageSize,
    q: query.search || undefined,
    sort,
    order: sort && query.orderDirection ? query.orderDirection : undefined,
  };
}

/** A REST page → material-table's remote result. */
export function toTableResult<T>(page: Page<T>, query: RemoteTableQuery) {
  return { data: page.items, page: query.page, totalCount: page.totalCount };
}
