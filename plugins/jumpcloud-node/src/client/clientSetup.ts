import { ApiKeyAuth, RequestAuth, ServiceAccountAuth } from './http/auth';
import { JumpCloudHttp } from './http/JumpCloudHttp';
import { RequestScheduler } from './http/RequestScheduler';
import { JumpCloudError } from './JumpCloudError';
import { resolveHosts, resolveTokenUrl } from './regions';
import type {
  JumpCloudClientOptions,
  JumpCloudClientStats,
  JumpCloudCredential,
  JumpCloudCredentialType,
} from './types';

export const CLIENT_DEFAULTS = {
  maxConcurrency: 4,
  requestsPerSecond: 15,
  timeoutMs: 30_000,
  maxRetries: 5,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 10_000,
} as const;

const USER_AGENT = 'backstage-plugin-jumpcloud/0.1 (+https://backstage.io)';

const filled = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** The credential of the options, checked: apiKey or credential, not both. */
function credentialOf(options: JumpCloudClientOptions): JumpCloudCredential {
  if (options.credential && options.apiKey !== undefined) {
    throw new JumpCloudError(
      'bad_request',
      'Give either apiKey or credential, not both.',
    );
  }
  const credential: JumpCloudCredential = options.credential ?? {
    type: 'apiKey',
    apiKey: options.apiKey as string,
  };
  if (credential.type === 'serviceAccount') {
    if (!filled(credential.clientId) || !filled(credential.clientSecret)) {
      throw new JumpCloudError(
        'invalid_key',
        'A service account needs a client ID and a client secret.',
      );
    }
    return {
      type: 'serviceAccount',
      clientId: credential.clientId.trim(),
      clientSecret: credential.clientSecret.trim(),
    };
  }
  if (credential.type !== 'apiKey' || !filled(credential.apiKey)) {
    throw new JumpCloudError('invalid_key', 'An API key is required.');
  }
  return { type: 'apiKey', apiKey: credential.apiKey.trim() };
}

/** What a client is made of, from its options (checked). */
export function setUpClient(options: JumpCloudClientOptions): {
  credentialType: JumpCloudCredentialType;
  hosts: ReturnType<typeof resolveHosts>;
  orgId: string | undefined;
  scheduler: RequestScheduler;
  http: JumpCloudHttp;
} {
  const credential = credentialOf(options);
  const hosts = resolveHosts(options);
  const orgId = options.orgId?.trim() || undefined;
  const scheduler = new RequestScheduler({
    maxConcurrency: options.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency,
    requestsPerSecond:
      options.requestsPerSecond ?? CLIENT_DEFAULTS.requestsPerSecond,
  });
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const userAgent = options.userAgent ?? USER_AGENT;
  const stats: JumpCloudClientStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    tokenRequests: 0,
  };
  const auth: RequestAuth =
    credential.type === 'apiKey'
      ? new ApiKeyAuth(credential.apiKey)
      : new ServiceAccountAuth({
          clientId: credential.clientId,
          clientSecret: credential.clientSecret,
          tokenUrl: resolveTokenUrl(options),
          timeoutMs,
          userAgent,
          stats,
          signal: options.signal,
          logger: options.logger,
        });
  const http = new JumpCloudHttp({
    auth,
    stats,
    consoleUrl: hosts.consoleUrl,
    insightsUrl: hosts.insightsUrl,
    orgId,
    scheduler,
    timeoutMs,
    maxRetries: options.maxRetries ?? CLIENT_DEFAULTS.maxRetries,
    retryBaseDelayMs:
      options.retryBaseDelayMs ?? CLIENT_DEFAULTS.retryBaseDelayMs,
    retryMaxDelayMs: options.retryMaxDelayMs ?? CLIENT_DEFAULTS.retryMaxDelayMs,
    signal: options.signal,
    logger: options.logger,
    userAgent,
  });
  return { credentialType: credential.type, hosts, orgId, scheduler, http };
}
