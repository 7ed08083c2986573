import type {
  Connection,
  ConnectionAuthType,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  AUTH_TYPE_LABELS,
  type ConnectionFormState,
} from './connectionFormState';

type FieldsProps = {
  state: ConnectionFormState;
  fieldErrors: Record<string, string>;
  onChange: (patch: Partial<ConnectionFormState>) => void;
  /** The connection being edited; absent when adding. */
  editing?: Connection;
  /** An empty secret field keeps the stored key or secret. */
  keepsSecret: boolean;
};

function ApiKeyField(props: FieldsProps) {
  const { state, fieldErrors, onChange, editing, keepsSecret } = props;
  return (
    <TextField
      id="jumpcloud-connection-api-key"
      label="API key"
      type="password"
      autoComplete="new-password"
      value={state.apiKey}
      onChange={e => onChange({ apiKey: e.target.value })}
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
  );
}

function ServiceAccountFields(props: FieldsProps) {
  const { state, fieldErrors, onChange, editing, keepsSecret } = props;
  return (
    <>
      <TextField
        id="jumpcloud-connection-client-id"
        label="Client ID"
        autoComplete="off"
        value={state.clientId}
        onChange={e => onChange({ clientId: e.target.value })}
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
        onChange={e => onChange({ clientSecret: e.target.value })}
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
  );
}

/** The credential: its type, then an API key or a service account's pair. */
export function CredentialFields(props: FieldsProps) {
  const { state, fieldErrors, onChange } = props;
  return (
    <>
      <TextField
        select
        id="jumpcloud-connection-auth-type"
        label="Credential"
        value={state.authType}
        onChange={e =>
          onChange({ authType: e.target.value as ConnectionAuthType })
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
          Object.keys(AUTH_TYPE_LABELS) as Array<keyof typeof AUTH_TYPE_LABELS>
        ).map(authType => (
          <MenuItem key={authType} value={authType}>
            {AUTH_TYPE_LABELS[authType]}
          </MenuItem>
        ))}
      </TextField>
      {state.authType === 'apiKey' ? (
        <ApiKeyField {...props} />
      ) : (
        <ServiceAccountFields {...props} />
      )}
    </>
  );
}
