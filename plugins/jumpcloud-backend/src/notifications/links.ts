// Links from notifications to the JumpCloud page's tab that explains them,
// relative to the app (the notifications frontend opens them in the app).

/** Entity ids a findings link filters on at most (the API's list limit). */
export const MAX_LINKED_ENTITIES = 50;

export interface JumpCloudLinks {
  /** The Connections tab: each connection's status, key and coverage. */
  connections(): string;
  /** The History tab: each run, its error and what it read. */
  history(): string;
  /** The Findings tab, filtered. */
  findings(filters: {
    connectionId: string;
    status?: 'open';
    entityIds?: string[];
  }): string;
}

/** Links under `pagePath`, where the app mounts the JumpCloud page. */
export function jumpcloudLinks(pagePath: string): JumpCloudLinks {
  const base = pagePath.replace(/\/+$/, '');
  return {
    connections: () => `${base}/connections`,
    history: () => `${base}/history`,
    findings: ({ connectionId, status, entityIds }) => {
      const query = new URLSearchParams({ connectionId });
      if (status) query.set('status', status);
      if (entityIds?.length && entityIds.length <= MAX_LINKED_ENTITIES)
        query.set('entityId', entityIds.join(','));
      return `${base}/findings?${query}`;
    },
  };
}
