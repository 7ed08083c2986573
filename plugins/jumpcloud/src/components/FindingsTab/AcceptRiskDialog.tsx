import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { endOfDayIso, isoDateFromNow } from '../shared/dates';
import { fieldErrorsOf, messageOf } from '../shared/errors';
import { FormDialog } from '../shared/FormDialog';
import { FormTextField } from '../shared/FormTextField';

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
    <FormDialog
      id="jumpcloud-accept-risk"
      title="Accept risk"
      open={props.open}
      onClose={props.onClose}
      onSubmit={submit}
      submitLabel="Accept risk"
      submitDisabled={submitting || !owner.trim() || !reason.trim() || !expiry}
    >
      <DialogContentText>
        “{props.finding.checkTitle}” on {props.finding.entityName} will be shown
        as risk accepted until the expiry date, and the acceptance is included
        in the evidence.
      </DialogContentText>
      {error && !Object.keys(fieldErrors).length ? (
        <Alert severity="error" role="alert">
          {messageOf(error)}
        </Alert>
      ) : null}
      <FormTextField
        id="jumpcloud-risk-owner"
        label="Owner"
        fieldError={fieldErrors.owner}
        hint="Who is accountable for this risk"
        value={owner}
        onChange={e => setOwner(e.target.value)}
        required
      />
      <FormTextField
        id="jumpcloud-risk-reason"
        label="Reason"
        fieldError={fieldErrors.reason}
        hint="Why the risk is acceptable"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        multiline
        minRows={3}
      />
      <FormTextField
        id="jumpcloud-risk-expiry"
        label="Expires on"
        type="date"
        fieldError={fieldErrors.expiresAt}
        value={expiry}
        onChange={e => setExpiry(e.target.value)}
        required
        InputLabelProps={{ shrink: true }}
        inputProps={{ min: isoDateFromNow(1) }}
      />
    </FormDialog>
  );
}
