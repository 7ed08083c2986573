import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

export function DeleteConnectionDialog(props: {
  connection: Connection | undefined;
  deleting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={Boolean(props.connection)}
      onClose={props.onCancel}
      aria-labelledby="jumpcloud-delete-title"
      aria-describedby="jumpcloud-delete-description"
    >
      <DialogTitle id="jumpcloud-delete-title">
        Delete {props.connection?.name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText id="jumpcloud-delete-description">
          Its devices and users are removed from the catalog and it is no longer
          synced. Sync history and sealed evidence are kept.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          onClick={props.onConfirm}
          color="secondary"
          variant="contained"
          disabled={props.deleting}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
