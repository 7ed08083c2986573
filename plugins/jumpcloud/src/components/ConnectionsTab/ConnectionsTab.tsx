import {
  JUMPCLOUD_SIGNAL_CHANNELS,
  type Connection,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { jumpcloudApiRef } from '../../api';
import { useCanManage } from '../../hooks/useCanManage';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { messageOf } from '../shared/errors';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionForm } from './ConnectionForm';
import { DeleteConnectionDialog } from './DeleteConnectionDialog';

type FormTarget = { mode: 'add' } | { mode: 'edit'; connection: Connection };

/** How often the cards are read again while a run is going, in apps without signals. */
export const CONNECTIONS_REFRESH_MS = 5000;

/** The admin settings page: connections with add, edit, test, sync, delete. */
export function ConnectionsTab(props: { refreshIntervalMs?: number } = {}) {
  const api = useApi(jumpcloudApiRef);
  const alertApi = useApi(alertApiRef);
  const permission = useCanManage();
  const connections = useAsyncRetry(() => api.listConnections(), [api]);
  const [form, setForm] = useState<FormTarget>();
  const [toDelete, setToDelete] = useState<Connection>();
  const [deleting, setDeleting] = useState(false);
  // Cards follow changes made elsewhere: other admins, scheduled runs.
  useLiveRefresh(JUMPCLOUD_SIGNAL_CHANNELS.connections, connections.retry, {
    fallbackPollMs: props.refreshIntervalMs ?? CONNECTIONS_REFRESH_MS,
    pollWhile: connections.value?.some(c => c.lastRun?.status === 'running'),
  });

  if (connections.loading && !connections.value) return <Progress />;
  if (connections.error)
    return <ResponseErrorPanel error={connections.error} />;
  if (permission.loading) return <Progress />;
  const list = connections.value ?? [];
  const canManage = permission.allowed;

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await api.deleteConnection(toDelete.id);
      alertApi.post({
        message: `Deleted ${toDelete.name}`,
        severity: 'success',
        display: 'transient',
      });
      setToDelete(undefined);
      connections.retry();
    } catch (e) {
      alertApi.post({
        message: `Delete failed: ${messageOf(e)}`,
        severity: 'error',
      });
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      {canManage ? (
        <Box mb={2}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setForm({ mode: 'add' })}
          >
            Add connection
          </Button>
        </Box>
      ) : (
        <Box mb={2}>
          <Alert severity="info">
            You can see the connections but not change them: managing
            connections needs the JumpCloud administrator permission.
          </Alert>
        </Box>
      )}
      {list.length === 0 ? (
        <EmptyState
          missing="content"
          title="No JumpCloud connections"
          description={
            canManage
              ? 'Add a connection with a read-only JumpCloud API key to start.'
              : 'Ask a JumpCloud administrator to add a connection.'
          }
        />
      ) : (
        <Grid container spacing={3}>
          {list.map(connection => (
            <Grid item xs={12} md={6} key={connection.id}>
              <ConnectionCard
                connection={connection}
                canManage={canManage}
                onEdit={() => setForm({ mode: 'edit', connection })}
                onDelete={() => setToDelete(connection)}
                onChanged={connections.retry}
              />
            </Grid>
          ))}
        </Grid>
      )}
      {form ? (
        <ConnectionForm
          open
          connections={list}
          connection={form.mode === 'edit' ? form.connection : undefined}
          onClose={() => setForm(undefined)}
          onSaved={saved => {
            setForm(undefined);
            alertApi.post({
              message: `Saved ${saved.name}`,
              severity: 'success',
              display: 'transient',
            });
            connections.retry();
          }}
        />
      ) : null}
      <DeleteConnectionDialog
        connection={toDelete}
        deleting={deleting}
        onCancel={() => setToDelete(undefined)}
        onConfirm={confirmDelete}
      />
    </>
  );
}
