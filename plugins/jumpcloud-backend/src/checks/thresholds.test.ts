import { ConfigReader } from '@backstage/config';
import { defaultCheckThresholds, readCheckThresholds } from './thresholds';

describe('readCheckThresholds', () => {
  it('uses the defaults without configuration', () => {
    expect(readCheckThresholds(new ConfigReader({}))).toEqual(
      defaultCheckThresholds,
    );
    expect(defaultCheckThresholds).toMatchObject({
      staleDays: 30,
      screenLockSeconds: 900,
      disabled: [],
    });
  });

  it('reads overrides from jumpcloud.checks', () => {
    const config = new ConfigReader({
      jumpcloud: {
        checks: {
          staleDays: 14,
          disabled: ['DEV-09'],
          osBaselines: { macos: '15.0' },
          edrAllowList: ['Acme EDR'],
        },
      },
    });
    expect(readCheckThresholds(config)).toMatchObject({
      staleDays: 14,
      disabled: ['DEV-09'],
      osBaselines: { macos: '15.0' },
      edrAllowList: ['Acme EDR'],
      screenLockSeconds: 900,
    });
  });

  it('stops with a message naming the bad key', () => {
    const config = new ConfigReader({
      jumpcloud: {
        checks: { staleDays: -1, osBaselines: { macos: 'latest' } },
      },
    });
    expect(() => readCheckThresholds(config)).toThrow(
      /jumpcloud\.checks\.staleDays.*jumpcloud\.checks\.osBaselines\.macos/,
    );
  });
});
