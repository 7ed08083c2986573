import type {
  Connection,
  ConnectionTestResult,
  SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { CoverageList, missingDataTypes } from '../shared/CoverageList';
import { formatDateTime } from '../shared/dates';
import { messageOf } from '../shared/errors';
import { frequencyLabel, REGION_LABELS } from '../shared/labels';
import { ConnectionStatusLabel } from '../shared/StatusChips';
import { SyncProgress } from './SyncProgress';
import { TestResultView } from './TestResultView';

/** One connection: its settings, status and (for managers) its actions. */
export function ConnectionCard(props: {
  connection: Connection;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onChanged: () => void;
}) {
  const { connection, canManage } = props;
  const api = useApi(jumpcloudApiRef);
  // A run already going (scheduled, or started elsewhere) is followed too.
  const [run, setRun] = useState<SyncRun | undefined>(() =>
    connection.lastRun?.status === 'running'
      ? {
          ...connection.lastRun,
          connectionName: connection.name,
          stage: null,
          counts: {},
          failedDataTypes: {},
          coverage: {},
          error: null,
          requests: 0,
        }
      : undefined,
  );
  const [testResult, setTestResult] = useState<ConnectionTestResult>();
  const [busy, setBusy] = useState<'test' | 'sync'>();
  const [error, setError] = useState<unknown>();
  const readOnly = connection.source === 'config';

  const syncNow = async () => {
    setBusy('sync');
    setError(undefined);
    try {
      setRun(await api.syncConnection(connection.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const test = async () => {
    setBusy('test');
    setError(undefined);
    try {
      setTestResult(await api.testSavedConnection(connection.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const running = run?.status === 'running';
  const lastRun = connection.lastRun;
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
      <StructuredMetadataTable
        dense
        metadata={{
          ...(connection.region
            ? { Region: REGION_LABELS[connection.region] }
            : { 'API URL': connection.apiUrl }),
          Organisation: connection.orgName ?? connection.orgId ?? '—',
          ...(connection.authType === 'serviceAccount'
            ? {
                Credential: 'Service account',
                'Client ID': connection.clientId ?? '—',
                'Client secret': `•••• ${connection.clientSecretLast4 ?? ''}`,
              }
            : {
                Credential: 'API key',
                'API key': `•••• ${connection.apiKeyLast4 ?? ''}`,
              }),
          'Auto-sync': frequencyLabel(connection.syncFrequency),
          'Last sync': lastRun
            ? `${formatDateTime(lastRun.startedAt)} (${lastRun.status})`
            : 'Never',
        }}
      />
      {missingDataTypes(connection.coverage).length > 0 ? (
        <Box mt={1} aria-label="Data this connection could not read">
          <Typography variant="subtitle2" component="p">
            Not read by the last applied sync
          </Typography>
          <CoverageList coverage={connection.coverage!} onlyMissing />
        </Box>
      ) : null}
      {readOnly ? (
        <Box mt={1}>
          <Chip size="small" label="Declared in app-config.yaml (read-only)" />
        </Box>
      ) : null}
      {canManage ? (
        <Box mt={2} display="flex" flexWrap="wrap" gridGap={8}>
          <Button
            variant="contained"
            color="primary"
            onClick={syncNow}
            disabled={busy !== undefined || running || !connection.enabled}
            aria-label={`Sync now: ${connection.name}`}
          >
            Sync now
          </Button>
          <Button
            variant="outlined"
            onClick={test}
            disabled={busy !== undefined}
            aria-label={`Test connection: ${connection.name}`}
          >
            Test connection
          </Button>
          {!readOnly ? (
            <>
              <Button
                variant="outlined"
                onClick={props.onEdit}
                aria-label={`Edit: ${connection.name}`}
              >
                Edit
              </Button>
              <Button
                variant="outlined"
                color="secondary"
                onClick={props.onDelete}
                aria-label={`Delete: ${connection.name}`}
              >
                Delete
              </Button>
            </>
          ) : null}
        </Box>
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
