import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';
import type { Entity } from '@backstage/catalog-model';

/** A digest of the entity that ignores key order: equal entities, equal hash. */
export function entityHash(entity: Entity): string {
  return createHash('sha1')
    .update(stableStringify(entity) ?? '')
    .digest('hex');
}
