/** An error that becomes a JumpCloud-style JSON response (`{"message": "Reason: detail"}`). */
export class JcHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Some routes also send `error` (the reason or the whole message). */
    readonly error?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): Record<string, string> {
    return this.error === undefined
      ? { message: this.message }
      : { error: this.error, message: this.message };
  }
}

export const badRequest = (detail: string) =>
  new JcHttpError(400, `Bad Request: ${detail}`);
export const notFound = (detail = 'not found') =>
  new JcHttpError(404, `Not Found: ${detail}`);
export const forbidden = (detail: string) =>
  new JcHttpError(403, `Forbidden: ${detail}`, `Forbidden: ${detail}`);

/** The body JumpCloud sends for unknown, rotated and other-region keys. */
export const unknownKey = () =>
  new JcHttpError(401, 'Unauthorized: api key user not found', 'Unauthorized');
export const noOrganizationSelected = () =>
  new JcHttpError(401, 'Unauthorized: no organization selected');

const OBJECT_ID = /^[0-9a-f]{24}$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/** Path ids must be ObjectIds; JumpCloud answers 400 otherwise. */
export function requireObjectId(value: string): string {
  if (!isObjectId(value)) throw badRequest(`invalid object id "${value}"`);
  return value;
}
