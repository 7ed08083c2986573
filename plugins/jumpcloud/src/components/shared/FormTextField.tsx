import MenuItem from '@material-ui/core/MenuItem';
import TextField, { type TextFieldProps } from '@material-ui/core/TextField';
import type { ReactNode } from 'react';

/** A choice of a select field. */
export interface Option {
  value: string;
  label: string;
}

/** The options of a select field from a labels record, in its key order. */
export function optionsOf<K extends string>(labels: Record<K, string>) {
  return (Object.keys(labels) as K[]).map(value => ({
    value,
    label: labels[value],
  }));
}

/**
 * A field of the plugin's forms: full width, and the backend's error for the
 * field, when there is one, shown in place of the hint (so the two never
 * compete for the line under the field). With `options` it is a select.
 */
export function FormTextField(
  props: Omit<TextFieldProps, 'error' | 'helperText' | 'select'> & {
    fieldError?: string;
    hint?: ReactNode;
    options?: Option[];
  },
) {
  const { fieldError, hint, options, children, ...textFieldProps } = props;
  return (
    <TextField
      fullWidth
      margin="normal"
      {...textFieldProps}
      select={Boolean(options)}
      error={Boolean(fieldError)}
      helperText={fieldError ?? hint}
    >
      {options?.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
      {children}
    </TextField>
  );
}
