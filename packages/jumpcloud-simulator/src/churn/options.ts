/**
 * Data that moves while a client pages, as in a live organisation (agents
 * report, people join and leave, audit events keep arriving: jumpcloud-api.md
 * §10 "Totals move while you page"). Each step happens right after a page of
 * the route has been served, so the next page sees it. Everything is seeded:
 * the same requests in the same order give the same data.
 */
export interface ChurnOptions {
  /** Users created after each page of `/api/systemusers` (GET or search) is served. */
  usersCreatedPerPage?: number;
  /** Users deleted (graph edges left dangling) after each such page. */
  usersDeletedPerPage?: number;
  /**
   * After each page of a System Insights table: the rows of this many devices
   * are deleted, and re-added after the next page with a newer
   * `collection_time` (at the end of the natural order), as an agent's report
   * rewrites its rows.
   */
  systemInsightsDevicesPerPage?: number;
  /** Directory Insights events arriving inside the queried window after each `/events` page. */
  eventsPerPage?: number;
}

/** What the `churn` profile turns on. */
export const DEFAULT_CHURN: Required<ChurnOptions> = {
  usersCreatedPerPage: 3,
  usersDeletedPerPage: 2,
  systemInsightsDevicesPerPage: 2,
  eventsPerPage: 5,
};
