import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { extname, basename, join } from 'node:path';
import { REPORT_SUFFIX } from '../shared/intake/inbox-layout.ts';
import type { FileReport } from '../shared/intake/file-report.ts';
import { ingestClaimsFile } from '../shared/application/ingest-file.ts';
import type { ClaimOutbox } from '../shared/application/ports.ts';
import { PollingLoop } from './polling-loop.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

export const PROCESSED_DIR = 'processed';

export type FolderFileOutcome = { name: string; report: FileReport; movedTo: string; reportPath: string } | { name: string; error: string };

export interface InboxFolderOptions {
  dir: string;
  send: ClaimOutbox;
  pollMs?: number;
  /** How long a file's size and modification time must stay the same before it is read as complete. */
  settleMs?: number;
  onFile?: (outcome: FolderFileOutcome) => void;
}

/** Names a copy or download in progress often has; such a file is renamed when complete, and read then. */
const PARTIAL = /^\.|~$|\.(part|partial|tmp|crdownload|download|swp)$/i;

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * The local stack's inbox folder: a claims file dropped here is read (any format), its claims are
 * sent to the intake queue, and the file moves to processed/ with its report beside it, the same
 * report the intake-files function writes to S3. A file is read once its size and modification time
 * have held still for `settleMs`, so a file still being written is not read half-way. Moving the
 * file is what marks it done: if the stack stops between sending and moving, the file is read again
 * on restart, and the scrubber's idempotency (claim id and body hash) routes each claim once.
 */
export class InboxFolder {
  private readonly options: Required<Omit<InboxFolderOptions, 'onFile'>> & Pick<InboxFolderOptions, 'onFile'>;
  private readonly seen = new Map<string, Seen>();
  private readonly failed = new Set<string>();
  private readonly polling = new PollingLoop();

  constructor(options: InboxFolderOptions) {
    this.options = { pollMs: 250, settleMs: 1_000, ...options };
  }

  get processedDir(): string {
    return join(this.options.dir, PROCESSED_DIR);
  }

  async start(): Promise<void> {
    await mkdir(this.processedDir, { recursive: true });
    this.polling.start(() => this.poll(), this.options.pollMs);
  }

  /** Finishes the file being read, then stops. */
  async stop(): Promise<void> {
    await this.polling.stop();
  }

  /**
   * One look at the folder: every file that has settled is processed, one at a time, in name order. `now` (for
   * tests) stands for the clock; otherwise each file is looked at when its turn comes, since reading
   * the files before it can take a while, and a file first seen then must still wait its settle time.
   */
  async poll(now?: number): Promise<FolderFileOutcome[]> {
    const outcomes: FolderFileOutcome[] = [];
    // In name order, not the file system's: files dropped together are read in an order one can tell.
    const entries = (await readdir(this.options.dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const present = new Set<string>();
    for (const entry of entries) {
      if (!entry.isFile() || PARTIAL.test(entry.name) || entry.name.endsWith(REPORT_SUFFIX)) continue;
      present.add(entry.name);
      if (this.polling.stopping || this.failed.has(entry.name) || !(await this.settled(entry.name, now ?? Date.now()))) continue;
      const outcome = await this.process(entry.name);
      outcomes.push(outcome);
      this.options.onFile?.(outcome);
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    // A file that failed and is gone: a later file of its name is another file, and is read.
    for (const name of this.failed) if (!present.has(name)) this.failed.delete(name);
    return outcomes;
  }

  private async settled(name: string, now: number): Promise<boolean> {
    const info = await stat(join(this.options.dir, name));
    const before = this.seen.get(name);
    if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
      this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
      return false;
    }
    return now - before.since >= this.options.settleMs;
  }

  private async process(name: string): Promise<FolderFileOutcome> {
    const path = join(this.options.dir, name);
    try {
      const report = await ingestClaimsFile(createReadStream(path), { file: name, send: this.options.send });
      const movedTo = await this.freeName(name);
      await rename(path, movedTo);
      const reportPath = `${movedTo}${REPORT_SUFFIX}`;
      // Whoever watches processed/ (a person, a script) never reads a report half-written.
      await writeFileAtomically(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      this.seen.delete(name);
      return { name, report, movedTo, reportPath };
    } catch (error) {
      // Not retried in a loop: a file the stack cannot read now (permissions) waits for a restart.
      this.failed.add(name);
      return { name, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** processed/<name>, or processed/<name>-<n><ext> when a file of that name was processed before. */
  private async freeName(name: string): Promise<string> {
    const ext = extname(name);
    const stem = basename(name, ext);
    for (let n = 1; ; n++) {
      const candidate = join(this.processedDir, n === 1 ? name : `${stem}-${n}${ext}`);
      try {
        await stat(candidate);
      } catch {
        return candidate;
      }
    }
  }
}
