import {
  frequencyProblem,
  parseFrequencyString,
  toSchedulerFrequency,
} from './syncFrequency';

describe('sync frequency', () => {
  it('parses config strings', () => {
    expect(parseFrequencyString('hourly')).toBe('hourly');
    expect(parseFrequencyString('pt30m')).toEqual({ duration: 'PT30M' });
    expect(parseFrequencyString('0 3 * * *')).toEqual({ cron: '0 3 * * *' });
  });

  it('validates durations and cron expressions', () => {
    expect(frequencyProblem({ duration: 'PT1H' })).toBeUndefined();
    expect(frequencyProblem({ duration: 'PT1M' })).toMatch(
      /at least 5 minutes/,
    );
    expect(frequencyProblem({ duration: 'soon' })).toMatch(/ISO 8601/);
    expect(frequencyProblem({ cron: '*/15 * * * *' })).toBeUndefined();
    expect(frequencyProblem({ cron: 'every day' })).toMatch(/cron/);
  });

  it('maps to scheduler cadences; off is manual only', () => {
    expect(toSchedulerFrequency('off')).toEqual({ trigger: 'manual' });
    expect(toSchedulerFrequency('every-6-hours')).toEqual({ hours: 6 });
    expect(toSchedulerFrequency({ duration: 'PT45M' })).toEqual({
      minutes: 45,
    });
    expect(toSchedulerFrequency({ cron: '0 * * * *' })).toEqual({
      cron: '0 * * * *',
    });
  });
});
