import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_DOCS_DIR, ruleDocPages } from './docs/rule-pages.ts';

/** Writes docs/rules/ from the rule modules and removes pages of rules that no longer exist. */
export function generateRuleDocs(root: string): string[] {
  const dir = join(root, RULE_DOCS_DIR);
  mkdirSync(dir, { recursive: true });
  const pages = ruleDocPages();
  for (const stale of readdirSync(dir).filter((file) => file.endsWith('.md') && !pages.has(file))) rmSync(join(dir, stale));
  for (const [file, text] of pages) writeFileSync(join(dir, file), text);
  return [...pages.keys()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = generateRuleDocs(fileURLToPath(new URL('..', import.meta.url)));
  console.log(`wrote ${written.length} pages to ${RULE_DOCS_DIR}/`);
}
