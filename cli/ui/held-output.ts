import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Held in memory up to this; beyond it, in a temporary file. */
const IN_MEMORY_CHARACTERS = 16 * 2 ** 20;

/**
 * Output held back until the input has been read to the end (a file rejected late must print
 * nothing): in memory while it is small, then in a temporary file, so that holding the report of a
 * file of any size takes flat memory. The file sits in a directory of its own that only this user
 * can read (it holds findings about claims), and is removed once written out or discarded.
 */
export class HeldOutput {
  readonly #limit: number;
  #parts: string[] = [];
  #size = 0;
  #spill: { dir: string; fd: number } | undefined;

  constructor(limit = IN_MEMORY_CHARACTERS) {
    this.#limit = limit;
  }

  /** Holds `text` as it is: callers add their own separators. */
  add(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size > this.#limit) this.#writeParts();
  }

  /** Writes everything held to `out`, in order, and lets go of it; `out` is left open. */
  async writeTo(out: NodeJS.WritableStream): Promise<void> {
    try {
      if (this.#spill) {
        this.#writeParts();
        closeSync(this.#spill.fd);
        await pipeline(createReadStream(join(this.#spill.dir, 'output')), out, { end: false });
      } else {
        // In slices: one string of everything could pass the longest string V8 can hold.
        for (let i = 0; i < this.#parts.length; i += 1_000) out.write(this.#parts.slice(i, i + 1_000).join(''));
      }
    } finally {
      this.discard();
    }
  }

  /** Drops everything held, and the temporary file if there is one. */
  discard(): void {
    this.#parts = [];
    this.#size = 0;
    const spill = this.#spill;
    this.#spill = undefined;
    if (!spill) return;
    try {
      closeSync(spill.fd);
    } catch {
      // Already closed by writeTo.
    }
    rmSync(spill.dir, { recursive: true, force: true });
  }

  #writeParts(): void {
    if (!this.#spill) {
      const dir = mkdtempSync(join(tmpdir(), 'claim-scrubber-output-'));
      this.#spill = { dir, fd: openSync(join(dir, 'output'), 'w', 0o600) };
    }
    writeSync(this.#spill.fd, this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }
}
