import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { FormEvent, ReactNode } from 'react';

/**
 * A dialog holding a form: the title names the dialog for assistive
 * technology, Cancel closes it, and the submit button sends the form (so
 * Enter in a field submits too).
 */
export function FormDialog(props: {
  /** The dialog's id, from which its title's id is made. */
  id: string;
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  submitDisabled: boolean;
  children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={props.onSubmit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>{props.children}</DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={props.submitDisabled}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
