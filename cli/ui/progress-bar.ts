/**
 * A one-line progress display on stderr: a redrawn bar on a TTY, otherwise a line at every 10 % so
 * logs and CI output stay short.
 */
export class ProgressBar {
  private readonly label: string;
  private readonly stream: NodeJS.WriteStream;
  private lastDecile = -1;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.stream = stream;
  }

  update(done: number, total: number): void {
    const fraction = total === 0 ? 1 : done / total;
    if (this.stream.isTTY) {
      const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - this.label.length - 30));
      const filled = Math.round(fraction * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}%`);
      if (done >= total) this.stream.write('\n');
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.label}: ${done}/${total} (${decile * 10}%)\n`);
    }
  }
}
