import type { SyncFrequency } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import MenuItem from '@material-ui/core/MenuItem';
import { FormTextField } from '../shared/FormTextField';
import { FREQUENCY_PRESETS } from '../shared/labels';

/** How often the connection syncs (a custom schedule only from config). */
export function SyncFrequencyField(props: {
  value: SyncFrequency;
  error?: string;
  onChange: (syncFrequency: SyncFrequency) => void;
}) {
  const { value } = props;
  return (
    <FormTextField
      id="jumpcloud-connection-frequency"
      label="Auto-sync"
      value={typeof value === 'string' ? value : 'custom'}
      onChange={e => props.onChange(e.target.value as SyncFrequency)}
      fieldError={props.error}
      options={FREQUENCY_PRESETS}
    >
      {typeof value === 'object' ? (
        <MenuItem value="custom" disabled>
          Custom schedule (from configuration)
        </MenuItem>
      ) : null}
    </FormTextField>
  );
}
