import { createHash } from 'node:crypto';
import { COLLISION_SUFFIX_LENGTH, MAX_ENTITY_NAME_LENGTH } from './constants';

/**
 * Turns any text into a valid catalog name: runs of `[a-z0-9]` joined by single
 * `-`, `_` or `.`, at most 63 characters. Lower-cased, because the catalog
 * compares names case-insensitively and a rename of case alone would otherwise
 * look like a different entity. Returns undefined when nothing usable is left.
 */
export function sanitizeEntityName(
  raw: string | null | undefined,
  maxLength = MAX_ENTITY_NAME_LENGTH,
): string | undefined {
  if (!raw) {
    return undefined;
  }
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, match => match[0])
    .replace(/^[-_.]+/, '');
  const capped = cleaned.slice(0, maxLength).replace(/[-_.]+$/, '');
  return capped.length > 0 ? capped : undefined;
}

/** A short, stable hex digest of the given parts. */
export function shortHash(parts: string[], length = COLLISION_SUFFIX_LENGTH) {
  return createHash('sha256')
    .update(parts.join('\u0000'))
    .digest('hex')
    .slice(0, length);
}

/** `base` shortened so that `base-suffix` fits the name limit. */
export function suffixedName(base: string, suffix: string): string {
  const room = MAX_ENTITY_NAME_LENGTH - suffix.length - 1;
  const head = base.slice(0, room).replace(/[-_.]+$/, '');
  return head ? `${head}-${suffix}` : suffix;
}
