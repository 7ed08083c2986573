import type {
  ConnectionStatus,
  Framework,
  HistoryAction,
  JumpCloudRegion,
  Severity,
  SyncFrequency,
  SyncStage,
  SyncTrigger,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

export const SEVERITIES: Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const FRAMEWORK_LABELS: Record<Framework, string> = {
  soc2: 'SOC 2',
  iso27001: 'ISO/IEC 27001:2022',
  cis: 'CIS Controls v8',
  nist: 'NIST',
};

export const CONNECTION_STATUS_LABELS: Record<ConnectionStatus, string> = {
  healthy: 'Healthy',
  syncing: 'Syncing',
  needs_attention: 'Needs attention',
  disabled: 'Disabled',
  never_synced: 'Never synced',
};

/** How admins read each capability Test Connection probes (shared with the backend's summary). */
export { CAPABILITY_LABELS } from '@backstage-jumpcloud/plugin-jumpcloud-common';

export const REGION_LABELS: Record<JumpCloudRegion, string> = {
  us: 'US (console.jumpcloud.com)',
  eu: 'EU (console.eu.jumpcloud.com)',
  in: 'India (console.in.jumpcloud.com)',
};

export const ACTION_LABELS: Record<HistoryAction, string> = {
  test: 'Test',
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  rotate_key: 'Rotate key',
  sync: 'Sync',
  exception_create: 'Accept risk',
  exception_delete: 'Revoke risk acceptance',
  evidence_verify: 'Verify evidence chain',
  evidence_prune: 'Prune evidence by policy',
};

export const SYNC_STAGES: SyncStage[] = [
  'fetch',
  'store',
  'evaluate',
  'seal',
  'publish',
];

export const STAGE_LABELS: Record<SyncStage, string> = {
  fetch: 'Fetching from JumpCloud',
  store: 'Storing the snapshot',
  evaluate: 'Evaluating checks',
  seal: 'Sealing evidence',
  publish: 'Publishing to the catalog',
};

export const FREQUENCY_PRESETS: Array<{
  value: Exclude<SyncFrequency, object>;
  label: string;
}> = [
  { value: 'off', label: 'Off (manual only)' },
  { value: 'hourly', label: 'Every hour' },
  { value: 'every-6-hours', label: 'Every 6 hours' },
  { value: 'every-12-hours', label: 'Every 12 hours' },
  { value: 'daily', label: 'Daily' },
];

export function frequencyLabel(frequency: SyncFrequency): string {
  if (typeof frequency === 'string') {
    return (
      FREQUENCY_PRESETS.find(p => p.value === frequency)?.label ?? frequency
    );
  }
  return 'cron' in frequency
    ? `Cron ${frequency.cron}`
    : `Every ${frequency.duration}`;
}

export function triggerLabel(
  trigger: SyncTrigger | SyncTrigger['type'] | null,
  actor?: string | null,
): string {
  if (!trigger) return '—';
  const type = typeof trigger === 'string' ? trigger : trigger.type;
  const by =
    (typeof trigger === 'object' && 'by' in trigger ? trigger.by : null) ??
    actor;
  switch (type) {
    case 'scheduled':
      return 'Scheduled';
    case 'manual':
      return by ? `Manual by ${by}` : 'Manual';
    case 'api':
      return by ? `API (${by})` : 'API';
    default:
      return String(type);
  }
}
