import type { ActionZod } from './types';

/**
 * A finding as actions return it: what an agent needs to explain it, not
 * the evidence fields (the entity's raw JumpCloud values).
 */
export const findingOutputSchema = (
  z: ActionZod,
): ReturnType<ActionZod['object']> =>
  z.object({
    id: z.string(),
    checkId: z.string(),
    checkTitle: z.string(),
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
    status: z.enum(['open', 'resolved', 'excepted']),
    connectionId: z.string(),
    connectionName: z.string(),
    entityKind: z.string(),
    entityId: z.string(),
    entityName: z.string(),
    message: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    resolvedAt: z.string().nullable(),
    exceptionId: z.string().nullable(),
  });
