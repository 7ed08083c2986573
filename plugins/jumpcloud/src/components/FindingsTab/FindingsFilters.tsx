import type {
  CheckDefinitionInfo,
  Connection,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  FRAMEWORK_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../shared/labels';
import { optionsOf, type Option } from '../shared/FormTextField';
import type { FilterKey, FindingFilters } from './useFindingFilters';

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

const SEVERITY_OPTIONS = SEVERITIES.map(severity => ({
  value: severity,
  label: SEVERITY_LABELS[severity],
}));

const FRAMEWORK_OPTIONS = optionsOf(FRAMEWORK_LABELS);

/**
 * The frameworks, and the control a link filters on (`soc2:CC6.1`, from the
 * Frameworks tab), so the select shows the filter that is applied.
 */
function frameworkOptions(current: string | undefined): Option[] {
  const [framework, control] = (current ?? '').split(':', 2);
  const label = FRAMEWORK_LABELS[framework as keyof typeof FRAMEWORK_LABELS];
  if (!control || !label) return FRAMEWORK_OPTIONS;
  return [
    ...FRAMEWORK_OPTIONS,
    { value: current!, label: `${label} ${control}` },
  ];
}

export function FindingsFilters(props: {
  filters: FindingFilters;
  onChange: (key: FilterKey, value: string | undefined) => void;
  checks: CheckDefinitionInfo[];
  connections: Connection[];
}) {
  const { filters, onChange } = props;
  // The filters in the order they show; `width`: columns of 12 from md up.
  const selects: Array<{
    id: FilterKey;
    label: string;
    width: 2 | 3;
    options: Option[];
  }> = [
    { id: 'severity', label: 'Severity', width: 2, options: SEVERITY_OPTIONS },
    { id: 'status', label: 'Status', width: 2, options: STATUS_OPTIONS },
    {
      id: 'checkId',
      label: 'Check',
      width: 3,
      options: props.checks.map(c => ({ value: c.id, label: c.title })),
    },
    {
      id: 'connectionId',
      label: 'Connection',
      width: 3,
      options: props.connections.map(c => ({ value: c.id, label: c.name })),
    },
    {
      id: 'framework',
      label: 'Framework',
      width: 2,
      options: frameworkOptions(filters.framework),
    },
  ];
  const entities = filters.entityId?.split(',').filter(Boolean) ?? [];
  return (
    <Grid container spacing={2} role="group" aria-label="Filter findings">
      {selects.map(select => (
        <Grid key={select.id} item xs={12} sm={6} md={select.width}>
          <FilterSelect
            id={select.id}
            label={select.label}
            value={filters[select.id]}
            onChange={onChange}
            options={select.options}
          />
        </Grid>
      ))}
      {entities.length > 0 ? (
        // A link's filter (a notification to the owner of these assets),
        // shown so it can be seen and cleared.
        <Grid item xs={12}>
          <Chip
            label={`Filtered to ${entities.length} ${
              entities.length === 1 ? 'asset' : 'assets'
            }`}
            onDelete={() => onChange('entityId', undefined)}
          />
        </Grid>
      ) : null}
    </Grid>
  );
}
