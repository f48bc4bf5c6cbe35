import { escapeControls } from '../claim/safe-text.ts';
import type { FileNote } from './types.ts';

/** Counts remarks by message, so a file of any size keeps one entry per kind of remark. */
export class NoteCounter {
  #counts = new Map<string, number>();

  add(message: string): void {
    this.#counts.set(message, (this.#counts.get(message) ?? 0) + 1);
  }

  /** Escaped here, once per kind of note, in case a note quotes the file. */
  list(): FileNote[] {
    return [...this.#counts].map(([message, count]) => ({ message: escapeControls(message), count }));
  }
}
