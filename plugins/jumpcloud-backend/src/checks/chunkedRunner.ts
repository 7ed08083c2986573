import type {
  JcSystem,
  JcSystemUser,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { isBuiltIn, type RegisteredCheck } from './registry';
import {
  checkContext,
  errorMessage,
  messageInterner,
  resultsOf,
  type CheckResult,
  type CheckRunError,
  type RunChecksOptions,
} from './runner';
import type { DeviceRows } from './snapshotIndex';
import type { BuiltInCheck } from './types';

export interface RunChecksInChunksOptions extends RunChecksOptions {
  /**
   * System Insights rows (per table, in the order they were fetched) and
   * policy statuses of the given devices, or of every device for `null`.
   * The snapshot's own `systemInsights` only tells which tables were
   * collected; its policy statuses and bindings are empty (`access`
   * answers bindings).
   */
  loadDeviceRows(systemIds: string[] | null): Promise<DeviceRows>;
  /** The devices a chunk at a time; default: the snapshot's. */
  devices?: () => AsyncIterable<JcSystem[]>;
  /** The users a chunk at a time; default: the snapshot's. */
  users?: () => AsyncIterable<JcSystemUser[]>;
  /** Entities evaluated at once, when chunking the snapshot's. */
  chunkSize?: number;
  /**
   * Receives the results a chunk at a time as they are produced, instead of
   * collecting them all (then none are returned); told to `discard` a check
   * that threw after some of its results were handed over.
   */
  sink?: ResultSink;
}

export interface ResultSink {
  add(results: CheckResult[]): Promise<void>;
  discard(checkId: string): Promise<void>;
}

/** What a check can be evaluated a chunk of at a time, if anything. */
const chunkedBy = (check: RegisteredCheck) =>
  isBuiltIn(check) ? (check as BuiltInCheck).perEntity ?? 'whole' : 'whole';

async function* slices<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Every chunk, and one empty chunk for none: checks still see an org without any. */
async function* atLeastOnce<T>(
  chunks: AsyncIterable<T[]>,
): AsyncGenerator<T[]> {
  let any = false;
  for await (const chunk of chunks) {
    any = true;
    yield chunk;
  }
  if (!any) yield [];
}

async function all<T>(chunks: AsyncIterable<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const chunk of chunks) for (const item of chunk) items.push(item);
  return items;
}

/**
 * Same results, in the same order, as `runChecks` over the same devices and
 * users, for a run whose bulk rows are in the store rather than in the
 * snapshot: device checks run over chunks of devices with only those
 * devices' rows loaded, user checks over chunks of users; the others run
 * once. Custom checks may read anything, so they get every row (loaded
 * only when some are enabled).
 */
export async function runChecksInChunks(
  options: RunChecksInChunksOptions,
): Promise<{ results: CheckResult[]; errors: CheckRunError[] }> {
  const { snapshot, loadDeviceRows, access, sink, chunkSize = 1000 } = options;
  const devices =
    options.devices ?? (() => slices(snapshot.systems, chunkSize));
  const users = options.users ?? (() => slices(snapshot.users, chunkSize));
  const disabled = new Set(options.thresholds.disabled);
  const enabled = options.checks.filter(check => !disabled.has(check.id));
  const context = checkContext(options);
  const intern = messageInterner();
  const collected = Object.keys(snapshot.systemInsights);
  const load = async (systemIds: string[] | null): Promise<DeviceRows> => {
    const loaded =
      systemIds?.length === 0
        ? { systemInsights: {}, policyStatuses: [] }
        : await loadDeviceRows(systemIds);
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
  /** Runs some checks over one part of the org; hands their results to the sink, if any. */
  const runAll = async (checks: RegisteredCheck[], part: OrgSnapshot) => {
    const handed: CheckResult[] = [];
    for (const check of checks) {
      if (failed.has(check)) continue;
      try {
        const results = resultsOf(
          check,
          { ...context, snapshot: part },
          intern,
        );
        const list = sink ? handed : produced.get(check);
        if (list) for (const result of results) list.push(result);
        else produced.set(check, results);
      } catch (error) {
        failed.set(check, errorMessage(error));
        produced.delete(check);
        await sink?.discard(check.id);
      }
    }
    if (sink && handed.length > 0) await sink.add(handed);
  };

  const deviceChecks = enabled.filter(check => chunkedBy(check) === 'systems');
  if (deviceChecks.length > 0) {
    for await (const chunk of atLeastOnce(devices())) {
      const rows = await load(chunk.map(system => system._id));
      context.index.useDeviceRows(rows);
      await runAll(deviceChecks, { ...snapshot, ...rows, systems: chunk });
    }
  }

  const userChecks = enabled.filter(check => chunkedBy(check) === 'users');
  if (userChecks.length > 0) {
    for await (const chunk of atLeastOnce(users())) {
      await runAll(userChecks, { ...snapshot, users: chunk });
    }
  }

  const others = enabled.filter(check => chunkedBy(check) === 'whole');
  if (others.some(check => !isBuiltIn(check))) {
    const rows = await load(null);
    context.index.useDeviceRows(rows);
    const whole = {
      ...snapshot,
      ...rows,
      systems: options.devices ? await all(devices()) : snapshot.systems,
      users: options.users ? await all(users()) : snapshot.users,
      userSystemBindings: access
        ? [...access.all()]
        : snapshot.userSystemBindings,
    };
    await runAll(others, whole);
  } else {
    context.index.useDeviceRows(snapshot);
    await runAll(others, snapshot);
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
