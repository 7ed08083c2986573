import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type { ConnectionFormState } from './connectionFormState';
import type { Org } from './useConnectionForm';

/** The organisation to read, among those the tested credential sees. */
export function OrganisationPicker(props: {
  organizations: Org[];
  state: ConnectionFormState;
  /** A multi-tenant credential must name its organisation. */
  required?: boolean;
  error?: string;
  onChange: (patch: Partial<ConnectionFormState>) => void;
}) {
  const { organizations, state, onChange } = props;
  const selectedOrg =
    organizations.find(o => o.id === state.orgId) ??
    (state.orgId
      ? { id: state.orgId, name: state.orgName ?? state.orgId }
      : null);
  return (
    <Autocomplete<Org>
      id="jumpcloud-connection-org"
      options={organizations}
      value={selectedOrg}
      getOptionLabel={o => `${o.name} (${o.id})`}
      getOptionSelected={(o, v) => o.id === v.id}
      onChange={(_e, org) =>
        onChange({ orgId: org?.id ?? null, orgName: org?.name ?? null })
      }
      renderInput={params => (
        <TextField
          {...params}
          label="Organisation"
          required={props.required}
          error={Boolean(props.error)}
          helperText={
            props.error ??
            `Type a name or id to search ${organizations.length} organisation${
              organizations.length === 1 ? '' : 's'
            }.`
          }
          margin="normal"
        />
      )}
    />
  );
}
