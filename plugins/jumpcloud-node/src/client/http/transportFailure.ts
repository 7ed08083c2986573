import { JumpCloudError } from '../JumpCloudError';
import { cancelledError } from './abort';

/** Never let a key, secret or token reach a message, even if a server echoes it. */
export function redactSecrets(text: string, secrets: string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}

/**
 * What a fetch that got no response means for an admin: cancelled, timed
 * out, or unreachable with the network's own reason (secrets redacted).
 */
export function transportFailure(
  error: unknown,
  context: {
    cancelled: boolean;
    timedOut: boolean;
    timeoutMs: number;
    /** What did not answer: JumpCloud, or its token endpoint at a URL. */
    target: string;
    capability?: string;
    secrets: string[];
  },
): JumpCloudError {
  const { capability } = context;
  if (context.cancelled) return cancelledError(capability);
  const where = capability ? ` (${capability})` : '';
  if (context.timedOut) {
    return new JumpCloudError(
      'timeout',
      `${context.target} did not answer within ${context.timeoutMs} ms${where}.`,
      { capability, cause: error },
    );
  }
  const reason =
    error instanceof Error
      ? (error.cause as Error)?.message ?? error.message
      : String(error);
  return new JumpCloudError(
    'unreachable',
    `${context.target} could not be reached${where}: ${
      redactSecrets(reason, context.secrets) || 'network error'
    }.`,
    { capability },
  );
}
