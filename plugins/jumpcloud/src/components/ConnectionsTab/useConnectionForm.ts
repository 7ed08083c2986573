import type {
  Connection,
  ConnectionTestResult,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import { FormEvent, useState } from 'react';
import { jumpcloudApiRef } from '../../api';
import { fieldErrorsOf } from '../shared/errors';
import {
  ConnectionFormState,
  hasCredential,
  hasNewSecret,
  initialFormState,
  keepsStoredSecret,
  toConnectionInput,
} from './connectionFormState';

export type Org = { id: string; name: string };

/**
 * The connection form's state and its two requests: Test connection (which
 * also offers the organisations the credential sees) and Save.
 */
export function useConnectionForm(props: {
  connections: Connection[];
  /** The connection being edited; absent when adding. */
  connection?: Connection;
  onSaved: (connection: Connection) => void;
}) {
  const api = useApi(jumpcloudApiRef);
  const editing = props.connection;
  const [state, setState] = useState<ConnectionFormState>(() =>
    initialFormState(props.connections, editing),
  );
  const [testResult, setTestResult] = useState<ConnectionTestResult>();
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const update = (patch: Partial<ConnectionFormState>) => {
    setState(current => ({ ...current, ...patch }));
  };
  // Changing what is being connected to invalidates a previous test.
  const updateTarget = (patch: Partial<ConnectionFormState>) => {
    update(patch);
    setTestResult(undefined);
  };

  // Every organisation the key sees (a multi-tenant key's test stops at
  // "choose the organisation": pick it here).
  const organizations: Org[] =
    testResult?.ok || testResult?.error?.kind === 'org_required'
      ? testResult.organizations
      : [];

  const test = async () => {
    setTesting(true);
    setError(undefined);
    try {
      // Without a new key or secret only the saved connection can be tested.
      const result =
        editing && !hasNewSecret(state)
          ? await api.testSavedConnection(editing.id)
          : await api.testConnection(toConnectionInput(state));
      setTestResult(result);
      if (result.ok && !state.orgId && result.organizations.length === 1) {
        update({
          orgId: result.organizations[0].id,
          orgName: result.organizations[0].name,
        });
      }
    } catch (e) {
      setError(e);
    } finally {
      setTesting(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const input = toConnectionInput(state);
      const saved = editing
        ? await api.updateConnection(editing.id, input)
        : await api.createConnection(input);
      props.onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return {
    editing,
    state,
    update,
    updateTarget,
    testResult,
    testing,
    saving,
    error,
    fieldErrors: fieldErrorsOf(error),
    organizations,
    needsOrg: Boolean(testResult?.multiTenant) && !state.orgId,
    needsKey: !hasCredential(state, editing),
    keepsSecret: keepsStoredSecret(state, editing),
    test,
    save,
  };
}
