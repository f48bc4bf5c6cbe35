import { basename } from 'node:path';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { HcpcsFileError, holdsHcpcsRecords } from './hcpcs-file.ts';

/** The fixed-width code file of a release, as handed over or as found inside CMS's zip. */
export interface ReleaseFile {
  /** The code file's own name: the one that dates the release (HCPC2026_JAN_ANWEB….txt). */
  name: string;
  /** For messages: the path given, and for a zip the member too ("2026-jan.zip: HCPC2026_JAN_ANWEB.txt"). */
  label: string;
  bytes: Uint8Array;
}

// A zip opens with a local file header, or, when it is empty, with the end-of-central-directory record.
const ZIP_LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

/** CMS's name for the code file in its release zip (HCPC2020_ANWEB_w_disclaimer.txt, HCPC2026_JAN_ANWEB_v2.txt). */
const CMS_CODE_FILE = /^HCPC.*ANWEB.*\.txt$/i;

/** True when the bytes are a zip archive, whatever the file is called. */
export function isZipArchive(bytes: Uint8Array): boolean {
  return [ZIP_LOCAL_FILE_HEADER, ZIP_EMPTY_ARCHIVE].some((magic) => magic.every((byte, i) => bytes[i] === byte));
}

/**
 * The release's code file: the bytes themselves, or, for the zip CMS publishes (the code file plus a
 * read-me, the record layout and spreadsheets), the one fixed-width HCPC…ANWEB….txt inside it. A zip
 * with none, or with several that all hold HCPCS records, is refused: guessing could load the wrong
 * release without anyone noticing.
 */
export function openReleaseFile(bytes: Uint8Array, path: string): ReleaseFile {
  if (!isZipArchive(bytes)) return { name: basename(path), label: path, bytes };

  const entries: string[] = [];
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (file.name.endsWith('/')) return false;
        entries.push(file.name);
        // Only the candidates are inflated; the spreadsheets and PDFs beside them can be large.
        return isCandidate(file.name);
      },
    });
  } catch (error) {
    throw new HcpcsFileError(`${path}: not a readable zip archive (${(error as Error).message})`);
  }

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

function isCandidate(entry: string): boolean {
  // Skip the resource-fork copies macOS adds to zips it makes (__MACOSX/._HCPC….txt).
  return !entry.startsWith('__MACOSX/') && CMS_CODE_FILE.test(baseName(entry));
}

function baseName(entry: string): string {
  return entry.slice(entry.lastIndexOf('/') + 1);
}
