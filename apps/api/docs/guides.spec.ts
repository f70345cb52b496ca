import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Jest runs from the repository's root (npm test).
const ROOT = process.cwd();
const GUIDES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the README and the guides in docs/', () => {
  it('link only to files inside the repository, and those files exist', () => {
    const broken: string[] = [];
    for (const guide of GUIDES) {
      const text = readFileSync(join(ROOT, guide), 'utf8');
      if (text.includes('../shared')) broken.push(`${guide}: mentions ../shared`);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // http(s), mailto: outside links are fine
        const file = resolve(dirname(join(ROOT, guide)), target);
        if (relative(ROOT, file).startsWith('..') || !existsSync(file)) broken.push(`${guide}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('include the API, webhook and domain guides, linked from the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const guide of ['docs/api.md', 'docs/webhooks.md', 'docs/domain.md']) expect(readme).toContain(`](${guide})`);
  });
});
