import type { JumpCloudRegion } from '@backstage-jumpcloud/plugin-jumpcloud-common';

const JUMPCLOUD_REGIONS: readonly JumpCloudRegion[] = ['us', 'eu', 'in'];

interface RegionHosts {
  /** Console host serving v1 (`/api`) and v2 (`/api/v2`). */
  consoleUrl: string;
  /** Host serving Directory Insights (`/insights/directory/v1`). */
  insightsUrl: string;
}

/** JumpCloud's hosts per region; console and Directory Insights switch together. */
const REGION_HOSTS: Readonly<Record<JumpCloudRegion, RegionHosts>> = {
  us: {
    consoleUrl: 'https://console.jumpcloud.com',
    insightsUrl: 'https://api.jumpcloud.com',
  },
  eu: {
    consoleUrl: 'https://console.eu.jumpcloud.com',
    insightsUrl: 'https://api.eu.jumpcloud.com',
  },
  in: {
    consoleUrl: 'https://console.in.jumpcloud.com',
    insightsUrl: 'https://api.in.jumpcloud.com',
  },
};

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The hosts a client talks to. An explicit `apiUrl` (simulator, proxies)
 * wins; the Directory Insights host then defaults to the same origin, which
 * is how the simulator serves it, unless `apiUrl` is a known JumpCloud
 * console host (then its region's insights host is used).
 */
export function resolveHosts(options: {
  region?: JumpCloudRegion;
  apiUrl?: string;
  insightsUrl?: string;
}): RegionHosts & { region: JumpCloudRegion } {
  const region = options.region ?? 'us';
  const defaults = REGION_HOSTS[region];
  if (!options.apiUrl) {
    return {
      region,
      consoleUrl: defaults.consoleUrl,
      insightsUrl: trimSlashes(options.insightsUrl ?? defaults.insightsUrl),
    };
  }
  const consoleUrl = trimSlashes(options.apiUrl);
  const known = regionOfConsoleUrl(consoleUrl);
  const insightsUrl =
    options.insightsUrl ??
    (known ? REGION_HOSTS[known].insightsUrl : consoleUrl);
  return {
    region: known ?? region,
    consoleUrl,
    insightsUrl: trimSlashes(insightsUrl),
  };
}

/** The region of a JumpCloud console URL, or undefined for other hosts. */
export function regionOfConsoleUrl(url: string): JumpCloudRegion | undefined {
  const normalized = trimSlashes(url).toLowerCase();
  return JUMPCLOUD_REGIONS.find(
    region => REGION_HOSTS[region].consoleUrl === normalized,
  );
}

/**
 * OAuth 2.0 token endpoints of service accounts, per region (JumpCloud's
 * admin-oauth hosts; an organisation's service accounts use its region's).
 */
const REGION_TOKEN_URLS: Readonly<Record<JumpCloudRegion, string>> = {
  us: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
  eu: 'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
  in: 'https://admin-oauth.id.in.jumpcloud.com/oauth2/token',
};

/**
 * The token endpoint a service account asks. An explicit `tokenUrl` wins;
 * a JumpCloud console `apiUrl` (or none) uses its region's admin-oauth host;
 * any other `apiUrl` (simulator, proxy) serves `/oauth2/token` itself, so a
 * service account's secret never goes to a host the API URL did not name.
 */
export function resolveTokenUrl(options: {
  region?: JumpCloudRegion;
  apiUrl?: string;
  tokenUrl?: string;
}): string {
  if (options.tokenUrl) return trimSlashes(options.tokenUrl);
  if (!options.apiUrl) return REGION_TOKEN_URLS[options.region ?? 'us'];
  const consoleUrl = trimSlashes(options.apiUrl);
  const known = regionOfConsoleUrl(consoleUrl);
  return known ? REGION_TOKEN_URLS[known] : `${consoleUrl}/oauth2/token`;
}

/** Console URLs of the regions to probe when a key fails here (wrong region?). */
export function regionProbeUrls(options: {
  apiUrl?: string;
  regionUrls?: Partial<Record<JumpCloudRegion, string>>;
}): Partial<Record<JumpCloudRegion, string>> {
  if (options.regionUrls) return options.regionUrls;
  // Another host (simulator, proxy): never send the key to JumpCloud's.
  if (options.apiUrl && !regionOfConsoleUrl(options.apiUrl)) {
    return {};
  }
  return {
    us: resolveHosts({ region: 'us' }).consoleUrl,
    eu: resolveHosts({ region: 'eu' }).consoleUrl,
    in: resolveHosts({ region: 'in' }).consoleUrl,
  };
}
