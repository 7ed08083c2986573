import type { Knex } from 'knex';
import type { SealedRun } from '../findings/latestSealedRuns';
import type { FindingRow } from '../findings/findingRow';
import type { ResultKey } from '../findings/RunResults';
import type { EvaluationResult } from './types';

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** A finding the latest sealed run saw, once a run no longer sees it: last seen by that run. */
export function notSeenSince(previous: SealedRun | undefined) {
  return {
    seen_in_latest_run: false,
    ...(previous
      ? { last_seen_at: previous.at, last_run_id: previous.runId }
      : {}),
  };
}

/** The open findings to resolve, for runs that may resolve them. */
interface Resolution {
  trx: Knex.Transaction;
  connectionId: string;
  evaluation: EvaluationResult;
  /** Findings a result of the run keeps open (or that it opened). */
  keep: ReadonlySet<string>;
  previous: SealedRun | undefined;
}

/**
 * Every open finding of a check that ran and had no result keeping it is
 * resolved; read by id a page at a time (no evidence). Those opened or
 * reopened by the run are in `keep`, so this is the set of findings that
 * were open before the run, as it was. Returns how many were resolved.
 */
export async function resolveUnkeptFindings(
  resolution: Resolution,
  pageSize: number,
): Promise<number> {
  const { trx, connectionId } = resolution;
  let resolved = 0;
  let after: string | undefined;
  for (;;) {
    const query = trx('jc_findings')
      .where({ connection_id: connectionId, status: 'open' })
      .orderBy('id')
      .limit(pageSize)
      .select('id', 'check_id');
    if (after !== undefined) query.where('id', '>', after);
    const open: Array<Pick<FindingRow, 'id' | 'check_id'>> = await query;
    if (open.length === 0) break;
    after = open[open.length - 1].id;
    resolved += await resolveUnkept(resolution, open);
    if (open.length < pageSize) break;
  }
  return resolved;
}

/**
 * The open findings of some results only: those whose result, as of the
 * run's base, kept them open and has since passed or gone. Every other
 * open finding's result is the base's, which kept it open at the last seal
 * and keeps it open now.
 */
export async function resolveUnkeptAmong(
  resolution: Resolution,
  keys: ResultKey[],
): Promise<number> {
  const { trx, connectionId } = resolution;
  const evaluated = new Set(resolution.evaluation.evaluatedCheckIds);
  const byCheck = new Map<string, Set<string>>();
  for (const { checkId, entityId } of keys) {
    if (!evaluated.has(checkId)) continue;
    let entities = byCheck.get(checkId);
    if (!entities) byCheck.set(checkId, (entities = new Set()));
    entities.add(entityId);
  }
  let resolved = 0;
  for (const [checkId, entities] of byCheck)
    for (const batch of chunks([...entities])) {
      const open: Array<Pick<FindingRow, 'id' | 'check_id'>> = await trx(
        'jc_findings',
      )
        .where({
          connection_id: connectionId,
          check_id: checkId,
          status: 'open',
        })
        .whereIn('entity_id', batch)
        .select('id', 'check_id');
      resolved += await resolveUnkept(resolution, open);
    }
  return resolved;
}

/** Resolves those of `open` that a check that ran left without a result keeping them. */
async function resolveUnkept(
  { trx, evaluation, keep, previous }: Resolution,
  open: Array<Pick<FindingRow, 'id' | 'check_id'>>,
): Promise<number> {
  const evaluated = new Set(evaluation.evaluatedCheckIds);
  const toResolve = open
    .filter(row => evaluated.has(row.check_id) && !keep.has(row.id))
    .map(row => row.id);
  // Last seen by the previous run, if that run saw it.
  const since = (column: string, value: string | undefined) =>
    value === undefined
      ? trx.ref(column)
      : trx.raw(`CASE WHEN seen_in_latest_run THEN ? ELSE ?? END`, [
          value,
          column,
        ]);
  for (const batch of chunks(toResolve)) {
    await trx('jc_findings')
      .whereIn('id', batch)
      .update({
        status: 'resolved',
        resolved_at: evaluation.evaluatedAt,
        exception_id: null,
        excepted_until: null,
        seen_in_latest_run: false,
        last_seen_at: since('last_seen_at', previous?.at),
        last_run_id: since('last_run_id', previous?.runId),
      });
  }
  return toResolve.length;
}
