import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS_DIR, ruleDocPages } from '../../cli/docs/rule-pages.ts';

const DOCS = join(import.meta.dirname, '..', '..', RULE_DOCS_DIR);
const pages = ruleDocPages();

describe(`${RULE_DOCS_DIR} is what \`npm run docs:rules\` generates`, () => {
  it('holds exactly the generated pages, no stale ones', () => {
    expect(readdirSync(DOCS).filter((file) => file.endsWith('.md')).sort()).toEqual([...pages.keys()].sort());
  });

  it.each([...pages])('%s matches the rule modules (run `npm run docs:rules` after changing a rule)', (file, generated) => {
    expect(readFileSync(join(DOCS, file), 'utf8')).toBe(generated);
  });

  it('every rule page is linked from the index', () => {
    const index = pages.get('README.md') ?? '';
    for (const file of pages.keys()) if (file !== 'README.md') expect(index).toContain(`](${file})`);
  });
});
