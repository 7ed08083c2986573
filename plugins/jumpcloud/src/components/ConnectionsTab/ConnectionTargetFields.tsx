import { FormTextField, optionsOf } from '../shared/FormTextField';
import { REGION_LABELS } from '../shared/labels';
import { type ConnectionFormBinding, connectionField } from './connectionField';

const REGION_OPTIONS = [
  ...optionsOf(REGION_LABELS),
  { value: 'custom', label: 'Other API URL…' },
];

/** Where the connection goes: a JumpCloud region, or another API URL. */
export function ConnectionTargetFields(props: ConnectionFormBinding) {
  return (
    <>
      <FormTextField
        {...connectionField(props, 'region')}
        label="Region"
        options={REGION_OPTIONS}
      />
      {props.state.region === 'custom' ? (
        <FormTextField
          {...connectionField(props, 'apiUrl')}
          label="API URL"
          type="url"
          hint="e.g. https://console.eu.jumpcloud.com/"
          required
        />
      ) : null}
    </>
  );
}
