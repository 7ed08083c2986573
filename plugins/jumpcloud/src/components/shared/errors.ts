import { ResponseError } from '@backstage/errors';

/** Field errors of a 400 (`error.fields`: path → message), if any. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof ResponseError) {
    const fields = (error.body?.error as { fields?: unknown } | undefined)
      ?.fields;
    if (fields && typeof fields === 'object') {
      return fields as Record<string, string>;
    }
  }
  return {};
}

/** The backend's own message rather than the generic "Request failed". */
export function messageOf(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Resolves to null when the backend answers 404 (nothing recorded yet). */
export async function nullIfNotFound<T>(
  promise: Promise<T>,
): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 404) return null;
    throw error;
  }
}
