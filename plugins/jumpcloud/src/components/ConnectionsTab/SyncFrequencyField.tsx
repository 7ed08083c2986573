import type { SyncFrequency } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { FREQUENCY_PRESETS } from '../shared/labels';

/** How often the connection syncs (a custom schedule only from config). */
export function SyncFrequencyField(props: {
  value: SyncFrequency;
  error?: string;
  onChange: (syncFrequency: SyncFrequency) => void;
}) {
  const { value } = props;
  return (
    <TextField
      select
      id="jumpcloud-connection-frequency"
      label="Auto-sync"
      value={typeof value === 'string' ? value : 'custom'}
      onChange={e => props.onChange(e.target.value as SyncFrequency)}
      error={Boolean(props.error)}
      helperText={props.error}
      fullWidth
      margin="normal"
    >
      {FREQUENCY_PRESETS.map(preset => (
        <MenuItem key={preset.value} value={preset.value}>
          {preset.label}
        </MenuItem>
      ))}
      {typeof value === 'object' ? (
        <MenuItem value="custom" disabled>
          Custom schedule (from configuration)
        </MenuItem>
      ) : null}
    </TextField>
  );
}
