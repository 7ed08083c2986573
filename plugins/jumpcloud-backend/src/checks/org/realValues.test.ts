import type { JcAppleMdm } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { evaluateCheck } from '../__fixtures__/evaluate';
import { daysAhead } from '../__fixtures__/snapshot';

// ORG-08 over v2 /applemdms as JumpCloud returns it: depServerTokenState is
// one of unknown, missing, valid, expired; without Automated Device
// Enrollment it is `missing` and depAccessTokenExpiry is absent.

const mdm = (fields: Partial<JcAppleMdm>): JcAppleMdm => ({
  id: 'm1',
  name: 'Apple MDM',
  apnsPushTopic: 'com.apple.mgmt.External.0b7d',
  apnsCertExpiry: daysAhead(200),
  ...fields,
});

describe('ORG-08 reads depServerTokenState as documented', () => {
  it('does not fail an org without ADE (missing, no token expiry)', () => {
    const result = evaluateCheck('ORG-08', s => {
      s.appleMdms = [mdm({ depServerTokenState: 'missing' })];
    });
    expect(result.status).toBe('pass');
    expect(result.message).toContain(
      'no Automated Device Enrollment on Apple MDM (not applicable)',
    );
  });

  it('still fails an org without ADE whose APNs certificate expires soon', () => {
    const result = evaluateCheck('ORG-08', s => {
      s.appleMdms = [
        mdm({ depServerTokenState: 'missing', apnsCertExpiry: daysAhead(10) }),
      ];
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'Apple MDM: APNs certificate expires on 2026-12-03',
    );
  });

  it('fails an expired ADE token', () => {
    const result = evaluateCheck('ORG-08', s => {
      s.appleMdms = [
        mdm({
          depServerTokenState: 'expired',
          depAccessTokenExpiry: daysAhead(-3),
        }),
      ];
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('Apple MDM: ADE token expired');
  });

  it('fails a valid ADE token that expires inside the warning window', () => {
    const result = evaluateCheck('ORG-08', s => {
      s.appleMdms = [
        mdm({
          depServerTokenState: 'valid',
          depAccessTokenExpiry: daysAhead(12),
        }),
      ];
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('Apple MDM: ADE token expires on 2026-12-05');
  });

  it('is unknown when JumpCloud reports the token state as unknown', () => {
    const result = evaluateCheck('ORG-08', s => {
      s.appleMdms = [
        mdm({ depServerTokenState: 'missing' }),
        mdm({
          id: 'm2',
          name: 'Apple MDM (Education)',
          depServerTokenState: 'unknown',
          depAccessTokenExpiry: daysAhead(250),
        }),
      ];
    });
    expect(result.status).toBe('unknown');
    expect(result.message).toBe(
      'Apple MDM (Education): ADE token state unknown',
    );
  });
});
