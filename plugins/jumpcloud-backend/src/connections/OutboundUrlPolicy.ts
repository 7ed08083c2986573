import type { JumpCloudRegion } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** JumpCloud's console hosts, by region (the default API URL of each). */
export const REGION_CONSOLE_URLS: Record<JumpCloudRegion, string> = {
  us: 'https://console.jumpcloud.com',
  eu: 'https://console.eu.jumpcloud.com',
  in: 'https://console.in.jumpcloud.com',
};

const JUMPCLOUD_HOSTS = new Set([
  'console.jumpcloud.com',
  'console.eu.jumpcloud.com',
  'console.in.jumpcloud.com',
  'api.jumpcloud.com',
  'api.eu.jumpcloud.com',
  'api.in.jumpcloud.com',
]);

// Addresses a settings form must never make the backend call (SSRF):
// private, loopback, link-local (cloud metadata), CGNAT and unspecified.
const blockedAddresses = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedAddresses.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blockedAddresses.addSubnet(network, prefix, 'ipv6');
}

/** True for private, loopback, link-local and other non-public addresses. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    return blockedAddresses.check(address, 'ipv4');
  }
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) {
      return blockedAddresses.check(mapped[1], 'ipv4');
    }
    return blockedAddresses.check(address, 'ipv6');
  }
  return true;
}

/** Thrown for a URL the policy refuses; `reason` is shown to the admin. */
export class OutboundUrlRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OutboundUrlRefusedError';
  }
}

export type ResolveHost = (
  hostname: string,
) => Promise<Array<{ address: string }>>;

const systemResolver: ResolveHost = hostname =>
  lookup(hostname, { all: true, verbatim: true });

/**
 * Restricts outbound JumpCloud URLs to JumpCloud's own hosts (https only)
 * plus the `jumpcloud.allowedHosts` entries (http allowed for those), and
 * refuses names that resolve to internal addresses unless explicitly allowed.
 */
export class OutboundUrlPolicy {
  readonly #allowed: Set<string>;
  readonly #resolve: ResolveHost;

  constructor(allowedHosts: string[], resolve: ResolveHost = systemResolver) {
    this.#allowed = new Set(allowedHosts.map(h => h.trim().toLowerCase()));
    this.#resolve = resolve;
  }

  /** Normalises a URL to its origin, or throws OutboundUrlRefusedError. */
  normalize(rawUrl: string): string {
    let url: URL;
    try {
      url = new URL(rawUrl.trim());
    } catch {
      throw new OutboundUrlRefusedError('is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new OutboundUrlRefusedError('must use https');
    }
    if (url.username || url.password) {
      throw new OutboundUrlRefusedError('must not contain credentials');
    }
    if (
      (url.pathname !== '/' && url.pathname !== '') ||
      url.search ||
      url.hash
    ) {
      throw new OutboundUrlRefusedError(
        'must be the console address only, without a path or query (e.g. https://console.eu.jumpcloud.com)',
      );
    }
    if (this.#isExplicitlyAllowed(url)) {
      return url.origin;
    }
    if (
      url.protocol === 'https:' &&
      JUMPCLOUD_HOSTS.has(url.hostname) &&
      (url.port === '' || url.port === '443')
    ) {
      return url.origin;
    }
    throw new OutboundUrlRefusedError(
      `host ${url.host} is not allowed: use a JumpCloud console URL (https://console.jumpcloud.com, https://console.eu.jumpcloud.com, https://console.in.jumpcloud.com) or add it to jumpcloud.allowedHosts`,
    );
  }

  /**
   * Normalises the URL and checks where its host resolves; to be called
   * right before connecting, so a DNS change cannot point an allowed name at
   * an internal address.
   */
  async check(rawUrl: string): Promise<string> {
    const origin = this.normalize(rawUrl);
    const url = new URL(origin);
    if (this.#isExplicitlyAllowed(url)) {
      return origin;
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: Array<{ address: string }>;
    if (isIP(hostname)) {
      addresses = [{ address: hostname }];
    } else {
      try {
        addresses = await this.#resolve(hostname);
      } catch {
        // Unresolvable: the client reports it as unreachable, nothing leaks.
        return origin;
      }
    }
    if (addresses.some(a => isBlockedAddress(a.address))) {
      throw new OutboundUrlRefusedError(
        `host ${url.hostname} resolves to a private or internal address`,
      );
    }
    return origin;
  }

  /** The region of a JumpCloud host, null for other hosts. */
  static regionOf(origin: string): JumpCloudRegion | null {
    const host = new URL(origin).hostname;
    if (host === 'console.jumpcloud.com' || host === 'api.jumpcloud.com') {
      return 'us';
    }
    const match = /^(?:console|api)\.(eu|in)\.jumpcloud\.com$/.exec(host);
    return match ? (match[1] as JumpCloudRegion) : null;
  }

  #isExplicitlyAllowed(url: URL): boolean {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return (
      this.#allowed.has(`${url.hostname}:${port}`) ||
      this.#allowed.has(url.host) ||
      (url.protocol === 'https:' && this.#allowed.has(url.hostname))
    );
  }
}
