import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderChecksMarkdown } from './docs';
import { CHECK_FIELD_DOCS } from './fieldDocs';
import { builtInChecks } from './registry';

/** Table padding is prettier's business: compare cell contents only. */
function normalise(markdown: string): string {
  return markdown
    .split('\n')
    .map(line =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map(cell => cell.trim().replace(/^:?-{3,}:?$/, '---'))
            .join('|')
        : line.trimEnd(),
    )
    .join('\n')
    .trim();
}

describe('docs/checks.md', () => {
  it('matches the check catalogue (regenerate with scripts/generateChecksDoc.ts)', () => {
    const file = readFileSync(
      resolve(__dirname, '../../docs/checks.md'),
      'utf8',
    );
    expect(normalise(file)).toBe(normalise(renderChecksMarkdown()));
  });

  it('explains every field of every check, and what an organisation without the data gets', () => {
    expect(Object.keys(CHECK_FIELD_DOCS).sort()).toEqual(
      builtInChecks.map(c => c.id).sort(),
    );
    for (const check of builtInChecks) {
      const docs = CHECK_FIELD_DOCS[check.id];
      expect([check.id, Object.keys(docs.fields)]).toEqual([
        check.id,
        check.fields,
      ]);
      for (const [field, meaning] of Object.entries(docs.fields))
        expect([check.id, field, meaning.length > 10]).toEqual([
          check.id,
          field,
          true,
        ]);
      expect([check.id, docs.withoutData.length > 10]).toEqual([
        check.id,
        true,
      ]);
    }
  });
});
