import { UnreadableInputError } from '../errors.ts';
import { NoteCounter } from '../notes.ts';
import type { FileCounts, FhirPosition, IntakeItem } from '../types.ts';
import { mapFhirClaim } from './map-claim.ts';
import { isResource, ResourceIndex } from './resource-index.ts';

/** One top-level resource of the document and where it sat. */
interface TopLevel {
  value: unknown;
  line?: number;
  parseError?: string;
}

/**
 * Reads a FHIR document: a Claim, a Bundle whose entries hold Claims (and the Patient, Coverage,
 * Organization and Practitioner resources they refer to), or NDJSON of those (bulk-data export).
 * Every Claim becomes an item; other resources only serve references.
 */
export function readFhirDocument(text: string): { items: IntakeItem[]; counts: FileCounts } {
  const notes = new NoteCounter();
  const items: IntakeItem[] = [];
  const push = (claim: Record<string, unknown>, position: FhirPosition, index: ResourceIndex) => {
    const reference = typeof claim.id === 'string' ? { reference: `Claim/${claim.id}` } : {};
    const at: FhirPosition = { ...position, ...reference };
    const mapped = mapFhirClaim(claim, index, notes);
    const i = items.length;
    items.push(mapped.ok ? { kind: 'claim', index: i, claim: mapped.claim, claimId: mapped.claim.claimId, position: at } : { kind: 'rejected', index: i, claimId: mapped.claimId, position: at, errors: mapped.errors });
  };

  for (const top of topLevelValues(text)) {
    const where = top.line === undefined ? {} : { line: top.line };
    if (top.parseError !== undefined) {
      items.push({ kind: 'rejected', index: items.length, claimId: null, position: { format: 'fhir', path: 'NDJSON', ...where }, errors: [{ path: '', message: top.parseError }] });
      continue;
    }
    const value = top.value;
    if (!isResource(value)) {
      items.push({ kind: 'rejected', index: items.length, claimId: null, position: { format: 'fhir', path: '(document)', ...where }, errors: [{ path: 'resourceType', message: 'is required: a FHIR Claim or Bundle' }] });
    } else if (value.resourceType === 'Claim') {
      push(value, { format: 'fhir', path: 'Claim', ...where }, new ResourceIndex());
    } else if (value.resourceType === 'Bundle') {
      readBundle(value, where, push, notes);
    } else {
      notes.add(`${value.resourceType.replace(/[^A-Za-z]/g, '').slice(0, 40)} resource outside a Bundle skipped: only Claims are read`);
    }
  }
  if (items.length === 0) throw new UnreadableInputError('the FHIR input holds no Claim resource');
  const rejected = items.filter((item) => item.kind === 'rejected').length;
  return { items, counts: { format: 'fhir', claimsRead: items.length, rejected, notes: notes.list() } };
}

function readBundle(
  bundle: Record<string, unknown>,
  where: { line?: number },
  push: (claim: Record<string, unknown>, position: FhirPosition, index: ResourceIndex) => void,
  notes: NoteCounter,
): void {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  const index = new ResourceIndex();
  entries.forEach((entry, i) => {
    const e = entry as { resource?: unknown; fullUrl?: unknown } | null;
    index.add(e?.resource, `Bundle.entry[${i}].resource`, typeof e?.fullUrl === 'string' ? e.fullUrl : undefined);
  });
  let claims = 0;
  entries.forEach((entry, i) => {
    const resource = (entry as { resource?: unknown } | null)?.resource;
    if (isResource(resource) && resource.resourceType === 'Claim') {
      claims++;
      push(resource, { format: 'fhir', path: `Bundle.entry[${i}].resource`, ...where }, index);
    }
  });
  if (claims === 0) notes.add('Bundle without a Claim entry skipped');
}

/** The whole text as one JSON value, else one value per NDJSON line. */
function topLevelValues(text: string): TopLevel[] {
  const body = text.replace(/^\uFEFF/, '');
  try {
    const whole: unknown = JSON.parse(body);
    return Array.isArray(whole) ? whole.map((value) => ({ value })) : [{ value: whole }];
  } catch {
    // NDJSON: one resource per line.
  }
  const values: TopLevel[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      values.push({ value: JSON.parse(raw), line: i + 1 });
    } catch (error) {
      values.push({ value: undefined, line: i + 1, parseError: `line ${i + 1} is not valid JSON: ${(error as Error).message}` });
    }
  });
  if (values.length > 0 && values.every((v) => v.parseError !== undefined)) throw new UnreadableInputError('the input is not FHIR JSON or NDJSON');
  return values;
}
