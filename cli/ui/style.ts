import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Colours for a stream: styleText drops them when the stream is not a TTY or NO_COLOR is set. */
export function painter(stream: NodeJS.WriteStream): (format: Format, text: string) => string {
  return (format, text) => styleText(format, text, { stream });
}

export type Paint = ReturnType<typeof painter>;
