import { orgCheck } from '../checkBuilders';
import {
  dayOf,
  daysUntil,
  fail,
  notApplicable,
  pass,
  refs,
  unknown,
} from '../helpers';

export const adminMfaRequired = orgCheck({
  meta: {
    id: 'ORG-01',
    title: 'Admin MFA required org-wide',
    severity: 'critical',
    description:
      'The organisation requires MFA for every console administrator.',
    remediation: 'Settings → Security: turn on "Require MFA for all admins".',
    fields: ['organization.settings.requireAdminMFA'],
    frameworks: refs(['CC6.1'], ['A.8.5'], ['6.5'], ['IA-2(1)']),
  },
  decide(ctx) {
    const value = ctx.snapshot.organization?.settings?.requireAdminMFA;
    if (value === undefined) return unknown('requireAdminMFA is not reported');
    return value
      ? pass('Admin MFA is required', { requireAdminMFA: true })
      : fail('Admin MFA is not required', { requireAdminMFA: false });
  },
});

export const portalIdleTimeout = orgCheck({
  meta: {
    id: 'ORG-06',
    title: 'User Portal idle timeout',
    severity: 'low',
    description:
      'User Portal sessions end after at most jumpcloud.checks.portalIdleMinutes of inactivity (default 60).',
    remediation:
      'Settings → User Portal: set the idle session duration to 60 minutes or less.',
    fields: ['organization.settings.userPortal.idleSessionDurationMinutes'],
    frameworks: refs(['CC6.1'], ['A.8.5'], ['4.3~'], ['AC-12']),
  },
  decide(ctx) {
    const minutes =
      ctx.snapshot.organization?.settings?.userPortal
        ?.idleSessionDurationMinutes;
    if (typeof minutes !== 'number')
      return unknown('The User Portal idle timeout is not reported');
    const evidence = {
      idleSessionDurationMinutes: minutes,
      limit: ctx.thresholds.portalIdleMinutes,
    };
    return minutes <= ctx.thresholds.portalIdleMinutes
      ? pass(`Idle timeout ${minutes} min`, evidence)
      : fail(`Idle timeout ${minutes} min`, evidence);
  },
});

/** `depServerTokenState` values (v2 AppleMDM): unknown, missing, valid, expired. */
type DepTokenState = 'unknown' | 'missing' | 'valid' | 'expired';

