import {
  Capability,
  CAPABILITY_STATE_LABELS,
  CapabilityResult,
  CapabilityState,
  ConnectionTestResult,
  coverageStateOf,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import Alert from '@material-ui/lab/Alert';
import { CAPABILITY_LABELS } from '../shared/labels';

/** A capability's state (derived from its error for an older backend). */
function stateOf(outcome: CapabilityResult): CapabilityState {
  if (outcome.state) return outcome.state;
  if (outcome.ok) return 'available';
  return outcome.error ? coverageStateOf(outcome.error) : 'failed';
}

/**
 * Test Connection's verdict and what the key can read, per capability: a
 * key that works with limits (not in plan, not permitted, failed) says so.
 */
export function TestResultView(props: { result: ConnectionTestResult }) {
  const { result } = props;
  const capabilities = Object.entries(result.capabilities) as Array<
    [Capability, CapabilityResult]
  >;
  let severity: 'success' | 'warning' | 'error' = 'success';
  if (!result.ok) severity = 'error';
  else if (result.limited) severity = 'warning';
  const summary =
    result.summary ||
    (result.ok
      ? 'Connection works.'
      : result.error?.message ?? 'The connection test failed.');
  return (
    <div aria-live="polite">
      <Alert severity={severity}>
        {summary}
        {result.ok ? ` (${Math.round(result.durationMs)} ms)` : ''}
        {result.ok && result.multiTenant
          ? ` This key sees ${result.organizations.length} organisations: pick one below.`
          : ''}
      </Alert>
      {capabilities.length > 0 ? (
        <List dense aria-label="Capabilities">
          {capabilities.map(([capability, outcome]) => {
            const state = stateOf(outcome);
            let icon = <ErrorIcon color="error" titleAccess="Failed" />;
            if (state === 'available') {
              icon = (
                <CheckCircleIcon
                  style={{ color: '#1b5e20' }}
                  titleAccess="Readable"
                />
              );
            } else if (state !== 'failed') {
              icon = <BlockIcon color="action" titleAccess="Not available" />;
            }
            const words =
              state === 'available' ? 'OK' : CAPABILITY_STATE_LABELS[state];
            return (
              <ListItem key={capability}>
                <ListItemIcon>{icon}</ListItemIcon>
                <ListItemText
                  primary={`${
                    CAPABILITY_LABELS[capability] ?? capability
                  }: ${words}${
                    state === 'available' && outcome.count !== undefined
                      ? ` (${outcome.count})`
                      : ''
                  }`}
                  secondary={outcome.error?.message}
                />
              </ListItem>
            );
          })}
        </List>
      ) : null}
    </div>
  );
}
