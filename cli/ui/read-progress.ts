/** What the progress line writes to: stderr, or a stand-in with the same shape in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ReadProgressOptions {
  /** The file's size in bytes, when known (a regular file, or standard input redirected from one). */
  totalBytes?: number;
  /** Milliseconds, for the redraw pace; Date.now unless a test steps it. */
  now?: () => number;
}

/** Nothing is drawn for a file read faster than this: a small file should not flash a line. */
const FIRST_DRAW_AFTER_MS = 250;
/** Redraws at most this often: a terminal write per claim would slow the reading down. */
const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

/**
 * One line on a terminal while a claims file is read: claims read so far, and bytes read of the
 * file's size when it is known. Redrawn in place and erased when reading ends, so the report that
 * follows starts on a clean line. Draws nothing when the stream is not a terminal: a log or a pipe
 * gets no progress at all.
 */
export class ReadProgress {
  readonly #stream: ProgressStream;
  readonly #label: string;
  readonly #total: number | undefined;
  readonly #now: () => number;
  readonly #started: number;
  #lastDraw: number | undefined;
  #claims = 0;
  #bytes = 0;

  /** `label` is shown as given: pass text without control characters. */
  constructor(stream: ProgressStream, label: string, options: ReadProgressOptions = {}) {
    this.#stream = stream;
    this.#label = label;
    this.#total = options.totalBytes;
    this.#now = options.now ?? Date.now;
    this.#started = this.#now();
  }

  /** Bytes read from the source; counted as they arrive, drawn with the next claim. */
  addBytes(count: number): void {
    this.#bytes += count;
  }

  claimRead(): void {
    this.#claims++;
    if (!this.#stream.isTTY) return;
    const now = this.#now();
    if (this.#lastDraw === undefined ? now - this.#started < FIRST_DRAW_AFTER_MS : now - this.#lastDraw < REDRAW_EVERY_MS) return;
    this.#lastDraw = now;
    this.#stream.write(`${CLEAR_LINE}${this.#line()}`);
  }

  /** Reading ended (or failed): erase the line, if one was drawn. */
  done(): void {
    if (this.#lastDraw !== undefined) this.#stream.write(CLEAR_LINE);
    this.#lastDraw = undefined;
  }

  #line(): string {
    const claims = `${this.#claims.toLocaleString('en-US')} claim${this.#claims === 1 ? '' : 's'} read`;
    const bytes =
      this.#total === undefined || this.#total === 0
        ? `${megabytes(this.#bytes)} MB`
        : `${megabytes(this.#bytes)} of ${megabytes(this.#total)} MB (${Math.min(100, Math.floor((100 * this.#bytes) / this.#total))}%)`;
    const line = `${this.#label}: ${claims} · ${bytes}`;
    // A line wider than the terminal would wrap, and \r would then redraw only its last part.
    const width = this.#stream.columns ?? 80;
    return line.length < width ? line : `${line.slice(0, Math.max(0, width - 2))}…`;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
