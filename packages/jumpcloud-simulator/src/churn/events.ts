import type { OrgIndex } from '../data/orgIndex';
import { iso, Random } from '../data/random';
import type { JsonObject } from '../types';

/**
 * Directory Insights events arriving while a client pages: `count` new
 * events per org with timestamps inside the queried window (within
 * retention). Some land before a client's `search_after` cursor and are
 * never seen by that read, as late events are (Elastic's integration lags
 * its end time for this, jumpcloud-api.md §2.9); the others appear on later
 * pages. Copies of the org's own events with new ids keep them realistic.
 */
export function arriveEvents(
  org: OrgIndex,
  seed: number,
  step: number,
  count: number,
  window: { fromMs: number; toMs: number },
): void {
  const events = org.data.events;
  if (events.length === 0) return;
  const r = Random.derive(seed, `churn:events:${org.data.id}:${step}`);
  const span = Math.max(0, window.toMs - window.fromMs);
  for (let i = 0; i < count; i++) {
    const template = r.pick(events);
    const ms = window.fromMs + Math.floor(r.next() * span);
    const event: JsonObject = {
      ...template,
      id: r.hex(24),
      timestamp: iso(ms),
    };
    // Events stay ascending by timestamp.
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Date.parse(events[mid].timestamp as string) <= ms) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, event);
  }
}
