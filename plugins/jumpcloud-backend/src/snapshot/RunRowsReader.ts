import type {
  JcPolicyResult,
  JcSystem,
  JcSystemInsightsRow,
  JcSystemUser,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import type { DeviceRows, Directory } from '../checks/snapshotIndex';
import { CanonicalText } from '../evidence/packStream';
import { asRunView, pagesOfRun, type RunView } from './runView';

type SystemInsights = DeviceRows['systemInsights'];

interface StoredRow {
  seq: number;
  raw: string;
}

/** What device checks read of the users bound to a device, and USR-10 of every user. */
const DIRECTORY_USER_FIELDS = [
  '_id',
  'username',
  'email',
  'employeeIdentifier',
  'state',
  'activated',
  'suspended',
] as const;

/**
 * Reads one run's stored rows back for evaluation and sealing a chunk at a
 * time: devices and users in pages, a chunk of devices' System Insights
 * rows and policy statuses, and the few fields of every user the checks
 * look up across entities. The whole org is never parsed at once. A run
 * is its id (all rows its own) or a view of a run stored against a base.
 */
export class RunRowsReader {
  constructor(
    private readonly knex: Knex,
    private readonly pageSize = 10_000,
  ) {}

  /** The run's devices, a page at a time, by id. */
  devices(run: string | RunView, pageSize = 250): AsyncGenerator<JcSystem[]> {
    return this.#objects<JcSystem>('jc_devices', asRunView(run), pageSize);
  }

  /** The run's users, a page at a time, by id. */
  users(run: string | RunView, pageSize = 250): AsyncGenerator<JcSystemUser[]> {
    return this.#objects<JcSystemUser>('jc_users', asRunView(run), pageSize);
  }

  /** The run's devices as stored (canonical JSON, see snapshotRows), a page at a time, by id. */
  deviceTexts(run: RunView): AsyncGenerator<CanonicalText[]> {
    return this.#texts('jc_devices', run);
  }

  /** The run's users as stored (canonical JSON), a page at a time, by id. */
  userTexts(run: RunView): AsyncGenerator<CanonicalText[]> {
    return this.#texts('jc_users', run);
  }

  /** Every device id and every user's look-up fields (not whole objects). */
  async directory(run: string | RunView): Promise<Directory> {
    const view = asRunView(run);
    const systemIds = new Set<string>();
    const pages = pagesOfRun<{ id: string }>(this.knex, 'jc_devices', view, {
      select: q => q.select('id'),
      key: 'id',
      pageSize: this.pageSize,
    });
    for await (const rows of pages)
      for (const row of rows) systemIds.add(row.id);
    const users = new Map<string, JcSystemUser>();
    for await (const page of this.users(view, this.pageSize)) {
      for (const user of page) {
        const slim: Record<string, unknown> = {};
        for (const field of DIRECTORY_USER_FIELDS)
          if (user[field] !== undefined) slim[field] = user[field];
        users.set(user._id, slim as unknown as JcSystemUser);
      }
    }
    return { systemIds, users };
  }

  async *#objects<T>(
    table: string,
    view: RunView,
    pageSize: number,
  ): AsyncGenerator<T[]> {
    for await (const rows of this.#rawPages(table, view, pageSize))
      yield rows.map(row => JSON.parse(row.raw) as T);
  }

  async *#texts(table: string, view: RunView): AsyncGenerator<CanonicalText[]> {
    for await (const rows of this.#rawPages(table, view, 1000))
      yield rows.map(row => new CanonicalText(row.raw));
  }

  #rawPages(
    table: string,
    view: RunView,
    pageSize: number,
  ): AsyncGenerator<Array<{ id: string; raw: string }>> {
    return pagesOfRun(this.knex, table, view, {
      select: q => q.select('id', 'raw'),
      key: 'id',
      pageSize,
    });
  }

  /** System Insights rows and policy statuses of the given devices, or of every device for `null`. */
  async deviceRows(
    run: string | RunView,
    systemIds: string[] | null,
  ): Promise<DeviceRows> {
    const view = asRunView(run);
    const systemInsights: SystemInsights = {};
    const policyStatuses: JcPolicyResult[] = [];
    if (systemIds?.length === 0) return { systemInsights, policyStatuses };
    // Per table, in the order they were fetched.
    await this.#pages<StoredRow & { table_name: keyof SystemInsights }>(
      'jc_insights',
      view,
      systemIds,
      ['table_name'],
      row =>
        (systemInsights[row.table_name] ??= []).push(
          JSON.parse(row.raw) as JcSystemInsightsRow,
        ),
    );
    // Policy by policy (as listed, by id), each in the order fetched: the
    // order an in-memory snapshot holds them in.
    await this.#pages<StoredRow & { policy_id: string }>(
      'jc_policy_results',
      view,
      systemIds,
      ['policy_id'],
      row => policyStatuses.push(JSON.parse(row.raw) as JcPolicyResult),
    );
    policyStatuses.sort((a, b) => compareIds(a.policyID, b.policyID));
    return { systemInsights, policyStatuses };
  }

  async #pages<Row extends StoredRow>(
    table: string,
    view: RunView,
    systemIds: string[] | null,
    columns: string[],
    onRow: (row: Row) => void,
  ) {
    const pages = pagesOfRun<Row>(this.knex, table, view, {
      select: q => {
        q.select('seq', 'raw', ...columns);
        return systemIds ? q.whereIn('system_id', systemIds) : q;
      },
      key: 'seq',
      pageSize: this.pageSize,
    });
    for await (const rows of pages) rows.forEach(onRow);
  }
}

/** Code-unit order, as JumpCloud sorts ids (not the locale's). */
function compareIds(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
