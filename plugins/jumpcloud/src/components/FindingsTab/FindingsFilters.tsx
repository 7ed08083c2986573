import type {
  CheckDefinitionInfo,
  Connection,
  Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  FRAMEWORK_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../shared/labels';
import type { FilterKey, FindingFilters } from './useFindingFilters';

interface Option {
  value: string;
  label: string;
}

function FilterSelect(props: {
  id: FilterKey;
  label: string;
  value: string | undefined;
  options: Option[];
  onChange: (key: FilterKey, value: string | undefined) => void;
}) {
  return (
    <TextField
      select
      fullWidth
      variant="outlined"
      size="small"
      id={`jumpcloud-filter-${props.id}`}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(props.id, e.target.value || undefined)}
    >
      <MenuItem value="">All</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

const STATUS_OPTIONS: Option[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'excepted', label: 'Risk accepted' },
];

export function FindingsFilters(props: {
  filters: FindingFilters;
  onChange: (key: FilterKey, value: string | undefined) => void;
  checks: CheckDefinitionInfo[];
  connections: Connection[];
}) {
  const { filters, onChange } = props;
  return (
    <Grid container spacing={2} role="group" aria-label="Filter findings">
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="severity"
          label="Severity"
          value={filters.severity}
          onChange={onChange}
          options={SEVERITIES.map(s => ({
            value: s,
            label: SEVERITY_LABELS[s],
          }))}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="status"
          label="Status"
          value={filters.status}
          onChange={onChange}
          options={STATUS_OPTIONS}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <FilterSelect
          id="checkId"
          label="Check"
          value={filters.checkId}
          onChange={onChange}
          options={props.checks.map(c => ({ value: c.id, label: c.title }))}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <FilterSelect
          id="connectionId"
          label="Connection"
          value={filters.connectionId}
          onChange={onChange}
          options={props.connections.map(c => ({ value: c.id, label: c.name }))}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <FilterSelect
          id="framework"
          label="Framework"
          value={filters.framework}
          onChange={onChange}
          options={(Object.keys(FRAMEWORK_LABELS) as Framework[]).map(f => ({
            value: f,
            label: FRAMEWORK_LABELS[f],
          }))}
        />
      </Grid>
    </Grid>
  );
}
