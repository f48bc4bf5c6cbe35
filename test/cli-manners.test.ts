import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPLAIN_USAGE, main, SCRUB_USAGE } from '../cli/main.ts';
import { SUBMIT_USAGE } from '../cli/commands/submit.ts';
import { RULESET_VERSION } from '../shared/rules/catalog.ts';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await main(argv);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('claim-scrubber manners', () => {
  it.each([
    ['scrub', SCRUB_USAGE],
    ['explain', EXPLAIN_USAGE],
    ['submit', SUBMIT_USAGE],
  ])('%s --help prints that command\'s usage and exits 0', async (command, usage) => {
    expect(await cli([command, '--help'])).toEqual({ code: 0, out: usage, err: '' });
    expect((await cli([command, '-h'])).code).toBe(0);
  });

  it('a usage error prints the usage of the command that was called, not another one, and exits 2', async () => {
    const submit = await cli(['submit', '--bogus', 'x']);
    expect(submit.code).toBe(2);
    expect(submit.err).toMatch(/^claim-scrubber submit: Unknown option '--bogus'/);
    expect(submit.err).toContain(SUBMIT_USAGE);
    expect(submit.err).not.toContain(SCRUB_USAGE);
    const explain = await cli(['explain']);
    expect(explain.err).toContain(EXPLAIN_USAGE);
  });

  it('--version names the package version, the ruleset and the claim contract', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(await cli([flag])).toEqual({ code: 0, out: `claim-scrubber ${version} (ruleset ${RULESET_VERSION}, claim event contract v1.2)`, err: '' });
    }
  });
});
