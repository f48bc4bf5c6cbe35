import { unzipSync, type UnzipFileInfo } from 'fflate';

// A zip opens with a local file header, or, when it is empty, with the end-of-central-directory record.
const ZIP_LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

/** True when the bytes are a zip archive, whatever the file is called. */
export function isZipArchive(bytes: Uint8Array): boolean {
  return [ZIP_LOCAL_FILE_HEADER, ZIP_EMPTY_ARCHIVE].some((magic) => magic.every((byte, i) => bytes[i] === byte));
}

/**
 * The files of a zip CMS publishes (a data file beside read-mes, layouts and spreadsheets) that could
 * be the one wanted, inflated, and every entry's name for messages. Only the candidates are inflated:
 * the spreadsheets and PDFs beside them can be large. macOS's resource-fork copies (__MACOSX/…) and
 * folders are never candidates. An unreadable zip throws what `toError` makes of the reason.
 */
export function zipCandidates(
  bytes: Uint8Array,
  isCandidate: (name: string) => boolean,
  toError: (reason: string) => Error,
): { entries: string[]; members: Record<string, Uint8Array> } {
  const entries: string[] = [];
  try {
    const members = unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (file.name.endsWith('/')) return false;
        entries.push(file.name);
        return !file.name.startsWith('__MACOSX/') && isCandidate(file.name);
      },
    });
    return { entries, members };
  } catch (error) {
    throw toError(`not a readable zip archive (${(error as Error).message})`);
  }
}
