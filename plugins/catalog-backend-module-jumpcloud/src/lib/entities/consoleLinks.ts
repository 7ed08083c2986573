import type { JumpCloudRegion } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { JumpCloudCatalogConnection } from '../source/types';

const CONSOLE_ORIGINS: Record<JumpCloudRegion, string> = {
  us: 'https://console.jumpcloud.com',
  eu: 'https://console.eu.jumpcloud.com',
  in: 'https://console.in.jumpcloud.com',
};

/**
 * The admin console serving the connection's organisation. A JumpCloud API
 * host is also its region's console; any other host (a simulator, a proxy)
 * has no console, so the region decides.
 */
export function consoleOrigin(
  connection: Pick<JumpCloudCatalogConnection, 'apiUrl' | 'region'>,
): string {
  try {
    const url = new URL(connection.apiUrl);
    if (
      url.protocol === 'https:' &&
      /(^|\.)jumpcloud\.com$/.test(url.hostname)
    ) {
      return url.origin;
    }
  } catch {
    // an unparsable URL falls back to the region
  }
  return CONSOLE_ORIGINS[connection.region ?? 'us'] ?? CONSOLE_ORIGINS.us;
}

export function deviceConsoleUrl(
  connection: Pick<JumpCloudCatalogConnection, 'apiUrl' | 'region'>,
  systemId: string,
) {
  return `${consoleOrigin(connection)}/#/devices/${encodeURIComponent(
    systemId,
  )}/details`;
}

export function userConsoleUrl(
  connection: Pick<JumpCloudCatalogConnection, 'apiUrl' | 'region'>,
  userId: string,
) {
  return `${consoleOrigin(connection)}/#/users/${encodeURIComponent(
    userId,
  )}/details`;
}

export function userGroupConsoleUrl(
  connection: Pick<JumpCloudCatalogConnection, 'apiUrl' | 'region'>,
  groupId: string,
) {
  return `${consoleOrigin(connection)}/#/groups/user/${encodeURIComponent(
    groupId,
  )}/details`;
}
