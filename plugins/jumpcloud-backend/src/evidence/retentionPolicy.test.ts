import { ConfigReader } from '@backstage/config';
import { DateTime, Duration } from 'luxon';
import {
  DEFAULT_EVIDENCE_RETENTION,
  keptRunCount,
  readEvidenceRetention,
  runsToKeep,
} from './retentionPolicy';

const withRetention = (retention: unknown) =>
  new ConfigReader({ jumpcloud: { evidence: { retention } } } as any);

describe('readEvidenceRetention', () => {
  it('defaults to every run for 30 days, one a day for a year, one a month forever', () => {
    const policy = readEvidenceRetention(new ConfigReader({}));
    expect(policy).toMatchObject({
      enabled: true,
      keepAllDays: 30,
      keepDailyDays: 365,
      keepMonthlyMonths: null,
    });
    expect(policy.frequency.as('hours')).toBe(6);
  });

  it('reads a policy with monthly runs kept for a number of months', () => {
    expect(
      readEvidenceRetention(
        withRetention({
          keepAllDays: 7,
          keepDailyDays: 400,
          keepMonthly: 84,
          frequency: 'PT1H',
        }),
      ),
    ).toMatchObject({
      keepAllDays: 7,
      keepDailyDays: 400,
      keepMonthlyMonths: 84,
    });
    expect(
      readEvidenceRetention(withRetention({ keepMonthly: false }))
        .keepMonthlyMonths,
    ).toBe(0);
  });

  it.each([
    [{ keepAllDays: 0 }, /keepAllDays must be a whole number of at least 1/],
    [{ keepAllDays: 2.5 }, /keepAllDays must be a whole number/],
    [
      { keepAllDays: 60, keepDailyDays: 30 },
      /keepDailyDays \(30\) must be at least keepAllDays \(60\)/,
    ],
    [
      { keepMonthly: 0 },
      /keepMonthly must be true .* or a whole number of months/,
    ],
    [{ keepMonthly: 'yes' }, /keepMonthly must be true/],
    [{ frequency: 'hourly' }, /frequency must be an ISO 8601 duration/],
  ])(
    'fails start-up on %j with a message naming the key',
    (retention, message) => {
      expect(() => readEvidenceRetention(withRetention(retention))).toThrow(
        message,
      );
    },
  );
});

describe('runsToKeep', () => {
  const now = DateTime.fromISO('2026-12-08T00:00:00Z', { zone: 'utc' });

  it('keeps the newest run of a UTC day once past keepAllDays', () => {
    const runs = [
      { runId: 'early', sealedAt: '2026-10-01T00:30:00.000Z' },
      { runId: 'late', sealedAt: '2026-10-01T23:30:00.000Z' },
      { runId: 'newest', sealedAt: '2026-12-01T00:00:00.000Z' },
    ];
    expect(
      [...runsToKeep(runs, DEFAULT_EVIDENCE_RETENTION, now)].sort(),
    ).toEqual(['late', 'newest']);
  });

  it('projects every hourly run for 30 days and one a day for the rest of a year', () => {
    const kept = keptRunCount(
      DEFAULT_EVIDENCE_RETENTION,
      Duration.fromObject({ hours: 1 }),
      Duration.fromObject({ days: 365 }),
      now,
    );
    // 30 days of hourly runs and the one at `now` itself, then the
    // newest of each of the year's other 335 days.
    expect(kept).toBe(30 * 24 + 1 + 335);
  });
});
