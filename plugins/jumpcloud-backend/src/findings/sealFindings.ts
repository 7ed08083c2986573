import type { CheckMetadata } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { CheckResult } from '../checks';
import { searchTextOf, SEVERITY_RANK, type FindingRow } from './FindingsStore';
import type { CompleteRunContext, EvaluationResult } from './types';

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

const keyOf = (checkId: string, entityId: string) =>
  `${checkId}\u0000${entityId}`;

export type EntityRefResolver = (
  result: CheckResult,
  ctx: CompleteRunContext,
) => string | null;

export interface FindingChanges {
  opened: number;
  reopened: number;
  resolved: number;
  stillOpen: number;
}

/**
 * Opens, refreshes, reopens and resolves the findings of one connection from
 * a complete run's results. Only checks that ran may resolve findings, and
 * an `unknown` result never resolves one: missing data is not a fix.
 */
export async function upsertFindings(
  trx: Knex.Transaction,
  ctx: CompleteRunContext,
  evaluation: EvaluationResult,
  checks: Map<string, CheckMetadata>,
  resolveEntityRef: EntityRefResolver,
): Promise<FindingChanges> {
  const at = evaluation.evaluatedAt;
  const existing: Array<
    Pick<
      FindingRow,
      | 'id'
      | 'check_id'
      | 'entity_id'
      | 'status'
      | 'message'
      | 'evidence_json'
      | 'entity_name'
    >
  > = await trx('jc_findings')
    .where('connection_id', ctx.connectionId)
    .select(
      'id',
      'check_id',
      'entity_id',
      'status',
      'message',
      'evidence_json',
      'entity_name',
    );
  const byKey = new Map(
    existing.map(row => [keyOf(row.check_id, row.entity_id), row]),
  );
  // The last result's status per existing finding (not a map of every
  // result: a large org has millions, most of them passes with no finding).
  const resultStatusByRow = new Map<string, CheckResult['status']>();

  // New findings are inserted a batch at a time as they are met: a first
  // sync of a large org opens tens of thousands, each row a few kB.
  let inserts: FindingRow[] = [];
  const flushInserts = async () => {
    if (inserts.length > 0) await trx('jc_findings').insert(inserts);
    inserts = [];
  };
  const touched: string[] = [];
  const changes: FindingChanges = {
    opened: 0,
    reopened: 0,
    resolved: 0,
    stillOpen: 0,
  };
  for (const result of evaluation.results) {
    const row = byKey.get(keyOf(result.checkId, result.entityId));
    if (row) resultStatusByRow.set(row.id, result.status);
    if (result.status !== 'fail' && result.status !== 'excepted') continue;
    const meta = checks.get(result.checkId);
    const evidenceJson = JSON.stringify(result.evidence);
    if (!row) {
      changes.opened++;
      inserts.push({
        id: randomUUID(),
        connection_id: ctx.connectionId,
        connection_name: ctx.connectionName,
        check_id: result.checkId,
        check_title: meta?.title ?? result.checkId,
        severity: result.severity,
        severity_rank: SEVERITY_RANK[result.severity],
        entity_kind: result.entityKind,
        entity_id: result.entityId,
        entity_name: result.entityName,
        entity_ref: resolveEntityRef(result, ctx),
        status: 'open',
        first_seen_at: at,
        last_seen_at: at,
        resolved_at: null,
        reopened_at: null,
        last_run_id: ctx.runId,
        message: result.message,
        evidence_json: evidenceJson,
        frameworks_json: JSON.stringify(meta?.frameworks ?? {}),
        exception_id: null,
        excepted_until: null,
      });
      inserts[inserts.length - 1].search_text = searchTextOf(
        inserts[inserts.length - 1],
      );
      if (inserts.length >= 200) await flushInserts();
    } else if (row.status === 'resolved') {
      changes.reopened++;
      await trx('jc_findings')
        .where('id', row.id)
        .update({
          status: 'open',
          reopened_at: at,
          resolved_at: null,
          last_seen_at: at,
          last_run_id: ctx.runId,
          message: result.message,
          evidence_json: evidenceJson,
          entity_name: result.entityName,
          connection_name: ctx.connectionName,
          search_text: searchTextOf({
            ...row,
            entity_name: result.entityName,
            message: result.message,
            check_title: checks.get(result.checkId)?.title ?? result.checkId,
          }),
        });
    } else {
      changes.stillOpen++;
      if (
        row.message !== result.message ||
        row.evidence_json !== evidenceJson ||
        row.entity_name !== result.entityName
      ) {
        await trx('jc_findings')
          .where('id', row.id)
          .update({
            message: result.message,
            evidence_json: evidenceJson,
            entity_name: result.entityName,
            search_text: searchTextOf({
              ...row,
              entity_name: result.entityName,
              message: result.message,
              check_title: checks.get(result.checkId)?.title ?? result.checkId,
            }),
          });
      }
      touched.push(row.id);
    }
  }
  await flushInserts();
  for (const batch of chunks(touched)) {
    await trx('jc_findings').whereIn('id', batch).update({
      last_seen_at: at,
      last_run_id: ctx.runId,
      connection_name: ctx.connectionName,
    });
  }

  const evaluated = new Set(evaluation.evaluatedCheckIds);
  const toResolve = existing
    .filter(row => row.status === 'open' && evaluated.has(row.check_id))
    .filter(row => {
      const status = resultStatusByRow.get(row.id);
      return !status || status === 'pass' || status === 'not_applicable';
    })
    .map(row => row.id);
  changes.resolved = toResolve.length;
  for (const batch of chunks(toResolve)) {
    await trx('jc_findings').whereIn('id', batch).update({
      status: 'resolved',
      resolved_at: at,
      exception_id: null,
      excepted_until: null,
    });
  }
  return changes;
}
