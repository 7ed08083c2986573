import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { endOfDayIso, isoDateFromNow } from '../shared/dates';
import { fieldErrorsOf, messageOf } from '../shared/errors';

/** Risk acceptance of one finding: owner, reason and an expiry date. */
export function AcceptRiskDialog(props: {
  finding: Finding;
  open: boolean;
  onClose: () => void;
  onAccepted: () => void;
}) {
  const api = useApi(jumpcloudApiRef);
  const [owner, setOwner] = useState('');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(isoDateFromNow(90));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const fieldErrors = fieldErrorsOf(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = endOfDayIso(expiry);
    if (!expiresAt) {
      setError(new Error('Choose a valid expiry date.'));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await api.createException({
        connectionId: props.finding.connectionId,
        checkId: props.finding.checkId,
        entityId: props.finding.entityId,
        owner: owner.trim(),
        reason: reason.trim(),
        expiresAt,
      });
      props.onAccepted();
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="jumpcloud-accept-risk-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="jumpcloud-accept-risk-title">Accept risk</DialogTitle>
        <DialogContent>
          <DialogContentText>
            “{props.finding.checkTitle}” on {props.finding.entityName} will be
            shown as risk accepted until the expiry date, and the acceptance is
            included in the evidence.
          </DialogContentText>
          {error && !Object.keys(fieldErrors).length ? (
            <Alert severity="error" role="alert">
              {messageOf(error)}
            </Alert>
          ) : null}
          <TextField
            id="jumpcloud-risk-owner"
            label="Owner"
            helperText={fieldErrors.owner ?? 'Who is accountable for this risk'}
            error={Boolean(fieldErrors.owner)}
            value={owner}
            onChange={e => setOwner(e.target.value)}
            required
            fullWidth
            margin="normal"
          />
          <TextField
            id="jumpcloud-risk-reason"
            label="Reason"
            helperText={fieldErrors.reason ?? 'Why the risk is acceptable'}
            error={Boolean(fieldErrors.reason)}
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
          />
          <TextField
            id="jumpcloud-risk-expiry"
            label="Expires on"
            type="date"
            helperText={fieldErrors.expiresAt}
            error={Boolean(fieldErrors.expiresAt)}
            value={expiry}
            onChange={e => setExpiry(e.target.value)}
            required
            fullWidth
            margin="normal"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: isoDateFromNow(1) }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || !owner.trim() || !reason.trim() || !expiry}
          >
            Accept risk
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
