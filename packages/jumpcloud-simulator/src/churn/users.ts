import { generateUsers } from '../data/generateUsers';
import type { OrgIndex } from '../data/orgIndex';
import { iso, Random } from '../data/random';

/**
 * One step of people joining and leaving: `created` new users (newest ids,
 * so they sort last by `_id`) and `deleted` existing ones removed, their
 * graph edges left dangling as JumpCloud leaves them. The org's user array
 * is replaced, so cached sort orders see the change.
 */
export function churnUsers(
  org: OrgIndex,
  seed: number,
  nowMs: number,
  step: number,
  created: number,
  deleted: number,
): void {
  const data = org.data;
  const r = Random.derive(seed, `churn:users:${data.id}:${step}`);
  const domain =
    String(data.users[0]?.email ?? '').split('@')[1] || 'new-hires.example';
  const fresh = generateUsers(r, data.id, domain, created, nowMs).map(
    (u, i) => {
      const createdMs = nowMs + step * 1000 + i;
      const id = r.objectId(createdMs);
      const username = `${u.username as string}.n${step}`;
      return {
        ...u,
        _id: id,
        id,
        username,
        email: `${username}@${domain}`,
        created: iso(createdMs),
      };
    },
  );
  const leaving = new Set(
    r.sample(data.users, Math.min(deleted, data.users.length)).map(u => u._id),
  );
  data.users = [...data.users.filter(u => !leaving.has(u._id)), ...fresh];
  for (const id of leaving) org.userById.delete(id as string);
  for (const u of fresh) org.userById.set(u._id, u);
}
