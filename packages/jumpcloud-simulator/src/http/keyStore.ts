import { randomBytes } from 'node:crypto';
import type { PlanFeature } from '../access/plan';
import type { AdminRole, Region } from '../types';

export interface KeyRecord {
  /** A label for counters and logs: never the key itself. */
  label: string;
  adminId: string;
  role: AdminRole;
  region: Region;
  orgIds: string[];
  /** Features of the organisation's plan (undefined: all); others answer 402. */
  plan?: readonly PlanFeature[];
  /** A custom role: route patterns it cannot read on top of `role`'s (403). */
  forbidden?: readonly string[];
}

/**
 * API keys → admins. One key per admin: regenerating an admin's key removes
 * the previous one, which then gets the unknown-key 401 like on JumpCloud.
 */
export class KeyStore {
  private keys = new Map<string, KeyRecord>();
  private initial = new Map<string, KeyRecord>();
  /** Keys that were revoked or rotated away, to recognise their later use. */
  private retired = new Map<string, KeyRecord>();

  add(key: string, record: KeyRecord): void {
    this.keys.set(key, record);
    this.initial.set(key, record);
  }

  get(key: string): KeyRecord | undefined {
    return this.keys.get(key);
  }

  /** Revokes a key; returns false when it was not active. */
  revoke(key: string): boolean {
    const record = this.keys.get(key);
    if (record) this.retired.set(key, record);
    return this.keys.delete(key);
  }

  /** The owner of a key that no longer works (revoked or rotated), if any. */
  retiredOwner(key: string): KeyRecord | undefined {
    return this.keys.has(key) ? undefined : this.retired.get(key);
  }

  /** Issues a new key for the admin owning `key` (or admin id); every older key of that admin stops working. */
  regenerate(keyOrAdminId: string): string | undefined {
    const record =
      this.keys.get(keyOrAdminId) ??
      [...this.keys.values()].find(r => r.adminId === keyOrAdminId);
    if (!record) return undefined;
    for (const [k, r] of this.keys)
      if (r.adminId === record.adminId) this.revoke(k);
    const fresh = `jca_${randomBytes(20).toString('hex')}`;
    this.keys.set(fresh, record);
    return fresh;
  }

  /** Back to the keys the simulator started with. */
  reset(): void {
    this.keys = new Map(this.initial);
    this.retired.clear();
  }

  labelOf(key: string | undefined): string {
    return (key && this.keys.get(key)?.label) || 'unknown';
  }
}
