// The replicas benchmark's figures, computed from the runs as stored, and
// its RESULT lines.
import { readFileSync } from 'node:fs';

export interface RunRow {
  id: string;
  connection_id: string;
  status: string;
  claimed_by: string | null;
  started_at: string;
  finished_at: string | null;
  error_json: string | null;
  requests: number;
}

const time = (iso: string) => new Date(iso).getTime();

/** From the first run's start to the last first-sync's end, in seconds. */
export function roundSeconds(runs: RunRow[]): number {
  const firstSyncEnd = new Map<string, number>();
  for (const run of runs) {
    if (run.status !== 'succeeded' && run.status !== 'partial') continue;
    const end = time(run.finished_at!);
    const known = firstSyncEnd.get(run.connection_id);
    if (known === undefined || end < known)
      firstSyncEnd.set(run.connection_id, end);
  }
  const start = Math.min(...runs.map(r => time(r.started_at)));
  return (Math.max(...firstSyncEnd.values()) - start) / 1000;
}

/**
 * Where a round's time goes: the mean sync's wall time against its floor
 * (its requests at the client's rate); the gap is waiting for this
 * machine's cores.
 */
export function meanRun(runs: RunRow[], requestsPerSecond: number) {
  const synced = runs.filter(
    r => r.status === 'succeeded' || r.status === 'partial',
  );
  const mean = (values: number[]) =>
    values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    wallSeconds: mean(
      synced.map(r => (time(r.finished_at!) - time(r.started_at)) / 1000),
    ),
    floorSeconds: mean(synced.map(r => r.requests / requestsPerSecond)),
  };
}

/** Pairs of runs of one connection whose spans overlap. */
export function overlappingRuns(runs: RunRow[]): number {
  const byConnection = new Map<string, RunRow[]>();
  for (const run of runs) {
    const list = byConnection.get(run.connection_id) ?? [];
    list.push(run);
    byConnection.set(run.connection_id, list);
  }
  let overlaps = 0;
  for (const list of byConnection.values()) {
    list.sort((a, b) => time(a.started_at) - time(b.started_at));
    for (let i = 1; i < list.length; i++) {
      const previousEnd = list[i - 1].finished_at
        ? time(list[i - 1].finished_at!)
        : Infinity;
      if (time(list[i].started_at) < previousEnd) overlaps++;
    }
  }
  return overlaps;
}

/**
 * What became of the killed replica's running runs, and when the survivor
 * had synced each of their connections.
 */
export function takeover(
  runs: RunRow[],
  killed: { at: number; runs: RunRow[] },
  survivor: string,
) {
  const lines: string[] = [];
  let closedWithReason = 0;
  let closedAfterSeconds = 0;
  let takenOverSeconds = 0;
  for (const victim of killed.runs) {
    const closed = runs.find(r => r.id === victim.id)!;
    const reason = closed.error_json
      ? (JSON.parse(closed.error_json) as { message?: string }).message
      : undefined;
    if (closed.status === 'failed' && reason) closedWithReason++;
    const closedAfter = closed.finished_at
      ? (time(closed.finished_at) - killed.at) / 1000
      : NaN;
    closedAfterSeconds = Math.max(closedAfterSeconds, closedAfter);
    const next = runs
      .filter(
        r =>
          r.connection_id === victim.connection_id &&
          r.claimed_by === survivor &&
          (r.status === 'succeeded' || r.status === 'partial') &&
          time(r.started_at) >= killed.at,
      )
      .sort((a, b) => time(a.finished_at!) - time(b.finished_at!))[0];
    const syncedAfter = next
      ? (time(next.finished_at!) - killed.at) / 1000
      : Infinity;
    takenOverSeconds = Math.max(takenOverSeconds, syncedAfter);
    lines.push(
      `killed run ${victim.id}: ${closed.status} after ${closedAfter.toFixed(
        1,
      )} s ("${reason}"); its connection synced by ${survivor} ${syncedAfter.toFixed(
        1,
      )} s after the kill`,
    );
  }
  return { lines, closedWithReason, closedAfterSeconds, takenOverSeconds };
}

/** A machine-readable line for scripts/bench-all.mjs's summary table. */
export function result(
  name: string,
  target: string,
  measured: string,
  met: boolean,
) {
  const line = { name: `replicas: ${name}`, target, measured, met };
  process.stdout.write(`RESULT ${JSON.stringify(line)}\n`);
}

/** Runs per replica and the RESULT line of the less busy one's share. */
export function reportShares(runs: RunRow[], names: string[], target: number) {
  const counted = runs.filter(r => r.claimed_by);
  const shares = names.map(name => {
    const n = counted.filter(r => r.claimed_by === name).length;
    return { name, n, share: n / counted.length };
  });
  for (const { name, n, share } of shares)
    process.stdout.write(
      `  ${name}: ${n} runs (${(share * 100).toFixed(0)}%)\n`,
    );
  const least = Math.min(...shares.map(s => s.share));
  result(
    'share of the runs of the less busy of two replicas',
    `≥ ${target * 100}%`,
    `${(least * 100).toFixed(0)}% (${shares
      .map(s => `${s.name} ${s.n}`)
      .join(', ')})`,
    least >= target,
  );
}

/** CPU seconds a process has used so far (Linux), NaN elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // utime and stime, in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
