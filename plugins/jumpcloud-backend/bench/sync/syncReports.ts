// Runs syncProcess.ts in a child process and hands back its report of each
// sync as it arrives.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { nextMessage } from '@backstage-jumpcloud/test-utils/simulator';
import type { SyncReport, SyncRequest } from './syncProcess';

/**
 * The reports of the request's syncs, in order. `execArgv` adds Node flags
 * to the sync process (--expose-gc is always on: it collects before its
 * baseline).
 */
export async function* syncReports(
  request: SyncRequest,
  execArgv: string[] = [],
): AsyncGenerator<SyncReport> {
  const child = fork(
    path.join(__dirname, 'syncProcess.ts'),
    [JSON.stringify(request)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, '--expose-gc', ...execArgv],
    },
  );
  // Listened for from the start, lest one arrive while the caller is busy
  // with the previous: the first sync's report is 'report', the later ones
  // 'report2', 'report3' … (a message and an exit listener each).
  child.setMaxListeners(2 * request.runs + 10);
  const pending = Array.from({ length: request.runs }, (_, i) =>
    nextMessage<{ report: SyncReport }>(
      child,
      i === 0 ? 'report' : `report${i + 1}`,
    ),
  );
  // A crash rejects every pending report; the one awaited says so, the
  // others must not be unhandled rejections meanwhile.
  pending.forEach(p => p.catch(() => {}));
  let allReported = false;
  try {
    for (const next of pending) yield (await next).report;
    allReported = true;
  } finally {
    // Waits for it to close its database connections (a PostgreSQL database
    // in use cannot be dropped); stops it when the caller gave up early.
    if (!allReported) child.kill();
    if (child.exitCode === null && child.signalCode === null)
      await once(child, 'exit');
  }
}
