import {
  frameworkControls,
  overallStatusOf,
  totalCounts,
  type CheckConnectionCounts,
} from './checkSummary';

const counts = (
  partial: Partial<CheckConnectionCounts>,
): CheckConnectionCounts => ({
  connectionId: 'c1',
  pass: 0,
  fail: 0,
  unknown: 0,
  notApplicable: 0,
  excepted: 0,
  topUnknownReason: null,
  ...partial,
});

describe('overallStatusOf', () => {
  it('takes the worst result across connections', () => {
    const connections = [
      counts({ pass: 10 }),
      counts({ connectionId: 'c2', pass: 3, unknown: 1 }),
    ];
    expect(overallStatusOf({ enabled: true, connections })).toBe('unknown');
    expect(
      overallStatusOf({
        enabled: true,
        connections: [...connections, counts({ fail: 1 })],
      }),
    ).toBe('failing');
    expect(
      overallStatusOf({ enabled: true, connections: [counts({ pass: 2 })] }),
    ).toBe('passing');
  });

  it('tells a switched-off check and one without results apart', () => {
    expect(
      overallStatusOf({ enabled: false, connections: [counts({ fail: 1 })] }),
    ).toBe('disabled');
    expect(overallStatusOf({ enabled: true, connections: [] })).toBe(
      'not_evaluated',
    );
    expect(
      overallStatusOf({
        enabled: true,
        connections: [counts({ notApplicable: 4 })],
      }),
    ).toBe('not_applicable');
  });

  it('sums the counts', () => {
    expect(
      totalCounts([counts({ pass: 1, excepted: 2 }), counts({ pass: 3 })]),
    ).toEqual({ pass: 4, fail: 0, unknown: 0, notApplicable: 0, excepted: 2 });
  });
});

describe('frameworkControls', () => {
  const none = { soc2: [], iso27001: [], cis: [], nist: [] };
  it('lists each control once, in natural order, with its checks', () => {
    const controls = frameworkControls(
      [
        { id: 'DEV-01', frameworks: { ...none, soc2: ['CC6.10', 'CC6.1'] } },
        { id: 'USR-01', frameworks: { ...none, soc2: ['CC6.1', 'CC6.2'] } },
        { id: 'ORG-01', frameworks: { ...none, cis: ['5.2'] } },
      ],
      'soc2',
    );
    expect(controls).toEqual([
      { framework: 'soc2', control: 'CC6.1', checkIds: ['DEV-01', 'USR-01'] },
      { framework: 'soc2', control: 'CC6.2', checkIds: ['USR-01'] },
      { framework: 'soc2', control: 'CC6.10', checkIds: ['DEV-01'] },
    ]);
  });
});
