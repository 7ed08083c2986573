import {
  classifyFailure,
  parseRetryAfter,
  serverMessageOf,
} from './classifyResponse';

const base = { keyWorkedBefore: false, sentOrgId: false };

describe('classifyFailure', () => {
  it('speaks of the service account when its token was refused', () => {
    const sa = { ...base, credential: 'serviceAccount' as const };
    const refused = classifyFailure({
      ...sa,
      status: 401,
      serverMessage: 'Unauthorized: api key user not found',
      keyWorkedBefore: true,
    });
    // A token is renewed, never "rotated by an admin".
    expect(refused.kind).toBe('invalid_key');
    expect(refused.message).toMatch(/service account's access token/);
    const forbidden = classifyFailure({
      ...sa,
      status: 403,
      capability: 'admins',
    });
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.message).toMatch(
      /service account's role may not read \(admins\)/,
    );
    expect(
      classifyFailure({
        ...sa,
        status: 401,
        serverMessage: 'Unauthorized: no organization selected',
      }).kind,
    ).toBe('org_required');
  });

  it.each([
    [401, 'Unauthorized: no organization selected', 'org_required'],
    [401, 'Unauthorized: api key user not found', 'invalid_key'],
    [401, 'Unauthorized: api key expired', 'revoked_key'],
    [402, 'Payment Required', 'not_enabled'],
    [403, 'Forbidden: you do not have permission', 'forbidden'],
    [
      403,
      'Forbidden: API access is disabled for this administrator',
      'api_access_disabled',
    ],
    [400, 'Bad Request: limit exceeds maximum value of 100', 'bad_request'],
    [404, 'Not Found: no such route', 'not_found'],
    [429, 'Too Many Requests', 'rate_limited'],
    [500, undefined, 'unavailable'],
    [502, undefined, 'unavailable'],
    [503, undefined, 'unavailable'],
  ] as const)('%s %s → %s', (status, serverMessage, kind) => {
    const error = classifyFailure({ ...base, status, serverMessage });
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('calls a 401 after a success a revoked key', () => {
    const error = classifyFailure({
      ...base,
      status: 401,
      serverMessage: 'Unauthorized: api key user not found',
      keyWorkedBefore: true,
    });
    expect(error.kind).toBe('revoked_key');
  });

  it('tells an unknown organisation from a missing resource when x-org-id was sent', () => {
    expect(
      classifyFailure({
        ...base,
        status: 404,
        serverMessage: 'Not Found: organization not found',
        sentOrgId: true,
      }).kind,
    ).toBe('unknown_org');
    expect(
      classifyFailure({
        ...base,
        status: 400,
        serverMessage: 'Bad Request: invalid organization id "x"',
        sentOrgId: true,
      }).kind,
    ).toBe('unknown_org');
  });

  it('names the capability a 403 concerns', () => {
    const error = classifyFailure({
      ...base,
      status: 403,
      capability: 'admins',
    });
    expect(error.capability).toBe('admins');
    expect(error.message).toContain('admins');
    expect(error.toDetail()).toEqual({
      kind: 'forbidden',
      message: error.message,
      capability: 'admins',
      status: 403,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('serverMessageOf', () => {
  it('prefers message, then error', () => {
    expect(serverMessageOf({ message: 'A', error: 'B' })).toBe('A');
    expect(serverMessageOf({ error: 'B' })).toBe('B');
    expect(serverMessageOf('text')).toBeUndefined();
  });
});
