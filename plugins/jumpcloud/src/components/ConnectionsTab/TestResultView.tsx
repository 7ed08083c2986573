import type {
  Capability,
  ConnectionTestResult,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import Alert from '@material-ui/lab/Alert';
import { CAPABILITY_LABELS } from '../shared/labels';

/** Test Connection's verdict and what the key can read, per capability. */
export function TestResultView(props: { result: ConnectionTestResult }) {
  const { result } = props;
  const capabilities = Object.entries(result.capabilities) as Array<
    [Capability, NonNullable<ConnectionTestResult['capabilities'][Capability]>]
  >;
  return (
    <div aria-live="polite">
      {result.ok ? (
        <Alert severity="success">
          Connection works ({Math.round(result.durationMs)} ms).
          {result.multiTenant
            ? ' This key sees several organisations: pick one below.'
            : ''}
        </Alert>
      ) : (
        <Alert severity="error">
          {result.error?.message ?? 'The connection test failed.'}
        </Alert>
      )}
      {capabilities.length > 0 ? (
        <List dense aria-label="Capabilities">
          {capabilities.map(([capability, outcome]) => (
            <ListItem key={capability}>
              <ListItemIcon>
                {outcome.ok ? (
                  <CheckCircleIcon
                    style={{ color: '#1b5e20' }}
                    titleAccess="Readable"
                  />
                ) : (
                  <ErrorIcon color="error" titleAccess="Not readable" />
                )}
              </ListItemIcon>
              <ListItemText
                primary={`${CAPABILITY_LABELS[capability] ?? capability}: ${
                  outcome.ok ? 'OK' : 'failed'
                }${
                  outcome.ok && outcome.count !== undefined
                    ? ` (${outcome.count})`
                    : ''
                }`}
                secondary={outcome.error?.message}
              />
            </ListItem>
          ))}
        </List>
      ) : null}
    </div>
  );
}
