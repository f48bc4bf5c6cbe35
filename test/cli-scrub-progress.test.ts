import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrubCommand } from '../cli/commands/scrub.ts';
import { ReadProgress } from '../cli/ui/read-progress.ts';

const work = mkdtempSync(join(tmpdir(), 'claim-scrubber-progress-'));
const claim = JSON.parse(readFileSync('examples/01-clean-suite-visit.json', 'utf8')) as Record<string, unknown>;
const NDJSON = join(work, 'claims.ndjson');
writeFileSync(NDJSON, Array.from({ length: 40 }, (_, i) => JSON.stringify({ ...claim, claimId: `HI-PROGRESS-${i + 1}` })).join('\n') + '\n');

/** A stand-in for stderr that records what is written to it. */
function fakeStderr(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 100, write: (text: string) => written.push(text) }, written };
}

/** A clock that moves a second on every reading, so every claim is past the redraw pace. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 1_000);
}

let stdout: string[];
beforeEach(() => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
    stdout.push(String(text));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('scrub progress on a terminal', () => {
  it('draws claims read and bytes read of the file size on stderr, then erases the line before the report', async () => {
    const { stream, written } = fakeStderr(true);
    const code = await scrubCommand(['--json', NDJSON], { progress: stream, now: steppingClock() });
    expect(code).toBe(0);
    const size = (statSync(NDJSON).size / 1_000_000).toFixed(1);
    expect(written[0]).toMatch(new RegExp(`^\\r\\u001b\\[2KReading .*claims\\.ndjson: 1 claim read · \\d+\\.\\d of ${size.replace('.', '\\.')} MB \\(\\d+%\\)$`));
    expect(written).toContain(`\r\u001b[2KReading ${NDJSON}: 40 claims read · ${size} of ${size} MB (100%)`);
    expect(written.at(-1)).toBe('\r\u001b[2K');
    // The report itself is untouched by it.
    expect(stdout.join('').trimEnd().split('\n')).toHaveLength(40);
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const { stream, written } = fakeStderr(false);
    expect(await scrubCommand(['--json', NDJSON], { progress: stream, now: steppingClock() })).toBe(0);
    expect(written).toEqual([]);
  });

  it('erases its line when the file turns out unreadable, so the error starts on a clean line', async () => {
    const broken = join(work, 'broken.json');
    writeFileSync(broken, `[${JSON.stringify(claim)}, ${JSON.stringify(claim)} ${JSON.stringify(claim)}]`);
    const { stream, written } = fakeStderr(true);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    expect(await scrubCommand([broken], { progress: stream, now: steppingClock() })).toBe(2);
    expect(written.at(-1)).toBe('\r\u001b[2K');
    expect(errors[0]).toMatch(/^claim-scrubber scrub: the input looks like a JSON array but is not valid JSON/);
  });
});

describe('ReadProgress', () => {
  it('waits a quarter second before its first line, then redraws at most every 100 ms', () => {
    const { stream, written } = fakeStderr(true);
    let t = 0;
    const progress = new ReadProgress(stream, 'Reading x', { now: () => t });
    progress.claimRead();
    t = 200;
    progress.claimRead();
    expect(written).toEqual([]);
    t = 250;
    progress.claimRead();
    t = 300;
    progress.claimRead();
    t = 350;
    progress.addBytes(2_500_000);
    progress.claimRead();
    expect(written).toEqual(['\r\u001b[2KReading x: 3 claims read · 0.0 MB', '\r\u001b[2KReading x: 5 claims read · 2.5 MB']);
  });

  it('fits the terminal width, so the line never wraps', () => {
    const { stream, written } = fakeStderr(true);
    stream.columns = 30;
    let t = 0;
    const progress = new ReadProgress(stream, `Reading ${'a-long-file-name/'.repeat(5)}`, { totalBytes: 10, now: () => (t += 1_000) });
    progress.claimRead();
    expect(written[0]?.replace('\r\u001b[2K', '')).toHaveLength(29);
  });
});
