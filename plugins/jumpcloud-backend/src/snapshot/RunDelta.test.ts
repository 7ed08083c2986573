import { createHash } from 'node:crypto';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { Knex } from 'knex';
import { storeSnapshot } from '../__testUtils__/storeSnapshot';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import { migrateDatabase } from '../database/migrateDatabase';
import { StoredRunResults } from '../findings/RunResults';
import type { CheckResult } from '../checks';
import { rowHash } from './RunDelta';
import { RunRowsReader } from './RunRowsReader';
import { SnapshotWriter, SNAPSHOT_TABLES } from './SnapshotWriter';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

/**
 * Every snapshot row of a label as comparable text (derived counts
 * included), without the marks of a run in progress, which readers of the
 * label do not look at, or with them.
 */
async function dump(knex: Knex, runId: string, marks = false) {
  const out: string[] = [];
  for (const table of SNAPSHOT_TABLES) {
    const rows = await knex(table).where('run_id', runId);
    for (const { seq: _seq, superseded_by, ...row } of rows)
      out.push(
        `${table} ${JSON.stringify(marks ? { ...row, superseded_by } : row)}`,
      );
  }
  return out.sort();
}

async function rowsOf(knex: Knex, runId: string) {
  let total = 0;
  for (const table of SNAPSHOT_TABLES) {
    const [{ n }] = await knex(table).where('run_id', runId).count({ n: '*' });
    total += Number(n);
  }
  return total;
}

/** The first snapshot with one device changed, one gone and one new. */
function changed(): OrgSnapshot {
  const next = syntheticSnapshot(40, 30);
  next.systems[1] = { ...next.systems[1], hostname: 'renamed' };
  next.systems.splice(2, 1);
  next.systems.push({ _id: 'sys-new', hostname: 'new', os: 'Windows' });
  next.admins = [];
  return next;
}

async function idsOf(reader: AsyncGenerator<Array<{ _id?: string }>>) {
  const out: string[] = [];
  for await (const page of reader) out.push(...page.map(o => o._id!));
  return out;
}

