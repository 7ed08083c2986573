import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { REGION_LABELS } from '../shared/labels';
import type { ConnectionFormState, RegionChoice } from './connectionFormState';

/** Where the connection goes: a JumpCloud region, or another API URL. */
export function ConnectionTargetFields(props: {
  state: ConnectionFormState;
  fieldErrors: Record<string, string>;
  onChange: (patch: Partial<ConnectionFormState>) => void;
}) {
  const { state, fieldErrors, onChange } = props;
  return (
    <>
      <TextField
        select
        id="jumpcloud-connection-region"
        label="Region"
        value={state.region}
        onChange={e => onChange({ region: e.target.value as RegionChoice })}
        error={Boolean(fieldErrors.region)}
        helperText={fieldErrors.region}
        fullWidth
        margin="normal"
      >
        {(Object.keys(REGION_LABELS) as Array<keyof typeof REGION_LABELS>).map(
          region => (
            <MenuItem key={region} value={region}>
              {REGION_LABELS[region]}
            </MenuItem>
          ),
        )}
        <MenuItem value="custom">Other API URL…</MenuItem>
      </TextField>
      {state.region === 'custom' ? (
        <TextField
          id="jumpcloud-connection-api-url"
          label="API URL"
          type="url"
          value={state.apiUrl}
          onChange={e => onChange({ apiUrl: e.target.value })}
          error={Boolean(fieldErrors.apiUrl)}
          helperText={
            fieldErrors.apiUrl ?? 'e.g. https://console.eu.jumpcloud.com/'
          }
          required
          fullWidth
          margin="normal"
        />
      ) : null}
    </>
  );
}
