import * as z from 'zod';
import { formatPath } from '../claim/validate.ts';
import { ACTION_MEANINGS, COVERAGE_MEANINGS, type ActionCode, type CodeRecord, type CoverageCode } from './code-record.ts';
import { isoDate } from './hcpcs-file.ts';

/** `source` of every record from the project file, so a scrub result shows the code is not CMS data. */
export const PROJECT_SOURCE = 'project';

const COVERAGE_CODES = Object.keys(COVERAGE_MEANINGS) as [CoverageCode, ...CoverageCode[]];
const ACTION_CODES = Object.keys(ACTION_MEANINGS) as [ActionCode, ...ActionCode[]];

const isoDateSchema = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isoDate(value.replaceAll('-', '')) === value, {
    message: 'must be a real date as YYYY-MM-DD',
  });

const projectRecordSchema = z
  .object({
    kind: z.enum(['procedure', 'modifier']),
    code: z.string(),
    longDescription: z.string().trim().min(1),
    shortDescription: z.string().trim().min(1),
    coverage: z.enum(COVERAGE_CODES).optional(),
    betos: z.string().trim().min(1).optional(),
    addedDate: isoDateSchema.optional(),
    actionEffectiveDate: isoDateSchema.optional(),
    terminationDate: isoDateSchema.optional(),
    actionCode: z.enum(ACTION_CODES).optional(),
    homeInfusionService: z.boolean(),
  })
  // A misspelt optional field would otherwise vanish silently.
  .strict()
  .superRefine((record, ctx) => {
    const pattern = record.kind === 'procedure' ? /^[A-Z0-9]{5}$/ : /^[A-Z0-9]{2}$/;
    if (!pattern.test(record.code)) {
      const size = record.kind === 'procedure' ? 5 : 2;
      ctx.addIssue({ code: 'custom', path: ['code'], message: `a ${record.kind} code is ${size} upper-case letters or digits` });
    }
  });

const projectCodesSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().min(1),
    records: z.array(projectRecordSchema).min(1),
  })
  .strict()
  .superRefine((document, ctx) => {
    const seen = new Set<string>();
    document.records.forEach((record, i) => {
      const key = `${record.kind}:${record.code}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['records', i, 'code'], message: `duplicates ${record.kind} ${record.code}` });
      }
      seen.add(key);
    });
  });

export class ProjectCodesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectCodesError';
  }
}

/**
 * Validates the project code document: codes the CMS Level II file lacks (CPT home infusion visits),
 * kept in the project's own words. Throws ProjectCodesError naming every bad field.
 */
export function parseProjectCodes(input: unknown, origin = 'project code file'): CodeRecord[] {
  const parsed = projectCodesSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${formatPath(i.path) || '(document)'}: ${i.message}`);
    throw new ProjectCodesError(`${origin} is not a valid project code file:\n${problems.join('\n')}`);
  }
  return parsed.data.records.map((record) => ({ ...record, source: PROJECT_SOURCE }));
}