describe.each(ids)('runs stored as changes on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const first = await storeSnapshot(
      knex,
      'run1',
      'c1',
      syntheticSnapshot(40, 30),
    );
    expect(first.label).toBe('run1');
    return { knex, writer: new SnapshotWriter(knex, 7), first };
  }

  it('stores only what changed; the run reads whole, and the applied rows change only when it is applied', async () => {
    const { knex, writer, first } = await setup();
    const before = await dump(knex, 'run1');
    const delta = writer.delta({ runId: 'run2', baseRunId: 'run1' });
    await writer.write(delta, 'c1', changed());
    await writer.closeRun(delta, {});

    // Two devices' rows (changed, new), not a copy of the organisation.
    expect(await rowsOf(knex, 'run2')).toBe(2);
    expect(first.written).toBeGreaterThan(100);
    const reader = new RunRowsReader(knex, 5);
    const expected = changed()
      .systems.map(s => s._id!)
      .sort();
    expect(await idsOf(reader.devices(delta.view, 3))).toEqual(expected);
    const directory = await reader.directory(delta.view);
    expect([...directory.systemIds].sort()).toEqual(expected);
    // Readers of the applied rows still see the first run.
    expect(await dump(knex, 'run1')).toEqual(before);

    await knex.transaction(trx => writer.apply(trx, delta.view));
    expect(await rowsOf(knex, 'run2')).toBe(0);
    expect(await idsOf(reader.devices('run1', 3))).toEqual(expected);
    const renamed = await knex('jc_devices')
      .where({ run_id: 'run1', id: 'sys0001' })
      .first();
    expect(renamed.hostname).toBe('renamed');
    // The admin is gone: user1 is no longer flagged.
    const user1 = await knex('jc_users')
      .where({ run_id: 'run1', id: 'usr0001' })
      .first();
    expect(Boolean(user1.is_admin)).toBe(false);
    expect(await knex('jc_devices').whereNotNull('superseded_by')).toEqual([]);
    // The same again after it: nothing to write.
    const again = writer.delta({ runId: 'run3', baseRunId: 'run1' });
    expect(await writer.write(again, 'c1', changed())).toBe(0);
    await knex.destroy();
  });

  it('a run that fails leaves the applied rows exactly as they were', async () => {
    const { knex, writer } = await setup();
    const before = await dump(knex, 'run1', true);
    const delta = writer.delta({ runId: 'run2', baseRunId: 'run1' });
    await writer.write(delta, 'c1', changed());
    await writer.closeRun(delta, {});
    expect(
      await knex('jc_devices').where({ superseded_by: 'run2' }),
    ).toHaveLength(2);
    await writer.deleteRun('run2');
    expect(await dump(knex, 'run1', true)).toEqual(before);
    expect(await rowsOf(knex, 'run2')).toBe(0);
    await knex.destroy();
  });

  it('a supplementary type the run could not read keeps its applied rows; an essential one read is replaced', async () => {
    const { knex, writer } = await setup();
    const next = changed();
    next.policies = [{ id: 'pol2', name: 'Partly read' }];
    const delta = writer.delta({ runId: 'run2', baseRunId: 'run1' });
    await writer.write(delta, 'c1', next);
    await writer.closeRun(delta, {
      policies: {
        state: 'failed',
        error: { kind: 'unavailable', message: 'x' },
      },
    });
    await knex.transaction(trx => writer.apply(trx, delta.view));
    expect(
      await knex('jc_policies').where('run_id', 'run1').pluck('id'),
    ).toEqual(['pol1']);
    expect(await knex('jc_devices').where('run_id', 'run1')).toHaveLength(40);
    await knex.destroy();
  });

  it('stores calls of one batch and of several on one table at once, reading its base hashes once', async () => {
    const { knex, writer } = await setup();
    const delta = writer.delta({ runId: 'run2', baseRunId: 'run1' });
    const groups = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        run_id: 'run2',
        connection_id: 'c1',
        id: `${prefix}-${i}`,
        type: 'user',
        name: `${prefix} ${i}`,
        raw: '{}',
      }));
    const stored = () =>
      knex('jc_groups').where('run_id', 'run2').count({ n: '*' });

    // Calls of several batches commit them together; the base's hashes are
    // read before such a transaction takes SQLite's one connection.
    const written = await Promise.all([
      delta.insert('jc_groups', groups('a', 3)),
      delta.insert('jc_groups', groups('b', 20)),
      delta.insert('jc_groups', groups('c', 3)),
      delta.insert('jc_groups', groups('d', 20)),
    ]);
    expect(written).toEqual([3, 20, 3, 20]);
    expect(Number((await stored())[0].n)).toBe(46);
    await knex.destroy();
  });

  it("stores a run's check results as changes, dropping a discarded check's", async () => {
    const { knex, writer } = await setup();
    const result = (checkId: string, entityId: string, status: string) =>
      ({
        checkId,
        severity: 'high',
        entityKind: 'device',
        entityId,
        entityName: entityId,
        status,
        message: `${checkId} ${status}`,
        evidence: {},
      } as CheckResult);
    const firstResults = new StoredRunResults(
      writer.delta({ runId: 'run1r', baseRunId: null }),
      2,
      2,
    );
    await firstResults.add(knex, [
      result('A', 'd1', 'pass'),
      result('A', 'd2', 'fail'),
      result('B', 'd1', 'pass'),
      result('C', 'd1', 'fail'),
    ]);
    await knex('jc_run_results')
      .where('run_id', 'run1r')
      .update({ run_id: 'run1' });

    const delta = writer.delta({ runId: 'run2', baseRunId: 'run1' });
    const stored = new StoredRunResults(delta, 2, 2);
    await stored.add(knex, [
      result('A', 'd1', 'pass'),
      result('A', 'd2', 'pass'),
      result('C', 'd1', 'fail'),
    ]);
    await stored.discard(knex, 'C');
    await stored.close(knex);
    const all: string[] = [];
    for await (const r of stored.all(knex))
      all.push(`${r.checkId} ${r.entityId} ${r.status}`);
    // In evaluation order: the base's unchanged result, then the run's own.
    expect(all).toEqual(['A d1 pass', 'A d2 pass']);
    const failing: string[] = [];
    for await (const r of stored.notPassing(knex)) failing.push(r.entityId);
    expect(failing).toEqual([]);
    const byEntity: string[] = [];
    for await (const r of stored.byEntity(knex)) byEntity.push(r.entityId);
    expect(byEntity).toEqual(['d1', 'd2']);
    // Some entities, in batches (of 2): the base's kept row of d1 and the
    // run's own of d2, an entity without results skipped.
    const some: string[] = [];
    for await (const r of stored.byEntity(knex, ['d2', 'd9', 'd1']))
      some.push(`${r.checkId} ${r.entityId} ${r.status}`);
    expect(some).toEqual(['A d1 pass', 'A d2 pass']);
    // Only the changed result was written.
    expect(
      await knex('jc_run_results').where('run_id', 'run2').pluck('entity_id'),
    ).toEqual(['d2']);
    await knex.destroy();
  });
});

describe('rowHash', () => {
  /** How earlier versions hashed a row: rows they stored carry this hash. */
  function hashOfEarlierVersions(row: Record<string, unknown>): string {
    const sha1 = createHash('sha1');
    for (const key of Object.keys(row).sort()) {
      if (
        [
          'run_id',
          'seq',
          'row_hash',
          'superseded_by',
          'is_admin',
          'device_count',
          'failing_checks',
        ].includes(key)
      )
        continue;
      const value = row[key];
      sha1.update(key);
      sha1.update('\u0000');
      sha1.update(
        value === null || value === undefined ? '\u0001' : String(value),
      );
      sha1.update('\u0000');
    }
    return sha1.digest('hex').slice(0, 16);
  }

  it('is the hash earlier versions stored, so their rows still match', () => {
    const rows = [
      { run_id: 'r1', id: 'd1', raw: '{"a":1}', active: true, os: null },
      { os: 'macOS ✓ \ud83d\ude00', id: 'd2', raw: '{}', active: 0, seq: 4 },
      { id: 'd3', hostname: undefined, raw: 'x\u0000y', superseded_by: 'r2' },
      { id: 'u1', email: 'a@b.c', is_admin: true, device_count: 3 },
    ];
    for (const row of rows)
      expect(rowHash(row)).toBe(hashOfEarlierVersions(row));
    // Columns are hashed by name, whatever their order in the row.
    expect(rowHash({ b: 1, a: 2 })).toBe(rowHash({ a: 2, b: 1 }));
    expect(rowHash({ a: 1, b: 2 })).not.toBe(rowHash({ a: 2, b: 1 }));
    expect(rowHash({ a: null })).not.toBe(rowHash({ a: '' }));
  });
});
