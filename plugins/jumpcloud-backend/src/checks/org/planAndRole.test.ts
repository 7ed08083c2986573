import type { RunCoverage } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { SNAPSHOT_DATA_TYPES } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { partitionByCoverage } from '../coverage';
import { builtInChecks } from '../registry';

// What an organisation without a feature gets: JumpCloud answers 402 for a
// feature outside the plan (Directory Insights, Conditional Access) and 403
// for a route the key's role cannot read (administrators). The run then
// leaves every USR/ORG/GRP check reading that data unevaluated, with the
// reason, instead of failing it.

const OWN = /^(USR|ORG|GRP)-/;

/** A run that read everything but one data type, which ended in `state`. */
function coverageWithout(
  type: string,
  state: 'not_in_plan' | 'not_permitted',
): RunCoverage {
  const coverage: RunCoverage = {};
  for (const t of SNAPSHOT_DATA_TYPES) coverage[t] = { state: 'complete' };
  coverage[type] = { state };
  return coverage;
}
const unevaluated = (type: string, state: 'not_in_plan' | 'not_permitted') =>
  partitionByCoverage(
    builtInChecks.filter(c => OWN.test(c.id)),
    coverageWithout(type, state),
  ).unevaluated;

describe('user, organisation and group checks without a feature or a permission', () => {
  it('leave the Directory Insights checks unevaluated when it is outside the plan', () => {
    const result = unevaluated('directoryEvents', 'not_in_plan');
    expect(result.map(u => u.checkId)).toEqual(['USR-04', 'GRP-03', 'ORG-09']);
    expect(result[0].reason).toMatch(
      /not included in this organisation's plan/,
    );
  });

  it('leave ORG-07 alone unevaluated without Conditional Access', () => {
    const result = unevaluated('authnPolicies', 'not_in_plan');
    expect(result).toEqual([
      {
        checkId: 'ORG-07',
        missing: ['authnPolicies'],
        reason: expect.stringMatching(
          /not included in this organisation's plan/,
        ),
      },
    ]);
  });

  it('leave the administrator checks unevaluated when the role cannot read admins', () => {
    const result = unevaluated('admins', 'not_permitted');
    expect(result.map(u => u.checkId)).toEqual(['USR-05', 'USR-13', 'USR-14']);
    expect(result[0].reason).toMatch(/not permitted to read/);
  });

  it('leave ORG-08 alone unevaluated without Apple MDM', () => {
    expect(
      unevaluated('appleMdms', 'not_permitted').map(u => u.checkId),
    ).toEqual(['ORG-08']);
  });

  it('leave the settings checks unevaluated when the organisation cannot be read', () => {
    expect(
      unevaluated('organization', 'not_permitted').map(u => u.checkId),
    ).toEqual([
      'USR-07',
      'ORG-01',
      'ORG-02',
      'ORG-03',
      'ORG-04',
      'ORG-05',
      'ORG-06',
      'ORG-09',
    ]);
  });
});
