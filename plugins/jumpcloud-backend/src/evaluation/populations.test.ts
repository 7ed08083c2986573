import type { CheckResult } from '../checks';
import { canonicalJson } from '../evidence/canonical';
import { seededRandom } from '../__testUtils__/seededRandom';
import { resultText } from './populations';

/** The row as sealing wrote it before: an object, then canonical JSON. */
function asObject(r: CheckResult) {
  return {
    checkId: r.checkId,
    entityId: r.entityId,
    entityKind: r.entityKind,
    entityName: r.entityName,
    ...(r.status === 'pass' ? {} : { evidence: r.evidence }),
    message: r.message,
    severity: r.severity,
    status: r.status,
  };
}

describe('resultText', () => {
  it('writes the canonical JSON of the result row, byte for byte', () => {
    const random = seededRandom(7);
    const pick = <T>(values: T[]) =>
      values[Math.floor(random() * values.length)];
    const texts = [
      'plain',
      'quote " and \\ back',
      'ünïcödé ✓',
      'line\nbreak',
      '',
      '\u2028',
    ];
    for (let i = 0; i < 2000; i++) {
      const result = {
        checkId: `DEV-${i % 30}`,
        entityId: pick(texts) + i,
        entityKind: pick(['device', 'user', 'org']),
        entityName: pick([...texts, undefined]),
        status: pick(['pass', 'fail', 'unknown', 'not_applicable']),
        message: pick(texts),
        severity: pick(['critical', 'low']),
        evidence: pick([
          {},
          { z: 1, a: [3, { y: null, b: 'x' }], m: pick(texts) },
          { lastContact: null, os: 'Mac OS X', days: 12.5 },
          undefined,
        ]),
      } as unknown as CheckResult;
      expect(resultText(result).text).toBe(canonicalJson(asObject(result)));
    }
  });
});
