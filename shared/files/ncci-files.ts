import { readFileSync } from 'node:fs';
import { parseMueFile, type MueFile } from '../ncci/mue-file.ts';
import { NcciSet, type MueEdit, type NcciProgram, type PtpEdit } from '../ncci/ncci-edits.ts';
import { NcciFileError } from '../ncci/ncci-file.ts';
import { parsePtpFile, type PtpFile } from '../ncci/ptp-file.ts';

export interface NcciFilePaths {
  /** CMS MUE tables (the CSV or CMS's zip): at most one per program. */
  mue?: readonly string[];
  /** CMS PTP tables (the text files or CMS's zips): the parts of one version per program. */
  ptp?: readonly string[];
}

/**
 * Reads the NCCI tables an operator downloaded from CMS into one NcciSet, named by the tables it holds
 * ("MUE medicare practitioner 2026-07-01; PTP medicare practitioner v322r0"). Throws NcciFileError naming
 * the file (and every bad line) when one cannot be read or is not the layout, and when two tables would
 * overwrite each other: two MUE tables of one program, or PTP parts of different versions.
 */
export function loadNcciFiles(paths: NcciFilePaths): NcciSet {
  const mueFiles = (paths.mue ?? []).map((path) => parseMueFile(readBytes(path, 'MUE'), { fileName: path }));
  const ptpFiles = (paths.ptp ?? []).map((path) => parsePtpFile(readBytes(path, 'PTP'), { fileName: path }));
  return ncciSetOf(mueFiles, ptpFiles);
}

/** The set of parsed tables, checked not to overwrite one another. */
export function ncciSetOf(mueFiles: readonly MueFile[], ptpFiles: readonly PtpFile[]): NcciSet {
  const mueByProgram = new Map<NcciProgram, MueFile>();
  for (const file of mueFiles) {
    const earlier = mueByProgram.get(file.program);
    if (earlier) throw new NcciFileError(`two ${file.program} MUE tables (${earlier.fileName}, ${file.fileName}): load one per program, the one for the claims' dates of service`);
    mueByProgram.set(file.program, file);
  }
  const ptpByProgram = new Map<NcciProgram, PtpFile>();
  for (const file of ptpFiles) {
    const earlier = ptpByProgram.get(file.program);
    if (earlier && (earlier.version !== file.version || earlier.setting !== file.setting)) {
      throw new NcciFileError(`${file.program} PTP tables of different versions or settings (${earlier.fileName}, ${file.fileName}): load the parts of one version`);
    }
    ptpByProgram.set(file.program, file);
  }

  const names = [
    ...[...mueByProgram.values()].map((file) => `MUE ${file.program} ${file.setting} ${file.effective}`),
    ...[...ptpByProgram.values()].map((file) => `PTP ${file.program} ${file.setting} ${file.version}`),
  ];
  const mue: MueEdit[] = mueFiles.flatMap((file) => file.edits);
  const ptp: PtpEdit[] = ptpFiles.flatMap((file) => file.edits);
  return new NcciSet(names.join('; '), { mue, ptp }, { mue: [...mueByProgram.keys()], ptp: [...ptpByProgram.keys()] });
}

function readBytes(path: string, kind: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new NcciFileError(`cannot read ${kind} file ${path}: ${(error as Error).message}`);
  }
}
