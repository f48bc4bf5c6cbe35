/**
 * A one-line progress display on stderr: a redrawn bar on a TTY, otherwise a line at every 10 % so
 * logs and CI output stay short.
 */
export class ProgressBar {
  private readonly label: string;
  private readonly stream: NodeJS.WriteStream;
  private lastDecile = -1;
  private lineOpen = false;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.stream = stream;
  }

  /** `more`: the total so far may still grow (a file still being read), so this is not yet 100 %. */
  update(done: number, total: number, more = false): void {
    const fraction = Math.min(total === 0 ? 1 : done / total, more ? 0.99 : 1);
    const count = `${done}/${total}${more ? '+' : ''}`;
    if (this.stream.isTTY) {
      const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - this.label.length - 30));
      const filled = Math.round(fraction * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count} ${Math.floor(fraction * 100)}%`);
      this.lineOpen = !(done >= total && !more);
      if (!this.lineOpen) this.stream.write('\n');
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.label}: ${count} (${decile * 10}%)\n`);
    }
  }

  /** Ends a bar that stopped short of 100 %, so what is printed next starts on a line of its own. */
  end(): void {
    if (this.lineOpen) this.stream.write('\n');
    this.lineOpen = false;
  }
}
