import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { isBuiltIn, type RegisteredCheck } from './registry';
import type { DeviceRows } from './snapshotIndex';
import {
  checkContext,
  errorMessage,
  messageInterner,
  resultsOf,
  type CheckResult,
  type CheckRunError,
  type RunChecksOptions,
} from './runner';

export interface RunChecksInChunksOptions extends RunChecksOptions {
  /**
   * System Insights rows (per table, in the order they were fetched) and
   * policy statuses of the given devices, or of every device for `null`.
   * The snapshot's own `systemInsights` only tells which tables were
   * collected; its policy statuses and bindings are empty (`access`
   * answers bindings).
   */
  loadDeviceRows(systemIds: string[] | null): Promise<DeviceRows>;
  /** Devices evaluated at once. */
  chunkSize?: number;
}

/** Built-in device checks decide each device on its own: they can run a chunk of devices at a time. */
const perDevice = (check: RegisteredCheck) =>
  isBuiltIn(check) && check.family === 'device';

/**
 * Same results, in the same order, as `runChecks`, for a run whose System
 * Insights rows, policy statuses and bindings are in the store rather than
 * in the snapshot: device checks run over chunks of devices with only those
 * devices' rows loaded; the others run once. Custom checks may read any
 * row, so they get every row (loaded only when some are enabled).
 */
export async function runChecksInChunks(
  options: RunChecksInChunksOptions,
): Promise<{ results: CheckResult[]; errors: CheckRunError[] }> {
  const { snapshot, loadDeviceRows, access, chunkSize = 1000 } = options;
  const disabled = new Set(options.thresholds.disabled);
  const enabled = options.checks.filter(check => !disabled.has(check.id));
  const context = checkContext(options);
  const intern = messageInterner();
  const collected = Object.keys(snapshot.systemInsights);
  const load = async (systemIds: string[] | null): Promise<DeviceRows> => {
    const loaded = await loadDeviceRows(systemIds);
    // A collected table is [] for devices without rows, as in a full snapshot.
    const systemInsights = Object.fromEntries(
      collected.map(table => [
        table,
        loaded.systemInsights[table as keyof DeviceRows['systemInsights']] ??
          [],
      ]),
    );
    return { systemInsights, policyStatuses: loaded.policyStatuses };
  };

  const produced = new Map<RegisteredCheck, CheckResult[]>();
  const failed = new Map<RegisteredCheck, string>();
  const run = (check: RegisteredCheck, part: OrgSnapshot) => {
    if (failed.has(check)) return;
    try {
      const results = resultsOf(check, { ...context, snapshot: part }, intern);
      const list = produced.get(check);
      if (list) for (const result of results) list.push(result);
      else produced.set(check, results);
    } catch (error) {
      failed.set(check, errorMessage(error));
      produced.delete(check);
    }
  };

  const deviceChecks = enabled.filter(perDevice);
  const { systems } = snapshot;
  // Runs at least once, so checks see an org without devices as before.
  for (
    let i = 0;
    deviceChecks.length > 0 && (i === 0 || i < systems.length);
    i += chunkSize
  ) {
    const chunk = systems.slice(i, i + chunkSize);
    const rows = await load(chunk.map(system => system._id));
    context.index.useDeviceRows(rows);
    const part = { ...snapshot, ...rows, systems: chunk };
    for (const check of deviceChecks) run(check, part);
  }

  const others = enabled.filter(check => !perDevice(check));
  if (others.some(check => !isBuiltIn(check))) {
    const rows = await load(null);
    context.index.useDeviceRows(rows);
    const whole = {
      ...snapshot,
      ...rows,
      userSystemBindings: access
        ? [...access.all()]
        : snapshot.userSystemBindings,
    };
    for (const check of others) run(check, whole);
  } else {
    context.index.useDeviceRows(snapshot);
    for (const check of others) run(check, snapshot);
  }

  const results: CheckResult[] = [];
  const errors: CheckRunError[] = [];
  for (const check of enabled) {
    const message = failed.get(check);
    if (message !== undefined) errors.push({ checkId: check.id, message });
    for (const result of produced.get(check) ?? []) results.push(result);
    produced.delete(check);
  }
  return { results, errors };
}