export const appleMdmCertificates = orgCheck({
  meta: {
    id: 'ORG-08',
    title: 'Apple MDM certificates valid',
    severity: 'high',
    description:
      'The APNs certificate of each Apple MDM configuration (one with an `apnsPushTopic`: an empty topic means the set-up was never finished) is more than jumpcloud.checks.certificateWarningDays from expiry, and so is its Automated Device Enrollment (ADE/DEP) server token where ADE is set up. `depServerTokenState` missing means no ADE (not a fault: the token part is not applicable); expired fails; unknown leaves the result unknown.',
    remediation:
      'Renew the APNs certificate with the same Apple ID, and renew the ADE server token in Apple Business Manager.',
    fields: [
      'applemdms.apnsPushTopic',
      'applemdms.apnsCertExpiry',
      'applemdms.depAccessTokenExpiry',
      'applemdms.depServerTokenState',
    ],
    frameworks: refs(['CC7.1'], ['A.8.9'], ['4.1'], ['CM-6', 'CA-7']),
  },
  decide(ctx) {
    // JumpCloud: "An empty topic indicates that a signed certificate from
    // Apple has not been provided" — an MDM whose set-up was never finished.
    const mdms = ctx.snapshot.appleMdms.filter(
      mdm => mdm.apnsPushTopic || mdm.apnsCertExpiry,
    );
    if (mdms.length === 0)
      return notApplicable(
        ctx.snapshot.appleMdms.length
          ? 'Apple MDM set-up was never finished (no APNs certificate uploaded)'
          : 'No Apple MDM is configured',
      );
    const warn = ctx.thresholds.certificateWarningDays;
    const problems: string[] = [];
    const unclear: string[] = [];
    const withoutAde: string[] = [];
    let apnsKnown = false;
    const expiring = (what: string, days: number, at: string) =>
      `${what} ${days < 0 ? 'expired' : 'expires'} on ${dayOf(at)}`;
    for (const mdm of mdms) {
      const name = mdm.name ?? mdm.id;
      const apns = daysUntil(mdm.apnsCertExpiry, ctx.at);
      if (apns !== null) {
        apnsKnown = true;
        if (apns < warn)
          problems.push(
            `${name}: ${expiring(
              'APNs certificate',
              apns,
              mdm.apnsCertExpiry!,
            )}`,
          );
      }
      const state = mdm.depServerTokenState?.toLowerCase() as
        | DepTokenState
        | undefined;
      if (state === 'missing') {
        withoutAde.push(name);
        continue;
      }
      if (state === 'expired') {
        problems.push(`${name}: ADE token expired`);
        continue;
      }
      const dep = daysUntil(mdm.depAccessTokenExpiry, ctx.at);
      if (dep !== null && dep < warn)
        problems.push(
          `${name}: ${expiring('ADE token', dep, mdm.depAccessTokenExpiry!)}`,
        );
      else if (state !== 'valid' && (state !== undefined || dep === null))
        unclear.push(`${name}: ADE token state ${state ?? 'not reported'}`);
    }
    const evidence = {
      warningDays: warn,
      mdms: mdms.map(m => ({
        name: m.name ?? m.id,
        apnsCertExpiry: m.apnsCertExpiry ?? null,
        depAccessTokenExpiry: m.depAccessTokenExpiry ?? null,
        depServerTokenState: m.depServerTokenState ?? null,
      })),
    };
    if (problems.length) return fail(problems.join('; '), evidence);
    if (!apnsKnown)
      return unknown('No APNs certificate expiry is reported', evidence);
    if (unclear.length) return unknown(unclear.join('; '), evidence);
    const noAde = withoutAde.length
      ? `; no Automated Device Enrollment on ${withoutAde.join(
          ', ',
        )} (not applicable)`
      : '';
    return pass(
      `APNs certificates valid for more than ${warn} days${noAde}`,
      evidence,
    );
  },
});

export const auditLogging = orgCheck({
  meta: {
    id: 'ORG-09',
    title: 'Audit logging available and retained',
    severity: 'medium',
    description:
      'Directory Insights is enabled and returns events; JumpCloud retains them for 90 days on paid tiers, and every sealed run keeps its own evidence. Fails when Directory Insights is off.',
    remediation:
      'Enable Directory Insights (or its Premium tier for longer retention) and forward events to the SIEM.',
    fields: [
      'organization.settings.features.directoryInsights.enabled',
      'organization.settings.features.directoryInsightsPremium.enabled',
      'directoryevents',
    ],
    frameworks: refs(
      ['CC7.2'],
      ['A.8.15'],
      ['8.2', '8.10'],
      ['AU-11', 'AU-12'],
    ),
  },
  decide(ctx) {
    const features = ctx.snapshot.organization?.settings?.features;
    const di = features?.directoryInsights?.enabled;
    const events = ctx.snapshot.directoryEvents.length;
    const coverage = ctx.index.eventCoverageDays;
    const evidence = {
      directoryInsights: di ?? null,
      directoryInsightsPremium:
        features?.directoryInsightsPremium?.enabled ?? null,
      events,
      coverageDays: coverage,
    };
    if (di === false) return fail('Directory Insights is disabled', evidence);
    // JumpCloud keeps Directory Insights events 90 days; longer needs Premium.
    const required = ctx.thresholds.auditRetentionDays;
    if (required > 90 && features?.directoryInsightsPremium?.enabled !== true) {
      return fail(
        `${required} days of audit history are required but Directory Insights without Premium keeps 90`,
        { ...evidence, requiredDays: required },
      );
    }
    if (events > 0)
      return pass(
        `Directory Insights returns events (${coverage ?? 0} days held)`,
        evidence,
      );
    if (di === true)
      return unknown(
        'Directory Insights is enabled but returned no events',
        evidence,
      );
    return unknown(
      'The Directory Insights feature flag is not reported',
      evidence,
    );
  },
});
