import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers.config.ts';

// The layer rules alone, as eslint.config.js applies them, on snippets placed in each folder.
const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  ...LAYERS.map((layer): Linter.Config => ({ files: layer.files, rules: { 'no-restricted-imports': ['error', { patterns: layer.forbidden }] } })),
];
const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config });

async function violations(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import directions', () => {
  it.each([
    ['shared/formats/x12/map-claim.ts', '../../rules/catalog.ts', 'a reader importing the rules'],
    ['shared/formats/read.ts', '../scrub/scrub.ts', 'a reader calling the engine'],
    ['shared/rules/rule.ts', 'node:fs', 'a rule reading files'],
    ['shared/codes/code-set.ts', '@aws-sdk/client-dynamodb', 'the domain importing the AWS SDK'],
    ['shared/scrub/scrub.ts', '../aws/results-table.ts', 'the engine importing an adapter'],
    ['shared/application/scrub-batch.ts', '../aws/queue-sender.ts', 'a service importing an adapter instead of a port'],
    ['shared/application/intake-record.ts', 'aws-lambda', 'a service importing Lambda types'],
    ['shared/aws/intake.ts', '../../functions/scrub-claims/metric-names.ts', 'an adapter importing a handler'],
    ['functions/scrub-claims/handler.ts', '../../cli/ui/style.ts', 'a handler importing the CLI'],
    ['local/start.ts', '../cli/commands/submit.ts', 'the local stack importing a CLI command'],
    ['cli/commands/scrub.ts', '../../local/stack.ts', 'the CLI importing the local stack'],
    ['infra/tables.ts', '../cli/main.ts', 'the construct importing the CLI'],
  ])('%s may not import %s (%s)', async (file, specifier) => {
    expect(await violations(file, specifier)).toEqual(['no-restricted-imports']);
  });

  it.each([
    ['shared/scrub/scrub.ts', '../rules/catalog.ts'],
    ['shared/formats/x12/map-claim.ts', '../../codes/visit-codes.ts'],
    ['shared/application/scrub-batch.ts', '../scrub/scrub.ts'],
    ['shared/aws/scrub-ports.ts', '../application/ports.ts'],
    ['functions/scrub-claims/dependencies.ts', '../../shared/aws/scrub-ports.ts'],
    ['local/start.ts', '../cli/ui/style.ts'],
    ['infra/scrub-function.ts', '../functions/scrub-claims/metric-names.ts'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await violations(file, specifier)).toEqual([]);
  });
});
