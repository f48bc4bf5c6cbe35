import { basename } from 'node:path';
import { HcpcsFileError, holdsHcpcsRecords } from './hcpcs-file.ts';
import { isZipArchive, zipCandidates } from './zip-archive.ts';

/** The fixed-width code file of a release, as handed over or as found inside CMS's zip. */
export interface ReleaseFile {
  /** The code file's own name: the one that dates the release (HCPC2026_JAN_ANWEB….txt). */
  name: string;
  /** For messages: the path given, and for a zip the member too ("2026-jan.zip: HCPC2026_JAN_ANWEB.txt"). */
  label: string;
  bytes: Uint8Array;
}

/** CMS's name for the code file in its release zip (HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB_v2.txt). */
const CMS_CODE_FILE = /^HCPC.*ANWEB.*\.txt$/i;

/**
 * The release's code file: the bytes themselves, or, for the zip CMS publishes (the code file plus a
 * read-me, the record layout and spreadsheets), the one fixed-width HCPC…ANWEB….txt inside it. A zip
 * with none, or with several that all hold HCPCS records, is refused: guessing could load the wrong
 * release without anyone noticing.
 */
export function openReleaseFile(bytes: Uint8Array, path: string): ReleaseFile {
  if (!isZipArchive(bytes)) return { name: basename(path), label: path, bytes };

  const { entries, members } = zipCandidates(bytes, (entry) => CMS_CODE_FILE.test(baseName(entry)), (reason) => new HcpcsFileError(`${path}: ${reason}`));

  const candidates = Object.keys(members).sort();
  const holdingRecords = candidates.filter((member) => holdsHcpcsRecords(members[member] as Uint8Array));
  const listing = entries.length > 0 ? entries.join(', ') : 'nothing';
  if (candidates.length === 0) {
    throw new HcpcsFileError(`${path}: a zip with no HCPCS code file (HCPC…ANWEB….txt) in it; it holds ${listing}`);
  }
  if (holdingRecords.length === 0) {
    throw new HcpcsFileError(`${path}: no HCPCS records in ${candidates.join(', ')} (is this a CMS alpha-numeric HCPCS zip?)`);
  }
  if (holdingRecords.length > 1) {
    throw new HcpcsFileError(`${path}: several HCPCS code files in one zip (${holdingRecords.join(', ')}); unzip it and name the one to load`);
  }
  const member = holdingRecords[0] as string;
  const memberName = baseName(member);
  return { name: memberName, label: `${path}: ${member}`, bytes: members[member] as Uint8Array };
}

function baseName(entry: string): string {
  return entry.slice(entry.lastIndexOf('/') + 1);
}
