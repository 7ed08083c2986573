import type { Connection } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { messageOf } from '../shared/errors';
import { ConnectionStatusLabel } from '../shared/StatusChips';
import { ConnectionActions } from './ConnectionActions';
import { ConnectionMetadata } from './ConnectionMetadata';
import { SyncProgress } from './SyncProgress';
import { TestResultView } from './TestResultView';
import { useConnectionCardActions } from './useConnectionCardActions';

/** One connection: its settings, status and (for managers) its actions. */
export function ConnectionCard(props: {
  connection: Connection;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onChanged: () => void;
}) {
  const { connection, canManage } = props;
  const { run, setRun, running, testResult, busy, error, syncNow, test } =
    useConnectionCardActions(connection);
  return (
    <InfoCard
      title={connection.name}
      subheader={
        <ConnectionStatusLabel
          status={connection.status}
          reason={connection.statusReason}
        />
      }
    >
      <ConnectionMetadata connection={connection} />
      {canManage ? (
        <ConnectionActions
          connection={connection}
          busy={busy}
          running={running}
          onSyncNow={syncNow}
          onTest={test}
          onEdit={props.onEdit}
          onDelete={props.onDelete}
        />
      ) : null}
      {error ? (
        <Box mt={1}>
          <Alert severity="error" role="alert">
            {messageOf(error)}
          </Alert>
        </Box>
      ) : null}
      {testResult ? (
        <Box mt={1}>
          <TestResultView result={testResult} />
        </Box>
      ) : null}
      {run ? (
        <SyncProgress
          run={run}
          onFinished={finished => {
            // Sync now is offered again once the run followed here ends
            // (also one that was already going when the card mounted).
            setRun(finished);
            props.onChanged();
          }}
        />
      ) : null}
    </InfoCard>
  );
}
