import type {
  Connection,
  ConnectionAuthType,
  ConnectionTestResult,
  SyncFrequency,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { FormEvent, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { fieldErrorsOf, messageOf } from '../shared/errors';
import { FREQUENCY_PRESETS, REGION_LABELS } from '../shared/labels';
import {
  AUTH_TYPE_LABELS,
  ConnectionFormState,
  hasCredential,
  hasNewSecret,
  initialFormState,
  keepsStoredSecret,
  RegionChoice,
  toConnectionInput,
} from './connectionFormState';
import { TestResultView } from './TestResultView';

type Org = { id: string; name: string };

/** Add or edit a connection: test it, pick the organisation, save. */
export function ConnectionForm(props: {
  open: boolean;
  connections: Connection[];
  /** The connection being edited; absent when adding. */
  connection?: Connection;
  onClose: () => void;
  onSaved: (connection: Connection) => void;
}) {
  const api = useApi(jumpcloudApiRef);
  const editing = props.connection;
  const [state, setState] = useState<ConnectionFormState>(() =>
    initialFormState(props.connections, editing),
  );
  const [testResult, setTestResult] = useState<ConnectionTestResult>();
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const fieldErrors = fieldErrorsOf(error);

  const update = (patch: Partial<ConnectionFormState>) => {
    setState(current => ({ ...current, ...patch }));
  };
  // Changing what is being connected to invalidates a previous test.
  const updateTarget = (patch: Partial<ConnectionFormState>) => {
    update(patch);
    setTestResult(undefined);
  };

  // Every organisation the key sees (a multi-tenant key's test stops at
  // "choose the organisation": pick it here).
  const organizations: Org[] =
    testResult?.ok || testResult?.error?.kind === 'org_required'
      ? testResult.organizations
      : [];
  const selectedOrg =
    organizations.find(o => o.id === state.orgId) ??
    (state.orgId
      ? { id: state.orgId, name: state.orgName ?? state.orgId }
      : null);
  const needsOrg = Boolean(testResult?.multiTenant) && !state.orgId;
  const needsKey = !hasCredential(state, editing);
  const keepsSecret = keepsStoredSecret(state, editing);

  const test = async () => {
    setTesting(true);
    setError(undefined);
    try {
      // Without a new key or secret only the saved connection can be tested.
      const result =
        editing && !hasNewSecret(state)
          ? await api.testSavedConnection(editing.id)
          : await api.testConnection(toConnectionInput(state));
      setTestResult(result);
      if (result.ok && !state.orgId && result.organizations.length === 1) {
        update({
          orgId: result.organizations[0].id,
          orgName: result.organizations[0].name,
        });
      }
    } catch (e) {
      setError(e);
    } finally {
      setTesting(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const input = toConnectionInput(state);
      const saved = editing
        ? await api.updateConnection(editing.id, input)
        : await api.createConnection(input);
      props.onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const title = editing ? `Edit ${editing.name}` : 'Add connection';
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="jumpcloud-connection-form-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={save} noValidate>
        <DialogTitle id="jumpcloud-connection-form-title">{title}</DialogTitle>
        <DialogContent>
          {error ? (
            <Alert severity="error" role="alert">
              {messageOf(error)}
            </Alert>
          ) : null}
          <TextField
            id="jumpcloud-connection-name"
            label="Connection name"
            value={state.name}
            onChange={e => update({ name: e.target.value })}
            error={Boolean(fieldErrors.name)}
            helperText={
              fieldErrors.name ??
              'Tells connections apart, e.g. acme-production'
            }
            required
            fullWidth
            margin="normal"
          />
          <TextField
            select
            id="jumpcloud-connection-region"
            label="Region"
            value={state.region}
            onChange={e =>
              updateTarget({ region: e.target.value as RegionChoice })
            }
            error={Boolean(fieldErrors.region)}
            helperText={fieldErrors.region}
            fullWidth
            margin="normal"
          >
            {(
              Object.keys(REGION_LABELS) as Array<keyof typeof REGION_LABELS>
            ).map(region => (
              <MenuItem key={region} value={region}>
                {REGION_LABELS[region]}
              </MenuItem>
            ))}
            <MenuItem value="custom">Other API URL…</MenuItem>
          </TextField>
          {state.region === 'custom' ? (
            <TextField
              id="jumpcloud-connection-api-url"
              label="API URL"
              type="url"
              value={state.apiUrl}
              onChange={e => updateTarget({ apiUrl: e.target.value })}
              error={Boolean(fieldErrors.apiUrl)}
              helperText={
                fieldErrors.apiUrl ?? 'e.g. https://console.eu.jumpcloud.com/'
              }
              required
              fullWidth
              margin="normal"
            />
          ) : null}
          <TextField
            select
            id="jumpcloud-connection-auth-type"
            label="Credential"
            value={state.authType}
            onChange={e =>
              updateTarget({ authType: e.target.value as ConnectionAuthType })
            }
            error={Boolean(fieldErrors.authType)}
            helperText={
              fieldErrors.authType ??
              (state.authType === 'serviceAccount'
                ? 'A JumpCloud service account with the Read Only role: not tied to an administrator, so no one’s “Generate new API key” breaks the connection.'
                : 'An administrator’s API key stops working when that administrator generates a new one. Prefer a service account.')
            }
            fullWidth
            margin="normal"
          >
            {(
              Object.keys(AUTH_TYPE_LABELS) as Array<
                keyof typeof AUTH_TYPE_LABELS
              >
            ).map(authType => (
              <MenuItem key={authType} value={authType}>
                {AUTH_TYPE_LABELS[authType]}
              </MenuItem>
            ))}
          </TextField>
          {state.authType === 'apiKey' ? (
            <TextField
              id="jumpcloud-connection-api-key"
              label="API key"
              type="password"
              autoComplete="new-password"
              value={state.apiKey}
              onChange={e => updateTarget({ apiKey: e.target.value })}
              error={Boolean(fieldErrors.apiKey)}
              helperText={
                fieldErrors.apiKey ??
                (keepsSecret
                  ? `Stored key ends in …${editing?.apiKeyLast4}. Leave empty to keep it; paste a new key to replace it.`
                  : 'A read-only administrator’s key. It is never shown again after saving.')
              }
              required={!keepsSecret}
              fullWidth
              margin="normal"
            />
          ) : (
            <>
              <TextField
                id="jumpcloud-connection-client-id"
                label="Client ID"
                autoComplete="off"
                value={state.clientId}
                onChange={e => updateTarget({ clientId: e.target.value })}
                error={Boolean(fieldErrors.clientId)}
                helperText={
                  fieldErrors.clientId ??
                  'From JumpCloud: Settings → Service Accounts (key type “Client Secret”).'
                }
                required
                fullWidth
                margin="normal"
              />
              <TextField
                id="jumpcloud-connection-client-secret"
                label="Client secret"
                type="password"
                autoComplete="new-password"
                value={state.clientSecret}
                onChange={e => updateTarget({ clientSecret: e.target.value })}
                error={Boolean(fieldErrors.clientSecret)}
                helperText={
                  fieldErrors.clientSecret ??
                  (keepsSecret
                    ? `Stored secret ends in …${editing?.clientSecretLast4}. Leave empty to keep it; paste a new secret to rotate it.`
                    : 'Shown once by JumpCloud; it is never shown again after saving.')
                }
                required={!keepsSecret}
                fullWidth
                margin="normal"
              />
            </>
          )}
          <Box mt={1} mb={1}>
            <Button
              variant="outlined"
              onClick={test}
              disabled={
                testing ||
                needsKey ||
                (state.region === 'custom' && !state.apiUrl.trim())
              }
              startIcon={testing ? <CircularProgress size={16} /> : undefined}
            >
              Test connection
            </Button>
          </Box>
          {testResult ? <TestResultView result={testResult} /> : null}
          {organizations.length > 0 ? (
            <Autocomplete<Org>
              id="jumpcloud-connection-org"
              options={organizations}
              value={selectedOrg}
              getOptionLabel={o => `${o.name} (${o.id})`}
              getOptionSelected={(o, v) => o.id === v.id}
              onChange={(_e, org) =>
                update({ orgId: org?.id ?? null, orgName: org?.name ?? null })
              }
              renderInput={params => (
                <TextField
                  {...params}
                  label="Organisation"
                  required={testResult?.multiTenant}
                  error={Boolean(fieldErrors.orgId)}
                  helperText={
                    fieldErrors.orgId ??
                    `Type a name or id to search ${
                      organizations.length
                    } organisation${organizations.length === 1 ? '' : 's'}.`
                  }
                  margin="normal"
                />
              )}
            />
          ) : null}
          <TextField
            select
            id="jumpcloud-connection-frequency"
            label="Auto-sync"
            value={
              typeof state.syncFrequency === 'string'
                ? state.syncFrequency
                : 'custom'
            }
            onChange={e =>
              update({ syncFrequency: e.target.value as SyncFrequency })
            }
            error={Boolean(fieldErrors.syncFrequency)}
            helperText={fieldErrors.syncFrequency}
            fullWidth
            margin="normal"
          >
            {FREQUENCY_PRESETS.map(preset => (
              <MenuItem key={preset.value} value={preset.value}>
                {preset.label}
              </MenuItem>
            ))}
            {typeof state.syncFrequency === 'object' ? (
              <MenuItem value="custom" disabled>
                Custom schedule (from configuration)
              </MenuItem>
            ) : null}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving || needsKey || needsOrg || !state.name.trim()}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
