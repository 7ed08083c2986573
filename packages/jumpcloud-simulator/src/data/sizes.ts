import type { SizeName, SizeSpec } from '../types';
import type { SoftwareProfile } from './software';

export const SIZES: Record<SizeName, SizeSpec> = {
  S: {
    devices: 60,
    users: 80,
    groups: 14,
    policies: 12,
    systemInsightsShare: 0.8,
    admins: 6,
    events: 400,
    extraOrgs: 2,
    extraOrgScale: 0.34,
  },
  M: {
    devices: 2_000,
    users: 2_000,
    groups: 80,
    policies: 40,
    systemInsightsShare: 0.8,
    admins: 10,
    events: 4_000,
    extraOrgs: 2,
    extraOrgScale: 0.1,
  },
  L: {
    devices: 20_000,
    users: 20_000,
    groups: 600,
    policies: 150,
    systemInsightsShare: 0.8,
    admins: 20,
    events: 20_000,
    extraOrgs: 2,
    extraOrgScale: 0.02,
  },
  XL: {
    devices: 100_000,
    users: 100_000,
    groups: 2_000,
    policies: 300,
    systemInsightsShare: 0.8,
    admins: 30,
    events: 50_000,
    extraOrgs: 2,
    extraOrgScale: 0.005,
  },
};

export function resolveSize(
  size: SizeName | Partial<SizeSpec> | undefined,
): SizeSpec {
  if (size === undefined) return SIZES.S;
  if (typeof size === 'string') {
    const spec = SIZES[size];
    if (!spec)
      throw new Error(`Unknown size "${size}", expected S, M, L or XL`);
    return spec;
  }
  return { ...SIZES.S, ...size };
}

/**
 * How many System Insights rows a device gets. Real devices list 100-300
 * apps (macOS) or programs (Windows), 5-8 disk_encryption volumes (Mac) and
 * 13 sip_config flags, and S and M (every test, the demo) get that: about
 * 8k apps/programs rows in the primary org at S, a second or so more per
 * simulator-backed test.
 *
 * L and XL serve only the benchmarks (bench/RESULTS.md: the client reads
 * ~270k System Insights rows at L, the sync must stay ≤ 300 MB over
 * baseline and measured 256-286 MB). Real counts would add ~2.7M
 * apps/programs rows at L (14M at XL), and all volumes and flags another
 * ~120k, so they keep the handful of apps per device they were measured
 * with, the System and Data volumes (the LUKS partition and its mapping on
 * Linux) and the SIP flags the simulated postures relax. The semantics stay
 * osquery's; the checks find the same products, volumes and relaxations.
 */
export function softwareProfile(spec: SizeSpec): SoftwareProfile {
  return spec.devices > SIZES.M.devices ? 'sparse' : 'realistic';
}

/** Scales a spec for an extra organisation, keeping every check reachable. */
export function scaleSize(spec: SizeSpec, factor: number): SizeSpec {
  const scale = (n: number, min: number) =>
    Math.max(min, Math.round(n * factor));
  return {
    ...spec,
    devices: scale(spec.devices, 12),
    users: scale(spec.users, 15),
    groups: scale(spec.groups, 6),
    policies: scale(spec.policies, 6),
    admins: scale(spec.admins, 3),
    events: scale(spec.events, 60),
    extraOrgs: 0,
  };
}
