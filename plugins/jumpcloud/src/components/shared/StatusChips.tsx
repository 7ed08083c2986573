import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  CHECK_OVERALL_STATUS_LABELS,
  type CheckOverallStatus,
  type ConnectionStatus,
  type FindingStatus,
  type Severity,
  type SyncStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { CONNECTION_STATUS_LABELS, SEVERITY_LABELS } from './labels';

// Colours chosen for at least 4.5:1 contrast with white text.
const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#8b0000',
  high: '#b71c1c',
  medium: '#8a4b00',
  low: '#1e4f8a',
  info: '#4a4a4a',
};

const useStyles = makeStyles({
  severity: { color: '#fff', fontWeight: 600 },
});

export function SeverityChip(props: { severity: Severity }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes.severity}
      style={{ backgroundColor: SEVERITY_COLOURS[props.severity] }}
      label={SEVERITY_LABELS[props.severity] ?? props.severity}
    />
  );
}

export function severityColour(severity: Severity): string {
  return SEVERITY_COLOURS[severity];
}

export function SyncStatusLabel(props: { status: SyncStatus }) {
  switch (props.status) {
    case 'succeeded':
      return <StatusOK>Succeeded</StatusOK>;
    case 'running':
      return <StatusRunning>Running</StatusRunning>;
    case 'partial':
      return <StatusWarning>Applied with gaps</StatusWarning>;
    case 'failed':
      return <StatusError>Failed</StatusError>;
    default:
      return <StatusPending>{String(props.status)}</StatusPending>;
  }
}

export function FindingStatusLabel(props: { status: FindingStatus }) {
  switch (props.status) {
    case 'open':
      return <StatusError>Open</StatusError>;
    case 'resolved':
      return <StatusOK>Resolved</StatusOK>;
    case 'excepted':
      return <StatusAborted>Risk accepted</StatusAborted>;
    default:
      return <StatusPending>{String(props.status)}</StatusPending>;
  }
}

export function ConnectionStatusLabel(props: {
  status: ConnectionStatus;
  reason?: string | null;
}) {
  const label = CONNECTION_STATUS_LABELS[props.status] ?? props.status;
  const text = props.reason ? `${label}: ${props.reason}` : label;
  switch (props.status) {
    case 'healthy':
      return <StatusOK>{text}</StatusOK>;
    case 'syncing':
      return <StatusRunning>{text}</StatusRunning>;
    case 'needs_attention':
      return <StatusError>{text}</StatusError>;
    case 'disabled':
      return <StatusAborted>{text}</StatusAborted>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
}

/** A check's status across connections (Checks and Frameworks tabs). */
export function CheckStatusLabel(props: { status: CheckOverallStatus }) {
  const label = CHECK_OVERALL_STATUS_LABELS[props.status];
  switch (props.status) {
    case 'failing':
      return <StatusError>{label}</StatusError>;
    case 'unknown':
    case 'excepted':
      return <StatusWarning>{label}</StatusWarning>;
    case 'passing':
      return <StatusOK>{label}</StatusOK>;
    case 'disabled':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}
