import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderChecksMarkdown } from './docs';

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
});
