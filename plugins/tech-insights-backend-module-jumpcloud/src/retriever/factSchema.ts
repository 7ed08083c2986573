import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';

/**
 * The facts the JumpCloud retriever publishes. A fact is left out (not
 * null) where it does not apply or JumpCloud did not say: write checks
 * for devices with the device facts, for users with the user facts.
 *
 * @public
 */
export const jumpcloudFactSchema: FactSchema = {
  jumpcloudDiskEncrypted: {
    type: 'boolean',
    description:
      'Devices: full-disk encryption is on (FileVault, BitLocker, LUKS), as the JumpCloud agent reports it',
  },
  jumpcloudMfaEnrolled: {
    type: 'boolean',
    description: 'Users: enrolled in JumpCloud MFA (TOTP or JumpCloud Protect)',
  },
  jumpcloudLastContact: {
    type: 'datetime',
    description: 'Devices: when the JumpCloud agent last contacted JumpCloud',
  },
  jumpcloudFailingCritical: {
    type: 'integer',
    description: 'JumpCloud checks of critical severity failing now',
  },
  jumpcloudFailingHigh: {
    type: 'integer',
    description: 'JumpCloud checks of high severity failing now',
  },
  jumpcloudFailingMedium: {
    type: 'integer',
    description: 'JumpCloud checks of medium severity failing now',
  },
  jumpcloudFailingLow: {
    type: 'integer',
    description: 'JumpCloud checks of low severity failing now',
  },
  jumpcloudFailingChecks: {
    type: 'integer',
    description:
      'JumpCloud checks failing now, all severities (risk-accepted ones are not failing)',
  },
};
