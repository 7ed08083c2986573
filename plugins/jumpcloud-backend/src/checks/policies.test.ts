import { policySucceeded } from './policies';

// policystatuses documents `state` as "Success, failed, or pending": agents
// have been seen sending it in either case, and older ones only `success`.
describe('policySucceeded', () => {
  const result = (fields: { success?: boolean; state?: string }) => ({
    id: 'r1',
    policyID: 'p1',
    systemID: 's1',
    ...fields,
  });

  it.each(['Success', 'success', 'SUCCESS'])(
    'reads state %s as success',
    state => {
      expect(policySucceeded(result({ state }))).toBe(true);
    },
  );

  it('reads success: true without a state', () => {
    expect(policySucceeded(result({ success: true }))).toBe(true);
  });

  it.each(['failed', 'Failed', 'pending'])(
    'reads state %s as not succeeded',
    state => {
      expect(policySucceeded(result({ success: false, state }))).toBe(false);
    },
  );

  it('reads a result with neither field as not succeeded', () => {
    expect(policySucceeded(result({}))).toBe(false);
  });
});
