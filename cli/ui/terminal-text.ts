import { escapeControls } from '../../shared/formats/index.ts';

/**
 * Text for a terminal, line by line: each line's control characters (ESC, BEL, CR, C1 CSI…) written
 * as visible escapes, the line breaks between them kept. For messages that may quote a claims file.
 */
export function terminalLines(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}
