import { ConfigReader } from '@backstage/config';
import type { JcDirectoryEvent } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAgo } from '../__fixtures__/snapshot';
import { defaultCheckThresholds, readCheckThresholds } from '../thresholds';

// USR-04 over what a sync really holds: Directory Insights events of the
// last jumpcloud.sync.directoryInsightsDays (default 90, JumpCloud's
// retention), so the oldest event is at most ~90 days old.

const login = (id: string, days: number): JcDirectoryEvent => ({
  id,
  event_type: 'sso_auth',
  service: 'sso',
  timestamp: daysAgo(days),
  success: true,
  initiated_by: { id: 'u1', type: 'user', username: 'alice' },
});
/** 89 days of events, as a 90-day read of a busy org returns. */
const eventsBack89Days = (): JcDirectoryEvent[] => [
  {
    id: 'old',
    event_type: 'admin_login_attempt',
    service: 'directory',
    timestamp: daysAgo(89),
    success: true,
    initiated_by: { id: 'a1', type: 'admin', email: 'root@example.com' },
  },
];

describe('USR-04 with a window the events read can cover', () => {
  it('uses a default window shorter than the 90 days of events a sync reads', () => {
    expect(defaultCheckThresholds.dormantDays).toBeLessThan(90);
  });

  it('fails a user dormant past the window, saying which window was read', () => {
    const result = evaluateCheck('USR-04', s => {
      s.directoryEvents = [...eventsBack89Days(), login('l1', 60)];
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'No login in the last 45 days of Directory Insights events',
    );
    expect(result.evidence).toEqual({
      windowDays: 45,
      lastLogin: daysAgo(60),
    });
  });

  it('fails a user with no login at all in 89 days of events', () => {
    const result = evaluateCheck('USR-04', s => {
      s.directoryEvents = eventsBack89Days();
    });
    expect(result.status).toBe('fail');
  });

  it('passes a user who logged in inside the window', () => {
    const result = evaluateCheck('USR-04', s => {
      s.directoryEvents = [...eventsBack89Days(), login('l1', 30)];
    });
    expect(result.status).toBe('pass');
    expect(result.message).toBe(
      'Last login on 2026-10-24, within the 45-day window',
    );
  });

  it('is unknown when the events held cover less than the window', () => {
    const short = evaluateCheck('USR-04', s => {
      s.directoryEvents = [
        { ...eventsBack89Days()[0], timestamp: daysAgo(20) },
      ];
    });
    expect(short.status).toBe('unknown');
    expect(short.message).toContain('less than the 45-day dormancy window');
  });

  it('gives the same result while the window read slides within a day', () => {
    // Each sync reads from a fixed span before its start, so the oldest
    // event held moves by minutes between syncs: results built on it must
    // not, or every user's result would change at every sync.
    const slidBy = (hours: number) =>
      new Date(Date.parse(daysAgo(89)) + hours * 3_600_000).toISOString();
    const evaluated = (hours: number) =>
      ['USR-04', 'DEV-07', 'GRP-03', 'ORG-09'].map(checkId =>
        evaluateCheck(checkId, s => {
          s.directoryEvents = [
            { ...eventsBack89Days()[0], timestamp: slidBy(hours) },
            login('l1', 60),
          ];
        }),
      );
    const earlier = evaluated(0);
    expect(evaluated(0.1)).toEqual(earlier);
    expect(evaluated(11.5)).toEqual(earlier);
    // The next day the window read starts a day later: a dormant user's
    // result names no figure that moves with it.
    expect(evaluated(12.5)[0]).toEqual(earlier[0]);
    expect(earlier[0].status).toBe('fail');
  });

  it('refuses a window the events a sync reads cannot cover', () => {
    const config = (checks: object, sync: object = {}) =>
      new ConfigReader({ jumpcloud: { checks, sync } });
    expect(() => readCheckThresholds(config({ dormantDays: 90 }))).toThrow(
      /dormantDays \(90\) must be shorter than the 90 days/,
    );
    expect(() =>
      readCheckThresholds(config({}, { directoryInsightsDays: 30 })),
    ).toThrow(/dormantDays \(45\).*directoryInsightsDays/);
    expect(
      readCheckThresholds(
        config({ dormantDays: 20 }, { directoryInsightsDays: 30 }),
      ).dormantDays,
    ).toBe(20);
  });
});
