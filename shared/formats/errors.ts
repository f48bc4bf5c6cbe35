/**
 * The whole input is unusable: empty, not in any claim format, or an X12 envelope that is broken.
 * Nothing of the file should be acted on.
 */
export class UnreadableInputError extends Error {
  /** Claims already handed out before the problem was found (streamed X12 only). */
  readonly claimsBefore: number;

  constructor(message: string, claimsBefore = 0) {
    super(message);
    this.name = 'UnreadableInputError';
    this.claimsBefore = claimsBefore;
  }
}
