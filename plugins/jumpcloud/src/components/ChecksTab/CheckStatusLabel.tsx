import {
  CHECK_OVERALL_STATUS_LABELS,
  type CheckOverallStatus,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/** A check's status across connections, as a coloured label. */
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
