import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { EmptyState, Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { useJumpCloudTabPath } from '../shared/basePath';
import { formatDateTime, formatRelative } from '../shared/dates';
import { ConnectionStatusLabel } from '../shared/StatusChips';

/** Each connection's status and last sync. */
export function ConnectionsSummary(props: { connections: Connection[] }) {
  const tabPath = useJumpCloudTabPath();
  if (props.connections.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No connections yet"
        description="Add a JumpCloud connection to start syncing devices and users."
        action={<Link to={tabPath('connections')}>Go to Connections</Link>}
      />
    );
  }
  return (
    <List dense aria-label="Connections">
      {props.connections.map(connection => (
        <ListItem key={connection.id} divider>
          <ListItemText
            primary={connection.name}
            secondaryTypographyProps={{ component: 'div' }}
            secondary={
              <>
                <ConnectionStatusLabel
                  status={connection.status}
                  reason={connection.statusReason}
                />
                <div>
                  Last sync:{' '}
                  {connection.lastRun ? (
                    <span title={formatDateTime(connection.lastRun.startedAt)}>
                      {formatRelative(connection.lastRun.startedAt)} (
                      {connection.lastRun.status})
                    </span>
                  ) : (
                    'never'
                  )}
                </div>
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
