import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses request input, turning zod issues into a 400 whose body carries
 * `error.fields` (path → message). Values are never echoed: a rejected API
 * key must not come back in an error body.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) {
    return result.data;
  }
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : where;
    fields[path] ??=
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.map(k => k.slice(0, 40)).join(', ')}`
        : issue.message;
  }
  const summary = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  const error = new InputError(`Invalid request ${where}: ${summary}`);
  (error as InputError & { fields?: Record<string, string> }).fields = fields;
  throw error;
}

// Ids are uuids, config ids (cfg-…) or JumpCloud ids: anything else cannot
// exist, and rejecting it early keeps odd bytes away from the database.
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'is not a valid id');

/** Free-text search: printable, bounded. */
export const searchSchema = z
  .string()
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** `?limit&offset&order&q` shared by list routes; `sort` per route. */
export function listQuerySchema<S extends [string, ...string[]]>(
  sorts: S,
  maxLimit = 500,
) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    sort: z.enum(sorts).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    q: searchSchema.optional(),
  });
}

/** A 400 for one field, with the same `error.fields` body as parseInput. */
export function fieldError(field: string, message: string): InputError {
  const error = new InputError(`${field} ${message}`);
  (error as InputError & { fields?: Record<string, string> }).fields = {
    [field]: message,
  };
  return error;
}
