import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { FormTextField, optionsOf } from '../shared/FormTextField';
import { type ConnectionFormBinding, connectionField } from './connectionField';
import { AUTH_TYPE_LABELS } from './connectionFormState';

type FieldsProps = ConnectionFormBinding & {
  /** The connection being edited; absent when adding. */
  editing?: Connection;
  /** An empty secret field keeps the stored key or secret. */
  keepsSecret: boolean;
};

/**
 * A key or secret: never shown, and when editing, left empty to keep the
 * stored one (whose last four characters the hint gives).
 */
function SecretField(props: {
  form: FieldsProps;
  field: 'apiKey' | 'clientSecret';
  label: string;
  /** What the hint calls it, and what pasting a new one does to it. */
  noun: 'key' | 'secret';
  change: 'replace' | 'rotate';
  newHint: string;
}) {
  const { form, noun } = props;
  const last4 =
    props.field === 'apiKey'
      ? form.editing?.apiKeyLast4
      : form.editing?.clientSecretLast4;
  return (
    <FormTextField
      {...connectionField(form, props.field)}
      label={props.label}
      type="password"
      autoComplete="new-password"
      hint={
        form.keepsSecret
          ? `Stored ${noun} ends in …${last4}. Leave empty to keep it; paste a new ${noun} to ${props.change} it.`
          : props.newHint
      }
      required={!form.keepsSecret}
    />
  );
}

function ApiKeyField(props: FieldsProps) {
  return (
    <SecretField
      form={props}
      field="apiKey"
      label="API key"
      noun="key"
      change="replace"
      newHint="A read-only administrator’s key. It is never shown again after saving."
    />
  );
}

function ServiceAccountFields(props: FieldsProps) {
  return (
    <>
      <FormTextField
        {...connectionField(props, 'clientId')}
        label="Client ID"
        autoComplete="off"
        hint="From JumpCloud: Settings → Service Accounts (key type “Client Secret”)."
        required
      />
      <SecretField
        form={props}
        field="clientSecret"
        label="Client secret"
        noun="secret"
        change="rotate"
        newHint="Shown once by JumpCloud; it is never shown again after saving."
      />
    </>
  );
}

const AUTH_TYPE_OPTIONS = optionsOf(AUTH_TYPE_LABELS);

/** The credential: its type, then an API key or a service account's pair. */
export function CredentialFields(props: FieldsProps) {
  return (
    <>
      <FormTextField
        {...connectionField(props, 'authType')}
        label="Credential"
        hint={
          props.state.authType === 'serviceAccount'
            ? 'A JumpCloud service account with the Read Only role: not tied to an administrator, so no one’s “Generate new API key” breaks the connection.'
            : 'An administrator’s API key stops working when that administrator generates a new one. Prefer a service account.'
        }
        options={AUTH_TYPE_OPTIONS}
      />
      {props.state.authType === 'apiKey' ? (
        <ApiKeyField {...props} />
      ) : (
        <ServiceAccountFields {...props} />
      )}
    </>
  );
}
