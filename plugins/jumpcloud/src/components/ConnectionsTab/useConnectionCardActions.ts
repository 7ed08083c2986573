import type {
  Connection,
  ConnectionTestResult,
  SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useState } from 'react';
import { jumpcloudApiRef } from '../../api';

/** What the card is doing: a test or a sync being started. */
export type CardBusy = 'test' | 'sync';

/** A run already going (scheduled, or started elsewhere) is followed too. */
function runningRunOf(connection: Connection): SyncRun | undefined {
  return connection.lastRun?.status === 'running'
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
    : undefined;
}

/**
 * A connection card's Sync now and Test connection: the run followed, the
 * last test's result, what is in progress and the last error.
 */
export function useConnectionCardActions(connection: Connection) {
  const api = useApi(jumpcloudApiRef);
  const [run, setRun] = useState<SyncRun | undefined>(() =>
    runningRunOf(connection),
  );
  const [testResult, setTestResult] = useState<ConnectionTestResult>();
  const [busy, setBusy] = useState<CardBusy>();
  const [error, setError] = useState<unknown>();
  // A run that starts while the card is open (scheduled, or Sync now in
  // another browser) is followed as soon as the refreshed connection shows it.
  const lastRunId = connection.lastRun?.id;
  const lastRunGoing = connection.lastRun?.status === 'running';
  useEffect(() => {
    if (!lastRunGoing) return;
    const going = runningRunOf(connection);
    setRun(current => (current?.id === going?.id ? current : going));
    // Only a different running run matters, not every refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastRunId, lastRunGoing]);

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

  return {
    run,
    setRun,
    running: run?.status === 'running',
    testResult,
    busy,
    error,
    syncNow,
    test,
  };
}
