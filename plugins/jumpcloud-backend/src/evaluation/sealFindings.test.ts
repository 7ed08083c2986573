import type { CheckResultStatus } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import type { CheckResult } from '../checks';
import { migrated } from './__testUtils__/harness';
import { upsertFindings } from './sealFindings';
import { resultsInMemory } from '../findings/RunResults';
import type { FindingRow } from '../findings/findingRow';
import { lastSeenAtOf, latestSeals } from '../findings/lastSeen';
import type { CompleteRunContext, EvaluationResult } from './types';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const result = (
  checkId: string,
  entityId: string,
  status: CheckResultStatus,
  message = `${checkId} ${entityId}`,
): CheckResult =>
  ({
    checkId,
    severity: 'high',
    entityKind: 'device',
    entityId,
    entityName: entityId,
    status,
    message,
    evidence: { entityId },
  } as CheckResult);

let runNo = 0;
async function seal(
  knex: Knex,
  results: CheckResult[],
  pageSize: number,
  evaluatedCheckIds = ['C1', 'C2'],
) {
  runNo++;
  const ctx = {
    connectionId: 'c1',
    connectionName: 'acme',
    runId: `run-${runNo}`,
  } as CompleteRunContext;
  const evaluation = {
    evaluatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, runNo)).toISOString(),
    results: resultsInMemory(results),
    evaluatedCheckIds,
  } as EvaluationResult;
  const changes = await knex.transaction(async trx => {
    const changed = await upsertFindings(trx, ctx, evaluation, new Map(), {
      pageSize,
    });
    // As sealing does next: the run's posture point, its time the last seen.
    await trx('jc_posture_points').insert({
      run_id: ctx.runId,
      connection_id: 'c1',
      at: evaluation.evaluatedAt,
      score: null,
      weighted_pass: 0,
      weighted_applicable: 0,
      counts_json: '{}',
      open_by_severity_json: '{}',
      open_findings: 0,
    });
    return changed;
  });
  const seals = await latestSeals(knex);
  const rows: Array<{
    check_id: string;
    entity_id: string;
    status: string;
    message: string;
    last_run_id: string;
    reopened_at: string | null;
    connection_id: string;
    last_seen_at: string;
    seen_in_latest_run: boolean | number;
  }> = await knex('jc_findings')
    .where('connection_id', 'c1')
    .select(
      'check_id',
      'entity_id',
      'status',
      'message',
      'last_run_id',
      'reopened_at',
      'connection_id',
      'last_seen_at',
      'seen_in_latest_run',
    );
  const state = Object.fromEntries(
    rows.map(r => [
      `${r.check_id}/${r.entity_id}`,
      { ...r, lastSeenAt: lastSeenAtOf(r as FindingRow, seals) },
    ]),
  );
  return { changes, state, runId: ctx.runId, at: evaluation.evaluatedAt };
}

describe.each(ids)('upsertFindings on %s', databaseId => {
  it.each([1, 2, 400])(
    'opens, keeps, reopens and resolves the same with pages of %i',
    async pageSize => {
      const knex = await migrated(await databases.init(databaseId));
      await knex('jc_findings').delete();

      // A finding of another connection is never read nor resolved.
      await seal(knex, [], pageSize);
      await knex('jc_findings').insert({
        id: 'other',
        connection_id: 'c2',
        connection_name: 'other',
        check_id: 'C1',
        check_title: 'C1',
        severity: 'high',
        severity_rank: 4,
        entity_kind: 'device',
        entity_id: 'e5',
        entity_name: 'e5',
        status: 'open',
        first_seen_at: '2026-01-01T00:00:00.000Z',
        last_seen_at: '2026-01-01T00:00:00.000Z',
        last_run_id: 'x',
        message: 'm',
        evidence_json: '{}',
        frameworks_json: '{}',
      });

      const first = await seal(
        knex,
        [
          result('C1', 'e0', 'pass'),
          ...['e1', 'e2', 'e3', 'e4', 'e5'].map(e => result('C1', e, 'fail')),
          result('C2', 'e0', 'not_applicable'),
          result('C2', 'e1', 'fail'),
          result('C2', 'e2', 'excepted'),
          result('C3', 'e1', 'fail'),
        ],
        pageSize,
      );
      let run = first;
      expect(run.changes).toEqual({
        opened: 8,
        reopened: 0,
        resolved: 0,
        stillOpen: 0,
      });

      run = await seal(
        knex,
        [
          result('C1', 'e1', 'fail'),
          result('C1', 'e2', 'fail', 'changed'),
          result('C1', 'e3', 'pass'),
          result('C1', 'e4', 'unknown'),
          // e5 has no result: resolved
          result('C1', 'e6', 'fail'),
          result('C2', 'e1', 'not_applicable'),
          result('C2', 'e2', 'excepted'),
          // C3 did not run: its finding stays open
        ],
        pageSize,
      );
      expect(run.changes).toEqual({
        opened: 1,
        reopened: 0,
        resolved: 3,
        stillOpen: 3,
      });
      const statuses = (state: typeof run.state) =>
        Object.fromEntries(
          Object.entries(state).map(([key, row]) => [key, row.status]),
        );
      expect(statuses(run.state)).toEqual({
        'C1/e1': 'open',
        'C1/e2': 'open',
        'C1/e3': 'resolved',
        'C1/e4': 'open',
        'C1/e5': 'resolved',
        'C1/e6': 'open',
        'C2/e1': 'resolved',
        'C2/e2': 'open',
        'C3/e1': 'open',
      });
      expect(run.state['C1/e2'].message).toBe('changed');
      // Still failing: seen by this run, and not written to say so.
      expect(run.state['C1/e1'].lastSeenAt).toBe(run.at);
      expect(run.state['C2/e2'].lastSeenAt).toBe(run.at);
      expect(run.state['C1/e1'].last_run_id).toBe(first.runId);
      expect(run.state['C1/e1'].last_seen_at).toBe(first.at);
      // Unknown, not evaluated or resolved: last seen by the run before.
      // (C3 failed on e1 in the first run without being evaluated: still
      // seen then.)
      for (const key of ['C1/e4', 'C3/e1', 'C1/e5']) {
        expect(run.state[key].lastSeenAt).toBe(first.at);
        expect(run.state[key].last_run_id).toBe(first.runId);
        expect(Boolean(run.state[key].seen_in_latest_run)).toBe(false);
      }

      run = await seal(
        knex,
        [result('C1', 'e1', 'fail'), result('C1', 'e3', 'fail')],
        pageSize,
      );
      expect(run.changes).toEqual({
        opened: 0,
        reopened: 1,
        resolved: 4,
        stillOpen: 1,
      });
      expect(statuses(run.state)).toEqual({
        'C1/e1': 'open',
        'C1/e2': 'resolved',
        'C1/e3': 'open',
        'C1/e4': 'resolved',
        'C1/e5': 'resolved',
        'C1/e6': 'resolved',
        'C2/e1': 'resolved',
        'C2/e2': 'resolved',
        'C3/e1': 'open',
      });
      expect(run.state['C1/e3'].reopened_at).not.toBeNull();
      // Seen again: stamped by the run that sees it.
      expect(run.state['C1/e3'].last_run_id).toBe(run.runId);
      expect(run.state['C1/e3'].lastSeenAt).toBe(run.at);
      expect(
        (await knex('jc_findings').where('id', 'other').first()).status,
      ).toBe('open');
    },
  );
});
