import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Alert from '@material-ui/lab/Alert';
import { messageOf } from '../shared/errors';
import { FormDialog } from '../shared/FormDialog';
import { FormTextField } from '../shared/FormTextField';
import { connectionField } from './connectionField';
import { ConnectionTargetFields } from './ConnectionTargetFields';
import { CredentialFields } from './CredentialFields';
import { OrganisationPicker } from './OrganisationPicker';
import { SyncFrequencyField } from './SyncFrequencyField';
import { TestResultView } from './TestResultView';
import { useConnectionForm } from './useConnectionForm';

/** Add or edit a connection: test it, pick the organisation, save. */
export function ConnectionForm(props: {
  open: boolean;
  connections: Connection[];
  /** The connection being edited; absent when adding. */
  connection?: Connection;
  onClose: () => void;
  onSaved: (connection: Connection) => void;
}) {
  const form = useConnectionForm(props);
  const { editing, state, update, updateTarget, testResult, fieldErrors } =
    form;

  const title = editing ? `Edit ${editing.name}` : 'Add connection';
  return (
    <FormDialog
      id="jumpcloud-connection-form"
      title={title}
      open={props.open}
      onClose={props.onClose}
      onSubmit={form.save}
      submitLabel="Save"
      submitDisabled={
        form.saving || form.needsKey || form.needsOrg || !state.name.trim()
      }
    >
      {form.error ? (
        <Alert severity="error" role="alert">
          {messageOf(form.error)}
        </Alert>
      ) : null}
      <FormTextField
        {...connectionField({ state, fieldErrors, onChange: update }, 'name')}
        label="Connection name"
        hint="Tells connections apart, e.g. acme-production"
        required
      />
      <ConnectionTargetFields
        state={state}
        fieldErrors={fieldErrors}
        onChange={updateTarget}
      />
      <CredentialFields
        state={state}
        fieldErrors={fieldErrors}
        onChange={updateTarget}
        editing={editing}
        keepsSecret={form.keepsSecret}
      />
      <Box mt={1} mb={1}>
        <Button
          variant="outlined"
          onClick={form.test}
          disabled={
            form.testing ||
            form.needsKey ||
            (state.region === 'custom' && !state.apiUrl.trim())
          }
          startIcon={form.testing ? <CircularProgress size={16} /> : undefined}
        >
          Test connection
        </Button>
      </Box>
      {testResult ? <TestResultView result={testResult} /> : null}
      {form.organizations.length > 0 ? (
        <OrganisationPicker
          organizations={form.organizations}
          state={state}
          required={testResult?.multiTenant}
          error={fieldErrors.orgId}
          onChange={update}
        />
      ) : null}
      <SyncFrequencyField
        value={state.syncFrequency}
        error={fieldErrors.syncFrequency}
        onChange={syncFrequency => update({ syncFrequency })}
      />
    </FormDialog>
  );
}
