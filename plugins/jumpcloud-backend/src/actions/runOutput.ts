import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { ActionZod } from './types';

/** A sync run as actions return it (what the History tab shows of it). */
export const runOutputSchema = (
  z: ActionZod,
): ReturnType<ActionZod['object']> =>
  z.object({
    id: z.string(),
    connectionId: z.string(),
    status: z.enum(['running', 'succeeded', 'partial', 'failed']),
    trigger: z.object({ type: z.string(), by: z.string().optional() }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    stage: z.string().nullable(),
    counts: z.record(z.number()),
    /** Data types that could not be read: their error messages. */
    failedDataTypes: z.record(z.string()),
    error: z.string().nullable(),
  });

/** The run with error details reduced to their messages. */
export function toRunOutput(run: SyncRun) {
  return {
    ...run,
    failedDataTypes: Object.fromEntries(
      Object.entries(run.failedDataTypes).map(([type, e]) => [type, e.message]),
    ),
    error: run.error?.message ?? null,
  };
}
