import type { EvidenceManifest } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { canonicalJson, sha256Hex } from './canonical';

/** The populations every sealed run stores, in export order. */
export const POPULATIONS = [
  'devices',
  'users',
  'admins',
  'groups',
  'results',
  'findings',
  'exceptions',
] as const;
export type PopulationName = (typeof POPULATIONS)[number];

/** sha256 of the canonical manifest without its own hash: what chains runs together. */
export function manifestHash(manifest: Omit<EvidenceManifest, 'hash'>): string {
  return sha256Hex(canonicalJson(manifest));
}
