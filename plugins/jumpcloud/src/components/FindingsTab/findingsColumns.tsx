import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import MuiLink from '@material-ui/core/Link';
import { MouseEvent, ReactNode } from 'react';
import { formatDateTime } from '../shared/dates';
import { EntityName } from '../shared/EntityName';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';

/** The API's sort keys, for the columns that have one. */
export type SortField =
  | 'severity'
  | 'entityName'
  | 'connectionName'
  | 'status'
  | 'firstSeenAt'
  | 'lastSeenAt';

export interface Column {
  title: string;
  /** Sortable by this API sort key. (Check titles sort by id on the server, which would mislead.) */
  sort?: SortField;
  width?: string;
  /** Short values kept on one line; titles and names wrap. */
  nowrap?: boolean;
  render: (row: Finding) => ReactNode;
}

/** The findings table's columns, in order. */
export function columnsFor(
  onOpen: (finding: Finding) => void,
  entityPath: (entityRef: string) => string | undefined,
): Column[] {
  return [
    {
      title: 'Severity',
      nowrap: true,
      sort: 'severity',
      width: '110px',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Check',
      // A real button, so the detail panel opens from the keyboard too.
      render: row => (
        <MuiLink
          component="button"
          variant="body2"
          onClick={(event: MouseEvent) => {
            event.stopPropagation();
            onOpen(row);
          }}
          aria-haspopup="dialog"
          style={{ textAlign: 'left', fontWeight: 500 }}
        >
          {row.checkTitle}
        </MuiLink>
      ),
    },
    {
      title: 'Entity',
      sort: 'entityName',
      render: row => {
        const path = row.entityRef ? entityPath(row.entityRef) : undefined;
        return (
          <EntityName
            name={row.entityName}
            path={path}
            onClick={event => event.stopPropagation()}
          />
        );
      },
    },
    {
      title: 'Connection',
      sort: 'connectionName',
      render: row => row.connectionName,
    },
    {
      title: 'Status',
      nowrap: true,
      sort: 'status',
      render: row => <FindingStatusLabel status={row.status} />,
    },
    {
      title: 'First seen',
      nowrap: true,
      sort: 'firstSeenAt',
      render: row => formatDateTime(row.firstSeenAt),
    },
    {
      title: 'Last seen',
      nowrap: true,
      sort: 'lastSeenAt',
      render: row => formatDateTime(row.lastSeenAt),
    },
    {
      title: 'Frameworks',
      render: row =>
        Object.entries(row.frameworks ?? {})
          .filter(([, refs]) => refs.length > 0)
          .map(([framework]) => framework.toUpperCase())
          .join(', ') || '—',
    },
  ];
}
