import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import type { CardBusy } from './useConnectionCardActions';

/**
 * A connection card's buttons: Sync now and Test connection, and Edit and
 * Delete unless the connection is declared in configuration.
 */
export function ConnectionActions(props: {
  connection: Connection;
  busy?: CardBusy;
  running: boolean;
  onSyncNow: () => void;
  onTest: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { connection, busy, running } = props;
  const readOnly = connection.source === 'config';
  return (
    <Box mt={2} display="flex" flexWrap="wrap" gridGap={8}>
      <Button
        variant="contained"
        color="primary"
        onClick={props.onSyncNow}
        disabled={busy !== undefined || running || !connection.enabled}
        aria-label={`Sync now: ${connection.name}`}
      >
        Sync now
      </Button>
      <Button
        variant="outlined"
        onClick={props.onTest}
        disabled={busy !== undefined}
        aria-label={`Test connection: ${connection.name}`}
      >
        Test connection
      </Button>
      {!readOnly ? (
        <>
          <Button
            variant="outlined"
            onClick={props.onEdit}
            aria-label={`Edit: ${connection.name}`}
          >
            Edit
          </Button>
          <Button
            variant="outlined"
            color="secondary"
            onClick={props.onDelete}
            aria-label={`Delete: ${connection.name}`}
          >
            Delete
          </Button>
        </>
      ) : null}
    </Box>
  );
}
