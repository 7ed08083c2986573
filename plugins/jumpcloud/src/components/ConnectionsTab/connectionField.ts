import type { ChangeEvent } from 'react';
import type { ConnectionFormState } from './connectionFormState';

/** The fields of the connection form a person types or picks text into. */
export type TextFieldKey =
  | 'name'
  | 'region'
  | 'apiUrl'
  | 'authType'
  | 'apiKey'
  | 'clientId'
  | 'clientSecret';

/** The part of the connection form a group of its fields works on. */
export interface ConnectionFormBinding {
  state: ConnectionFormState;
  fieldErrors: Record<string, string>;
  onChange: (patch: Partial<ConnectionFormState>) => void;
}

/**
 * The props that tie a FormTextField to one key of the connection form: its
 * id (`jumpcloud-connection-api-key` for apiKey, which the e2e tests and
 * labels rely on), its value, its change and the backend's error for it.
 */
export function connectionField(
  form: ConnectionFormBinding,
  key: TextFieldKey,
) {
  return {
    id: `jumpcloud-connection-${key.replace(
      /[A-Z]/g,
      c => `-${c.toLowerCase()}`,
    )}`,
    value: form.state[key],
    onChange: (event: ChangeEvent<{ value: unknown }>) =>
      form.onChange({
        [key]: event.target.value,
      } as Partial<ConnectionFormState>),
    fieldError: form.fieldErrors[key],
  };
}
