import { isDatabaseError, toErrorDetail } from './errorDetail';

describe('toErrorDetail', () => {
  it.each([
    ['a refused database socket', { code: 'ECONNREFUSED', message: 'x' }],
    ['a SQLite error', { code: 'SQLITE_BUSY', message: 'database is locked' }],
    [
      'a PostgreSQL error',
      { code: '57P01', severity: 'FATAL', message: 'terminating connection' },
    ],
    ['the knex pool timing out', { name: 'KnexTimeoutError', message: 'x' }],
  ])('labels %s as a database error in any stage', (_, error) => {
    expect(isDatabaseError(error)).toBe(true);
    expect(toErrorDetail(error).kind).toBe('database');
  });

  it('keeps other errors at the fallback kind', () => {
    expect(isDatabaseError(new TypeError('x is undefined'))).toBe(false);
    expect(toErrorDetail(new TypeError('boom'))).toEqual({
      kind: 'internal',
      message: 'boom',
    });
    expect(
      toErrorDetail({ code: 'NOPE', message: 'm' }, 'unavailable'),
    ).toEqual({ kind: 'unavailable', message: 'm' });
  });

  it("keeps a database error's own words, not the statement knex puts before them", () => {
    const statement = `insert into \`jc_findings\` (\`entity_name\`) select 'José - MacBook' as \`entity_name\`${" union all select 'x'".repeat(
      2000,
    )}`;
    expect(
      toErrorDetail({
        code: 'SQLITE_BUSY',
        message: `${statement} - database is locked`,
      }),
    ).toEqual({ kind: 'database', message: 'database is locked' });
    const long = toErrorDetail({
      code: '23505',
      severity: 'ERROR',
      message: 'd'.repeat(900),
    });
    expect(long.message).toHaveLength(500);
  });

  it('keeps the kind a JumpCloud error carries', () => {
    const error = { kind: 'revoked_key', code: 'ECONNREFUSED', message: 'r' };
    expect(toErrorDetail(error).kind).toBe('revoked_key');
  });
});
