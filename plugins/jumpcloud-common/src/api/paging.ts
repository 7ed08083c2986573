/**
 * Server-side paging used by every list route: `?limit=&offset=`.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * Query of list routes: `?limit=50&offset=0&sort=field&order=asc&q=text`.
 *
 * @public
 */
export interface ListQuery {
  limit?: number;
  offset?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  /** Free-text search. */
  q?: string;
}

/**
 * Error body of every 4xx/5xx (Backstage's ErrorResponseBody shape).
 *
 * @public
 */
export interface ApiErrorBody {
  error: {
    name: string;
    message: string;
    /** Field errors for 400s: path → message. */
    fields?: Record<string, string>;
  };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
