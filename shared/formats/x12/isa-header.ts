import { UnreadableInputError } from '../errors.ts';
import { quoteInput } from '../../claim/safe-text.ts';

/** The characters an interchange declares in its fixed-width ISA header. */
export interface Separators {
  element: string;
  component: string;
  segment: string;
  /** ISA11 in 5010: the repetition separator. */
  repetition: string;
}

export interface IsaHeader {
  separators: Separators;
  /** ISA13. */
  controlNumber: string;
  /** ISA12, e.g. 00501. */
  version: string;
}

/** ISA01–ISA15 widths; ISA16 (one character) and the segment terminator follow. 106 characters in all. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1] as const;
export const ISA_LENGTH = 106;

/**
 * Reads the separators from the ISA header at the start of `text` (after any BOM or whitespace has
 * been removed). The ISA is fixed-width, so a header of the wrong length would make every later
 * segment split in the wrong places: it rejects the whole file with the element at fault.
 */
export function readIsaHeader(text: string): IsaHeader {
  if (!text.startsWith('ISA')) {
    // Only a segment tag is echoed: the rest of the line may hold member data.
    const tag = /^[A-Z][A-Z0-9]{1,2}(?=[^A-Za-z0-9])/.exec(text)?.[0];
    throw new UnreadableInputError(`no ISA at the start of the file: X12 data must begin with an ISA interchange header; this input begins with ${tag ? `a ${tag} segment` : 'something else'}`);
  }
  const element = text.charAt(3);
  if (element === '' || /[A-Za-z0-9\s]/.test(element)) {
    throw new UnreadableInputError('malformed ISA header: the character after "ISA" must be the element separator (e.g. "*")');
  }
  const values: string[] = [];
  let pos = 4;
  for (let i = 0; i < ISA_WIDTHS.length; i++) {
    const name = `ISA${String(i + 1).padStart(2, '0')}`;
    const end = text.indexOf(element, pos);
    if (end === -1) throw new UnreadableInputError(`malformed ISA header: it ends before ${name}`);
    const value = text.slice(pos, end);
    if (value.length !== ISA_WIDTHS[i]) {
      throw new UnreadableInputError(
        `malformed ISA header: ${name} is ${value.length} characters long but must be exactly ${ISA_WIDTHS[i]} (the ISA is fixed-width, ${ISA_LENGTH} characters)`,
      );
    }
    values.push(value);
    pos = end + 1;
  }
  const component = text.charAt(pos);
  const segment = text.charAt(pos + 1);
  if (component === '' || segment === '') throw new UnreadableInputError('malformed ISA header: the input ends inside the ISA segment');
  if (/[A-Za-z0-9]/.test(component) || component === element) {
    throw new UnreadableInputError(`malformed ISA header: ISA16 ${quoteInput(component)} cannot be the component separator`);
  }
  if (/[A-Za-z0-9]/.test(segment) || segment === element || segment === component) {
    throw new UnreadableInputError(`malformed ISA header: ${quoteInput(segment)} after ISA16 cannot be the segment terminator`);
  }
  const version = values[11] ?? '';
  if (version !== '00501') {
    throw new UnreadableInputError(`unsupported interchange version ISA12 ${quoteInput(version)}: the scrubber reads HIPAA 5010 (00501) 837P files`);
  }
  return { separators: { element, component, segment, repetition: values[10] ?? '' }, controlNumber: (values[12] ?? '').trim(), version };
}
